// The whole follow-up of one seizure, end to end on the real app: a container
// flagged by the baseline profile is inspected, drugs are seized, the seizure
// is referred twice, a sweep with a controlled clock finds the overdue
// referrals, an alert flags the container in a second unit (a shipment it
// already had and one it receives later), and the managers' summaries show it.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { sweepOverdueReferrals } from "../../core/referrals/sweep-overdue.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let clock = new Date("2026-12-09T10:00:00Z");
let services: TestServices;
let app: ReturnType<typeof createApp>;
const programme = `P-${randomBytes(3).toString("hex").toUpperCase()}`;
let unitA: { id: string; code: string };
let unitB: { id: string; code: string };
let officerA: TestUser;
let officerB: TestUser;
let manager: TestUser;
let otherCountryManager: TestUser;

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => clock);
  app = createApp(services);
  unitA = await createUnitWithBaseline(services, "BEANR");
  unitB = await createUnitWithBaseline(services, "NLRTM");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [unitA.id, unitB.id]]);
  officerA = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }]);
  officerB = await createTestUser(services, [{ role: "officer", unitCode: unitB.code }]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
  otherCountryManager = await createTestUser(services, [{ role: "manager", programme, country: "FR" }]);
  // Tokens expire a day after the test clock's start; this test moves the clock on by weeks.
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = ANY($1::uuid[])", [
    [officerA.id, officerB.id, manager.id, otherCountryManager.id],
  ]);
});
afterAll(async () => services.dispose());

async function ingestAndScore(unit: { id: string; code: string }, auth: TestUser, manifest: Record<string, unknown>): Promise<string> {
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(auth)).send(manifest);
  expect(posted.status, JSON.stringify(posted.body)).toBe(202);
  const manifestId = posted.body.manifestId as string;
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [manifestId])).rows.map((r) => r.id);
  await scoreShipments(services, unit.id, ids);
  return manifestId;
}

describe("from a flagged container to the managers' summaries", () => {
  test("lifecycle", async () => {
    // 1. A manifest arrives in unit A; the baseline profile flags the suspicious box.
    const manifest = buildManifest(12);
    manifest.shipments[7] = buildShipment(7, {
      goodsDescription: "SAID TO CONTAIN GENERAL CARGO",
      freightTerms: "collect",
      sealNumbers: [],
      consignee: { name: "NEW HOLDINGS 7 BVBA", address: "Appartement 3, Kerkstraat 12, Antwerpen", country: "BE" },
    });
    const manifestA = await ingestAndScore(unitA, officerA, manifest);
    const flagged = await services.pool.query<{ id: string; container_number: string }>(
      `SELECT s.id, s.container_number FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id
        WHERE s.manifest_id = $1 AND st.selected AND s.line_no = 7`,
      [manifestA],
    );
    expect(flagged.rows).toHaveLength(1);
    const shipment = flagged.rows[0]!;
    const authA = bearer(officerA);

    // 2. The officer records the inspection: scanned and opened, drugs found.
    const inspection = await request(app).post(`/v1/units/${unitA.code}/inspections`).set(authA).send({
      shipmentId: shipment.id,
      scanned: true,
      physicallyExamined: true,
      inspectedBy: "Team 2 (customs + federal police)",
      inspectedAt: "2026-12-09T09:00:00Z",
      outcome: "seizure",
      notes: "bricks behind the reefer evaporator",
    });
    expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
    expect(inspection.body).toMatchObject({ outcome: "seizure", scanned: true, physicallyExamined: true, selection: "profile", sharing: "unit" });

    // 3. The seizure, with its parties: they go onto the unit's watchlist.
    const seizure = await request(app).post(`/v1/units/${unitA.code}/seizures`).set(authA).send({
      inspectionId: inspection.body.id,
      commodity: "cocaine",
      quantity: 120.5,
      quantityUnit: "kg",
      concealment: "in_reefer_unit",
      detectionMethod: "profile",
      agencies: [officerA.agencyCode],
      personsArrested: 2,
      parties: [{ shipmentRole: "consignee" }, { name: "Juan Perez Transportes S.A.", country: "EC", role: "haulier" }],
    });
    expect(seizure.status, JSON.stringify(seizure.body)).toBe(201);
    expect(seizure.body).toMatchObject({ commodity: "cocaine", quantity: 120.5, personsArrested: 2, containerNumber: shipment.container_number });
    expect(seizure.body.parties).toHaveLength(2);
    const seizureId = seizure.body.id as string;
    const watchlist = await services.pool.query<{ value: string; provenance: string; kind: string }>(
      `SELECT e.value, e.provenance, w.kind FROM watchlist w JOIN watchlist_entry e ON e.watchlist_id = w.id
        WHERE w.unit_id = $1 AND w.code = 'SEIZURE-PARTIES' ORDER BY e.value`,
      [unitA.id],
    );
    expect(watchlist.rows).toHaveLength(2);
    expect(watchlist.rows.every((r) => r.provenance === `seizure:${seizureId}` && r.kind === "party")).toBe(true);
    const inspectionRow = await services.pool.query("SELECT commodity FROM inspection WHERE id = $1", [inspection.body.id]);
    expect(inspectionRow.rows[0]).toEqual({ commodity: "cocaine" });

    // 4. Two referrals: investigators (followed up) and the INTERPOL NCB (left in draft).
    const seizedAt = new Date("2026-12-09T09:00:00Z").getTime();
    const investigators = await request(app).post(`/v1/units/${unitA.code}/seizures/${seizureId}/referrals`).set(authA)
      .send({ recipient: { kind: "national_investigators", name: "Federal Judicial Police Antwerp" } });
    expect(investigators.status, JSON.stringify(investigators.body)).toBe(201);
    expect(investigators.body).toMatchObject({ status: "drafted", allowed: ["sent"], dueAt: new Date(seizedAt + 48 * HOUR).toISOString() });
    const interpol = await request(app).post(`/v1/units/${unitA.code}/seizures/${seizureId}/referrals`).set(authA)
      .send({ recipient: { kind: "interpol_ncb", name: "NCB Brussels", noticeType: "purple" }, note: "modus operandi: reefer evaporator" });
    expect(interpol.status).toBe(201);
    const r1 = investigators.body.id as string;
    const r2 = interpol.body.id as string;

    const move = (id: string, body: Record<string, unknown>) => request(app).post(`/v1/units/${unitA.code}/referrals/${id}/transitions`).set(authA).send(body);
    clock = new Date("2026-12-09T11:00:00Z");
    expect((await move(r1, { to: "sent" })).body).toMatchObject({ status: "sent", dueAt: new Date(clock.getTime() + 7 * DAY).toISOString() });
    clock = new Date("2026-12-10T08:00:00Z");
    expect((await move(r1, { to: "acknowledged", note: "case 2026/1234" })).status).toBe(200);
    expect((await move(r1, { to: "investigation_opened" })).status).toBe(200);
    clock = new Date("2026-12-11T08:00:00Z");
    const cd = await move(r1, { to: "controlled_delivery", note: "delivery to consignee's warehouse" });
    expect(cd.body).toMatchObject({ status: "controlled_delivery", allowed: ["prosecution", "closed"] });
    expect(cd.body.dueAt).toBe(new Date(clock.getTime() + 30 * DAY).toISOString());

    // 5. The sweep: the INTERPOL draft missed its 48 h; a second run changes nothing.
    clock = new Date(seizedAt + 49 * HOUR);
    // The sweep covers every unit of the database (other test files share it),
    // so what is checked is this unit's state, and that a second run adds nothing.
    expect((await sweepOverdueReferrals(services)).markedOverdue).toBeGreaterThanOrEqual(1);
    await sweepOverdueReferrals(services);
    const overdue = await request(app).get(`/v1/units/${unitA.code}/referrals`).set(authA).query({ overdue: "true" });
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toEqual([r2]);
    const notes = await request(app).get(`/v1/units/${unitA.code}/notifications`).set(authA).query({ kind: "referral_overdue" });
    expect(notes.body.items).toHaveLength(1);
    expect(notes.body.items[0]).toMatchObject({ entityType: "referral", entityId: r2, readAt: null });
    // 31 days on, the investigation owes a status update.
    clock = new Date("2027-01-11T09:00:00Z");
    expect((await sweepOverdueReferrals(services)).markedOverdue).toBeGreaterThanOrEqual(1);
    const detail = await request(app).get(`/v1/units/${unitA.code}/referrals/${r1}`).set(authA);
    expect(detail.body).toMatchObject({ overdue: true, status: "controlled_delivery" });
    expect(detail.body.events.map((e: { to: string }) => e.to)).toEqual(["drafted", "sent", "acknowledged", "investigation_opened", "controlled_delivery"]);
    expect(detail.body.events[2]).toMatchObject({ by: officerA.username, note: "case 2026/1234", at: "2026-12-10T08:00:00.000Z" });

    // 6. Unit B already has the container on a manifest; unit A alerts B and shares the seizure report.
    const manifestB1 = buildManifest(3, { portOfDischarge: "NLRTM" });
    manifestB1.shipments[1] = buildShipment(1, { containerNumber: shipment.container_number });
    await ingestAndScore(unitB, officerB, manifestB1);
    const alert = await request(app).post(`/v1/units/${unitA.code}/alerts`).set(authA).send({
      subject: { kind: "container", containerNumber: shipment.container_number },
      message: "cocaine in the reefer unit; rip-on suspected at loading",
      recipients: [unitB.code],
      seizureId,
    });
    expect(alert.status, JSON.stringify(alert.body)).toBe(201);
    const alertId = alert.body.id as string;
    const authB = bearer(officerB);
    const inbox = await request(app).get(`/v1/units/${unitB.code}/alerts`).set(authB);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ id: alertId, fromUnit: unitA.code, matchedShipments: 1 });
    // ...and a later voyage carrying the same box is flagged when it is scored.
    clock = new Date("2027-01-12T09:00:00Z");
    const manifestB2 = buildManifest(2, { portOfDischarge: "NLRTM", arrivalDate: "2027-01-20" });
    manifestB2.shipments[0] = buildShipment(0, { containerNumber: shipment.container_number });
    await ingestAndScore(unitB, officerB, manifestB2);
    const matches = await request(app).get(`/v1/units/${unitB.code}/alert-matches`).set(authB);
    expect(matches.body.items).toHaveLength(2);
    expect(matches.body.items.every((m: { containerNumber: string; reason: { alertId: string; fromUnit: string } }) =>
      m.containerNumber === shipment.container_number && m.reason.alertId === alertId && m.reason.fromUnit === unitA.code)).toBe(true);
    // The officer's own queue shows the alerted containers as flagged, with the alert as the reason.
    const queue = await request(app).get(`/v1/units/${unitB.code}/shipments`).set(authB).query({ flagged: "true", containerNumber: shipment.container_number });
    expect(queue.body.items.length).toBeGreaterThan(0);
    for (const item of queue.body.items) {
      expect(item.flagged).toBe(true);
      expect(item.alerts[0]).toMatchObject({ alertId, fromUnit: unitA.code });
    }
    const seen = await request(app).get(`/v1/units/${unitB.code}/alerts/${alertId}`).set(authB);
    expect(seen.body.seizureReport).toMatchObject({ commodity: "cocaine", quantity: 120.5, concealment: "in_reefer_unit" });
    expect(seen.body.flaggedShipments).toHaveLength(2);
    // B acknowledges and replies; A is told.
    expect((await request(app).post(`/v1/units/${unitB.code}/alerts/${alertId}/acknowledge`).set(authB).send({})).status).toBe(200);
    const reply = await request(app).post(`/v1/units/${unitB.code}/alerts/${alertId}/replies`).set(authB).send({ message: "box held for inspection on arrival" });
    expect(reply.status).toBe(201);
    expect(reply.body.replies).toEqual([expect.objectContaining({ unitCode: unitB.code, message: "box held for inspection on arrival" })]);
    const aNotes = await request(app).get(`/v1/units/${unitA.code}/notifications`).set(authA);
    expect(aNotes.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual(["alert_acknowledged", "alert_reply", "referral_overdue", "referral_overdue"]);
    // A unit the alert was not sent to does not see it; A does not see B's shipments.
    expect((await request(app).get(`/v1/units/${unitA.code}/alert-matches`).set(authA)).body.items).toEqual([]);

    // 7. The managers' summaries reflect all of it.
    const mgr = bearer(manager);
    const bySeizure = await request(app).get("/v1/summaries/seizures").set(mgr).query({ groupBy: "commodity" });
    expect(bySeizure.status).toBe(200);
    expect(bySeizure.body).toMatchObject({ totalSeizures: 1, units: [unitA.code, unitB.code].sort() });
    expect(bySeizure.body.rows).toEqual([{ key: "cocaine", seizures: 1, sharePercent: 100, quantities: { kg: 120.5 }, personsArrested: 2 }]);
    const followUp = await request(app).get("/v1/summaries/referrals").set(mgr);
    expect(followUp.body.rows).toEqual([{
      key: "all", seizures: 1, referred: 1, referredInTime: 1, referredInTimePercent: 100, acknowledged: 1, acknowledgedPercent: 100,
      investigationsOpened: 1, controlledDeliveries: 1, prosecutions: 0, personsArrested: 2, overdueReferrals: 2,
    }]);
    const profiles = await request(app).get("/v1/summaries/profiles").set(mgr).query({ units: unitA.code });
    expect(profiles.body.rows).toHaveLength(1);
    expect(profiles.body.rows[0]).toMatchObject({ unit: unitA.code, assessed: 12, inspectedSelected: 1, hits: 1, hitRatePercent: 100 });
    const pilot = await request(app).get("/v1/summaries/pilot").set(mgr);
    expect(pilot.body.items).toHaveLength(1);
    expect(pilot.body.items[0]).toMatchObject({ seizureId, commodity: "cocaine", gaps: ["overdue_referrals"] });
    expect(pilot.body.items[0].referrals).toHaveLength(2);

    // A manager of another country sees none of it.
    const other = bearer(otherCountryManager);
    expect((await request(app).get("/v1/summaries/seizures").set(other)).body).toMatchObject({ totalSeizures: 0, rows: [], units: [] });
    expect((await request(app).get("/v1/summaries/pilot").set(other)).body.items).toEqual([]);
    expect((await request(app).get("/v1/summaries/referrals").set(other)).body.rows).toEqual([]);
  });
});
