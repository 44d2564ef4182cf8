// Referral state machine: illegal moves answer 409 with the allowed ones,
// bad inputs name their field, and a unit's deadlines set the due dates.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let other: TestUnit;
let officer: TestUser;
let manager: TestUser;
let seizureId: string;
const seizedAt = new Date(Date.now() - 3_600_000);

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  other = await createTestUnit(services, "NLRTM");
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  manager = await createTestUser(services, [{ role: "manager", unitCode: unit.code }]);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(1));
  const seeded = await services.pool.query<{ id: string }>(
    `WITH s AS (SELECT id FROM shipment WHERE manifest_id = $1),
          i AS (INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at)
                SELECT gen_random_uuid(), s.id, $2, 'seizure', '{physical}', $3 FROM s RETURNING id, shipment_id)
     INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, quantity, quantity_unit, concealment, detection_method, agencies, seized_at)
     SELECT gen_random_uuid(), $2, i.id, i.shipment_id, 'cocaine', 40, 'kg', 'rip_on_rip_off', 'intelligence', '{}', $3 FROM i RETURNING id`,
    [posted.body.manifestId, unit.id, seizedAt],
  );
  seizureId = seeded.rows[0]!.id;
});
afterAll(async () => services.dispose());

const refer = (body: unknown) => request(app).post(`/v1/units/${unit.code}/seizures/${seizureId}/referrals`).set(bearer(officer)).send(body as object);
const move = (id: string, body: unknown) => request(app).post(`/v1/units/${unit.code}/referrals/${id}/transitions`).set(bearer(officer)).send(body as object);

describe("referral state machine", () => {
  test("illegal transitions answer 409 with the allowed ones; final states allow nothing", async () => {
    const created = await refer({ recipient: { kind: "prosecutor", name: "Public prosecutor Antwerp" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const skip = await move(id, { to: "prosecution" });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ error: "conflict", status: "drafted", allowed: ["sent"] });
    expect((await move(id, { to: "sent" })).status).toBe(200);
    expect((await move(id, { to: "sent" })).body).toMatchObject({ status: "sent", allowed: ["acknowledged", "declined"] });
    const declined = await move(id, { to: "declined", note: "outside our jurisdiction" });
    expect(declined.body).toMatchObject({ status: "declined", allowed: [], dueAt: null, outcome: "outside our jurisdiction" });
    const after = await move(id, { to: "acknowledged" });
    expect(after.status).toBe(409);
    expect(after.body.allowed).toEqual([]);
    const history = await request(app).get(`/v1/units/${unit.code}/referrals/${id}`).set(bearer(manager));
    // The referral leads back to the box, its bill of lading and the seizure with its quantity.
    expect(history.body.seizure).toMatchObject({ id: seizureId, commodity: "cocaine", quantity: 40, quantityUnit: "kg" });
    expect(history.body.shipment).toMatchObject({ containerNumber: expect.stringMatching(/^[A-Z]{4}\d{7}$/), billOfLading: expect.stringMatching(/^MEDUEC/) });
    const listed = await request(app).get(`/v1/units/${unit.code}/referrals`).set(bearer(officer));
    expect(listed.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ shipment: { containerNumber: history.body.shipment.containerNumber }, seizure: { quantity: 40 } });
    expect(history.body.events.map((e: { from: string | null; to: string }) => `${e.from}>${e.to}`)).toEqual(["null>drafted", "drafted>sent", "sent>declined"]);
  });

  test("closing needs an outcome; dates may be given but not in the future or before the last change", async () => {
    const id = (await refer({ recipient: { kind: "financial_intelligence_unit", name: "CTIF-CFI" } })).body.id as string;
    const early = await move(id, { to: "sent", at: new Date(seizedAt.getTime() - 3_600_000 * 24).toISOString() });
    expect(early.body.errors).toEqual([{ path: "at", message: expect.stringMatching(/before the referral's last change/) }]);
    expect((await move(id, { to: "sent", at: "2099-01-01T00:00:00Z" })).body.errors).toEqual([{ path: "at", message: "is in the future" }]);
    await move(id, { to: "sent" });
    await move(id, { to: "acknowledged" });
    const noOutcome = await move(id, { to: "closed" });
    expect(noOutcome.body.errors).toEqual([{ path: "outcome", message: "required when closing a referral" }]);
    expect((await move(id, { to: "acknowledged", outcome: "conviction" })).body.errors).toEqual([{ path: "outcome", message: "only when closing a referral" }]);
    const closed = await move(id, { to: "closed", outcome: "no_further_action", note: "no financial trail" });
    expect(closed.body).toMatchObject({ status: "closed", outcome: "no_further_action", dueAt: null });
    expect((await move(id, { to: "bogus" })).body.errors).toEqual([{ path: "to", message: expect.any(String) }]);
  });

  test("a second open referral of the seizure to the same recipient is refused; after it ends, a new one is allowed", async () => {
    const recipient = { kind: "national_investigators", name: "Federal Judicial Police Antwerp" };
    const first = await refer({ recipient });
    expect(first.status).toBe(201);
    const again = await refer({ recipient: { ...recipient, name: "federal judicial police antwerp" } });
    expect(again.status).toBe(409);
    expect(again.body.referralId).toBe(first.body.id);
    expect((await refer({ recipient: { kind: "national_investigators", name: "Maritime Police Antwerp" } })).status).toBe(201);
    await move(first.body.id as string, { to: "sent" });
    await move(first.body.id as string, { to: "declined", note: "not ours" });
    expect((await refer({ recipient })).status).toBe(201);
  });

  test("each bad recipient is named", async () => {
    const errors = async (body: unknown) => ((await refer(body)).body.errors as { path: string }[]).map((e) => e.path);
    expect(await errors({})).toEqual(["recipient"]);
    expect(await errors({ recipient: { kind: "police" } })).toEqual(["recipient.kind"]);
    expect(await errors({ recipient: { kind: "programme_unit" } })).toEqual(["recipient.unitCode"]);
    expect(await errors({ recipient: { kind: "prosecutor", name: "X Office", noticeType: "purple" } })).toEqual(["recipient.noticeType"]);
    expect(await errors({ recipient: { kind: "interpol_ncb", name: "NCB", noticeType: "pink" } })).toEqual(["recipient.noticeType"]);
    expect(await errors({ recipient: { kind: "programme_unit", unitCode: "ZZZZZ-NOPE" } })).toEqual(["recipient.unitCode"]);
    const missing = await request(app).post(`/v1/units/${unit.code}/seizures/00000000-0000-4000-8000-000000000000/referrals`).set(bearer(officer))
      .send({ recipient: { kind: "prosecutor", name: "Prosecutor" } });
    expect(missing.status).toBe(404);
  });

  test("a referral to another unit of the programme notifies it when sent", async () => {
    const id = (await refer({ recipient: { kind: "programme_unit", unitCode: other.code } })).body.id as string;
    await move(id, { to: "sent" });
    const notified = await services.pool.query("SELECT kind FROM notification WHERE unit_id = $1 AND entity_id = $2", [other.id, id]);
    expect(notified.rows).toEqual([{ kind: "referral_received" }]);
  });

  test("the unit's deadlines set the due dates; only a manager changes them", async () => {
    const defaults = await request(app).get(`/v1/units/${unit.code}/referral-deadlines`).set(bearer(officer));
    expect(defaults.body).toEqual({ sendHours: 48, acknowledgeDays: 7, updateDays: 30 });
    expect((await request(app).put(`/v1/units/${unit.code}/referral-deadlines`).set(bearer(officer)).send({ sendHours: 24, acknowledgeDays: 3, updateDays: 14 })).status).toBe(403);
    const bad = await request(app).put(`/v1/units/${unit.code}/referral-deadlines`).set(bearer(manager)).send({ sendHours: 0, acknowledgeDays: 1.5 });
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["acknowledgeDays", "sendHours", "updateDays"]);
    const set = await request(app).put(`/v1/units/${unit.code}/referral-deadlines`).set(bearer(manager)).send({ sendHours: 24, acknowledgeDays: 3, updateDays: 14 });
    expect(set.status).toBe(200);
    const created = await refer({ recipient: { kind: "joint_investigation_team", name: "JIT EC-BE" } });
    expect(created.body.dueAt).toBe(new Date(seizedAt.getTime() + 24 * 3_600_000).toISOString());
    const sent = await move(created.body.id as string, { to: "sent" });
    expect(new Date(sent.body.dueAt as string).getTime() - new Date(sent.body.sentAt as string).getTime()).toBe(3 * 24 * 3_600_000);
  });
});
