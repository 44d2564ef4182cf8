// The managers' KPI tiles against figures worked out by hand: a 30-day period
// (1–30 March 2026) and the 30 days before it, in two units of one programme.
// Seizures and quantity by commodity, referral follow-up rate, referrals
// overdue at the end of each period, hit rate of inspections, each with its
// change; an agency-only seizure and inspection of another agency count nowhere.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { withTransaction, type PoolClient } from "../../core/db/pool.js";
import { insertHistoryShipment, insertSeizure } from "../helpers/summary-fixtures.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
const programme = `K-${randomBytes(3).toString("hex").toUpperCase()}`;
let u1: TestUnit;
let u2: TestUnit;
let manager: TestUser;
let officer: TestUser;
let line = 0;

/** A referral created at `created`, drafted then, with its later steps: [status, at]. */
async function referral(client: PoolClient, unitId: string, seizureId: string, created: string, steps: [string, string][]): Promise<void> {
  const last = steps.at(-1) ?? ["drafted", created];
  const at = (status: string) => steps.find(([s]) => s === status)?.[1] ?? null;
  const res = await client.query<{ id: string }>(
    `INSERT INTO referral (id, seizure_id, unit_id, recipient_kind, recipient_name, status, sent_at, acknowledged_at, last_update_at, created_at)
     VALUES (gen_random_uuid(), $1, $2, 'national_investigators', 'Investigators', $3, $4, $5, $6, $7) RETURNING id`,
    [seizureId, unitId, last[0], at("sent"), at("acknowledged"), last[1], created],
  );
  let from: string | null = null;
  for (const [to, when] of [["drafted", created], ...steps] as [string, string][]) {
    await client.query("INSERT INTO referral_event (id, referral_id, from_status, to_status, at) VALUES (gen_random_uuid(), $1, $2, $3, $4)", [res.rows[0]!.id, from, to, when]);
    from = to;
  }
}

async function inspections(client: PoolClient, unitId: string, day: string, outcomes: string[], share: { sharing?: string; owner?: string } = {}): Promise<void> {
  for (const outcome of outcomes) {
    const shipmentId = await insertHistoryShipment(client, unitId, 1000 + ++line);
    await client.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at, sharing, owner_agency_id)
       VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4, $5, $6)`,
      [shipmentId, unitId, outcome, `${day}T10:00:00Z`, share.sharing ?? "unit", share.owner ?? null],
    );
  }
}

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => new Date("2026-03-31T12:00:00Z"));
  app = createApp(services);
  u1 = await createTestUnit(services, "BEANR");
  u2 = await createTestUnit(services, "NLRTM");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [u1.id, u2.id]]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: u1.code }]);
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = ANY($1::uuid[])", [[manager.id, officer.id]]);
  const police = await createTestAgency(services);
  const hidden = { sharing: "agency" as const, ownerAgencyId: police.id };
  await withTransaction(services.pool, async (client) => {
    const seize = async (unitId: string, commodity: string, quantity: number, qUnit: string, at: string, share = {}) =>
      (await insertSeizure(client, { unitId, commodity, quantity, qUnit, at, arrests: 0, ...share }, ++line)).seizureId;
    // The period: 1–30 March.
    const c1 = await seize(u1.id, "cocaine", 100, "kg", "2026-03-05T08:00:00Z");
    const c2 = await seize(u1.id, "cocaine", 2_000, "g", "2026-03-10T08:00:00Z");
    await seize(u2.id, "cigarettes", 10_000, "sticks", "2026-03-20T08:00:00Z");
    const c4 = await seize(u2.id, "heroin", 20, "kg", "2026-03-12T08:00:00Z", hidden);
    // The 30 days before: 30 January – 28 February.
    const p1 = await seize(u1.id, "cocaine", 1, "t", "2026-02-10T08:00:00Z");
    const p2 = await seize(u2.id, "heroin", 5, "kg", "2026-02-20T08:00:00Z");
    await seize(u1.id, "cocaine", 70, "kg", "2026-01-29T08:00:00Z"); // the day before the previous period: counted in neither
    // In time (within 48 h), acknowledged: nothing owed before 6 April.
    await referral(client, u1.id, c1, "2026-03-05T12:00:00Z", [["sent", "2026-03-06T08:00:00Z"], ["acknowledged", "2026-03-07T08:00:00Z"]]);
    // Sent late, never acknowledged: overdue since 22 March.
    await referral(client, u1.id, c2, "2026-03-10T12:00:00Z", [["sent", "2026-03-15T08:00:00Z"]]);
    // Hidden from the manager's agency, drafted and overdue: counts nowhere.
    await referral(client, u2.id, c4, "2026-03-12T12:00:00Z", []);
    // In time; the investigation has had no update since 13 February: overdue from 15 March, not on 1 March.
    await referral(client, u1.id, p1, "2026-02-10T12:00:00Z", [["sent", "2026-02-11T08:00:00Z"], ["acknowledged", "2026-02-12T08:00:00Z"], ["investigation_opened", "2026-02-13T08:00:00Z"]]);
    // Still drafted on 1 March (due 22 February): overdue then; sent late and acknowledged since.
    await referral(client, u2.id, p2, "2026-02-20T12:00:00Z", [["sent", "2026-03-02T08:00:00Z"], ["acknowledged", "2026-03-05T08:00:00Z"]]);
    // Hit rate: 2 of 8 in the period, 1 of 10 before; the hidden hit counts nowhere.
    await inspections(client, u1.id, "2026-03-03", ["seizure", "nothing_found", "nothing_found", "irregularity"]);
    await inspections(client, u2.id, "2026-03-25", ["seizure", "nothing_found", "nothing_found", "nothing_found"]);
    await inspections(client, u2.id, "2026-03-26", ["seizure"], { sharing: "agency", owner: police.id });
    await inspections(client, u1.id, "2026-02-02", ["seizure", ...Array<string>(9).fill("nothing_found")]);
  });
}, 120_000);
afterAll(async () => {
  await services.dispose();
});

const kpis = async (query: string, user: TestUser = manager) => request(app).get(`/v1/summaries/kpis?${query}`).set(bearer(user));

describe("KPI tiles", () => {
  test("the period and the previous period of equal length", async () => {
    const res = await kpis("from=2026-03-01&to=2026-03-30");
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ from: "2026-03-01", to: "2026-03-30", days: 30 });
    expect(res.body.previousPeriod).toEqual({ from: "2026-01-30", to: "2026-02-28", days: 30 });
    expect(res.body.units).toEqual([u1.code, u2.code].sort());
  });

  test("seizures and quantity by commodity, with their change", async () => {
    const { body } = await kpis("from=2026-03-01&to=2026-03-30");
    expect(body.seizures).toMatchObject({ current: 3, previous: 2, difference: 1, changePercent: 50 });
    const by = Object.fromEntries(body.seizures.byCommodity.map((row: { commodity: string }) => [row.commodity, row]));
    expect(body.seizures.byCommodity.map((row: { commodity: string }) => row.commodity)).toEqual(["cocaine", "cigarettes", "heroin"]);
    expect(by.cocaine.seizures).toEqual({ current: 2, previous: 1, difference: 1, changePercent: 100 });
    expect(by.cocaine.quantities).toEqual([{ measure: "kg", current: 102, previous: 1000, difference: -898, changePercent: -89.8 }]);
    expect(by.cigarettes.seizures).toEqual({ current: 1, previous: 0, difference: 1, changePercent: null });
    expect(by.cigarettes.quantities).toEqual([{ measure: "sticks", current: 10_000, previous: 0, difference: 10_000, changePercent: null }]);
    // The agency-only 20 kg are not the manager's to see: heroin is 0 now, 5 kg before.
    expect(by.heroin.quantities).toEqual([{ measure: "kg", current: 0, previous: 5, difference: -5, changePercent: -100 }]);
  });

  test("referral follow-up rate: seizures referred within 48 h, in percentage points", async () => {
    const { body } = await kpis("from=2026-03-01&to=2026-03-30");
    expect(body.referralFollowUp).toMatchObject({ current: 33.3, previous: 50, changePoints: -16.7 });
    expect(body.referralFollowUp.now).toEqual({ seizures: 3, referred: 2, referredInTime: 1, referredInTimePercent: 33.3 });
  });

  test("overdue referrals at the end of each period, from their steps' deadlines", async () => {
    const { body } = await kpis("from=2026-03-01&to=2026-03-30");
    expect(body.overdueReferrals).toMatchObject({ current: 2, previous: 1, difference: 1, changePercent: 100 });
    expect(body.overdueReferrals.asOf).toEqual({ current: "2026-03-31T00:00:00.000Z", previous: "2026-03-01T00:00:00.000Z" });
    // On 15 March at midnight c2 was still drafted (due 12 March), and p1's investigation owed nothing before 08:00.
    const early = await kpis("from=2026-02-28&to=2026-03-14");
    expect(early.body.overdueReferrals.current).toBe(1);
  });

  test("hit rate of inspections, in percentage points", async () => {
    const { body } = await kpis("from=2026-03-01&to=2026-03-30");
    expect(body.inspectionHitRate).toMatchObject({ current: 25, previous: 10, changePoints: 15 });
    expect(body.inspectionHitRate.now).toEqual({ inspections: 8, hits: 2, hitRatePercent: 25 });
  });

  test("without a period: the last 90 days up to today", async () => {
    const { body } = await kpis("");
    expect(body.period).toEqual({ from: "2026-01-01", to: "2026-03-31", days: 90 });
    expect(body.previousPeriod).toEqual({ from: "2025-10-03", to: "2025-12-31", days: 90 });
    expect(body.seizures.current).toBe(6);
  });

  test("a unit filter narrows every figure", async () => {
    const { body } = await kpis(`from=2026-03-01&to=2026-03-30&units=${u2.code}`);
    expect(body.seizures).toMatchObject({ current: 1, previous: 1 });
    expect(body.inspectionHitRate.now).toEqual({ inspections: 4, hits: 1, hitRatePercent: 25 });
    expect(body.overdueReferrals).toMatchObject({ current: 0, previous: 1 });
  });

  test("the dashboard carries the same tiles", async () => {
    const res = await request(app).get("/v1/summaries/dashboard?from=2026-03-01&to=2026-03-30").set(bearer(manager));
    expect(res.status).toBe(200);
    expect(res.body.kpis.seizures.current).toBe(3);
    expect(res.body.kpis.overdueReferrals.current).toBe(2);
  });

  test("bad input names the field; an officer is refused", async () => {
    const bad = await kpis("from=2026-03-10&to=2026-03-01");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("to");
    const wrongDate = await kpis("from=2026-13-01");
    expect(wrongDate.status).toBe(400);
    expect(JSON.stringify(wrongDate.body)).toContain("from");
    expect((await kpis("from=2026-03-01", officer)).status).toBe(403);
  });
});
