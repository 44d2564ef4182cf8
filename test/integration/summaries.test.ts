// Managers' summaries checked against numbers computed by hand on a small
// fixture set (five seizures in three units of a programme of their own),
// with the manager's scope, filters, CSV, audit and rate limit.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import type { PoolClient } from "../../core/db/pool.js";
import { withTransaction } from "../../core/db/pool.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { insertHistoryShipment, insertInspection, insertReferral, insertSeizure } from "../helpers/summary-fixtures.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
const programme = `S-${randomBytes(3).toString("hex").toUpperCase()}`;
let u1: TestUnit;
let u2: TestUnit;
let u3: TestUnit;
let programmeManager: TestUser;
let belgiumManager: TestUser;
let franceManager: TestUser;
let officer: TestUser;
const ids: Record<string, string> = {};

interface SeizureFixture { unit: TestUnit; commodity: string; quantity: number; qUnit: string; at: string; method: string; arrests: number }

async function seizure(client: PoolClient, f: SeizureFixture, line: number): Promise<string> {
  const { unit, ...row } = f;
  return (await insertSeizure(client, { ...row, unitId: unit.id }, line)).seizureId;
}

/** A referral with its transitions: [status, at] pairs after drafting. */
async function referral(client: PoolClient, unitId: string, seizureId: string, steps: [string, string][], overdue = false): Promise<void> {
  await insertReferral(client, { unitId, seizureId, steps, overdue, recipient: { kind: "national_investigators", name: "Investigators" } });
}

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => new Date("2026-01-20T00:00:00Z"));
  app = createApp(services);
  u1 = await createTestUnit(services, "BEANR");
  u2 = await createTestUnit(services, "BEZEE");
  u3 = await createTestUnit(services, "ECGYE");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [u1.id, u2.id, u3.id]]);
  programmeManager = await createTestUser(services, [{ role: "manager", programme }]);
  belgiumManager = await createTestUser(services, [{ role: "manager", programme, country: "BE" }]);
  franceManager = await createTestUser(services, [{ role: "manager", programme, country: "FR" }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: u1.code }]);
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = ANY($1::uuid[])", [
    [programmeManager.id, belgiumManager.id, franceManager.id, officer.id],
  ]);
  await withTransaction(services.pool, async (client) => {
    ids.s1 = await seizure(client, { unit: u1, commodity: "cocaine", quantity: 100, qUnit: "kg", at: "2025-01-10T08:00:00Z", method: "profile", arrests: 2 }, 1);
    ids.s2 = await seizure(client, { unit: u1, commodity: "cocaine", quantity: 500, qUnit: "g", at: "2025-02-15T08:00:00Z", method: "random", arrests: 0 }, 2);
    ids.s3 = await seizure(client, { unit: u1, commodity: "cigarettes", quantity: 10000, qUnit: "sticks", at: "2025-04-02T08:00:00Z", method: "scanner", arrests: 1 }, 3);
    ids.s4 = await seizure(client, { unit: u2, commodity: "heroin", quantity: 20, qUnit: "kg", at: "2025-04-20T08:00:00Z", method: "intelligence", arrests: 3 }, 4);
    ids.s5 = await seizure(client, { unit: u3, commodity: "cocaine", quantity: 1, qUnit: "t", at: "2025-07-01T08:00:00Z", method: "profile", arrests: 0 }, 5);
    // Overdue is judged at the clock (2026-01-20): the running investigations (s1, s4) had a status update on 15 January, so
    // they owe none before February; s2, sent on 20 February 2025 and never acknowledged, and s5, never sent, are overdue.
    await referral(client, u1.id, ids.s1, [["sent", "2025-01-11T08:00:00Z"], ["acknowledged", "2025-01-12T08:00:00Z"], ["investigation_opened", "2025-01-20T08:00:00Z"], ["prosecution", "2025-03-01T08:00:00Z"], ["prosecution", "2026-01-15T08:00:00Z"]]);
    await referral(client, u1.id, ids.s2, [["sent", "2025-02-20T08:00:00Z"]]);
    await referral(client, u2.id, ids.s4, [["sent", "2025-04-21T08:00:00Z"], ["acknowledged", "2025-04-22T08:00:00Z"], ["investigation_opened", "2025-04-25T08:00:00Z"], ["controlled_delivery", "2025-05-01T08:00:00Z"], ["controlled_delivery", "2026-01-15T08:00:00Z"]]);
    await referral(client, u3.id, ids.s5, [], true);

    // Profile performance: one version in unit 1, four assessed shipments.
    const profile = await client.query<{ id: string }>("INSERT INTO risk_profile (id, unit_id, code, name) VALUES (gen_random_uuid(), $1, 'FIXTURE', 'fixture') RETURNING id", [u1.id]);
    const version = await client.query<{ id: string }>(
      "INSERT INTO profile_version (id, profile_id, version, status, definition, definition_hash) VALUES (gen_random_uuid(), $1, 1, 'active', '{}', 'x') RETURNING id",
      [profile.rows[0]!.id],
    );
    const hit = (await client.query<{ shipment_id: string }>("SELECT shipment_id FROM seizure WHERE id = $1", [ids.s1])).rows[0]!.shipment_id;
    const clean = await insertHistoryShipment(client, u1.id, 10);
    await insertInspection(client, u1.id, clean, "nothing_found");
    const notInspected = await insertHistoryShipment(client, u1.id, 11);
    const notSelected = await insertHistoryShipment(client, u1.id, 12);
    const ind = (...codes: string[]) => JSON.stringify(codes.map((code) => ({ code, label: code, points: 10, evidence: [] })));
    for (const [s, selected, indicators] of [[hit, true, ind("A", "B")], [clean, true, ind("A")], [notInspected, true, ind("B")], [notSelected, false, ind()]] as const) {
      await client.query(
        `INSERT INTO assessment (id, shipment_id, profile_version_id, unit_id, score, selected, random, indicators, scored_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 50, $4, false, $5, '2025-01-05')`,
        [s, version.rows[0]!.id, u1.id, selected, indicators],
      );
    }
  });
});
afterAll(async () => services.dispose());

const get = (who: TestUser, path: string, query: Record<string, string> = {}) => request(app).get(path).set(bearer(who)).query(query);

describe("seizure summaries", () => {
  test("by commodity: count, share and quantity (g and t in kg)", async () => {
    const res = await get(programmeManager, "/v1/summaries/seizures");
    expect(res.status).toBe(200);
    expect(res.body.units).toEqual([u1.code, u2.code, u3.code].sort());
    expect(res.body.totalSeizures).toBe(5);
    expect(res.body.rows).toEqual([
      { key: "cocaine", seizures: 3, sharePercent: 60, quantities: { kg: 1100.5 }, personsArrested: 2 },
      { key: "cigarettes", seizures: 1, sharePercent: 20, quantities: { sticks: 10000 }, personsArrested: 1 },
      { key: "heroin", seizures: 1, sharePercent: 20, quantities: { kg: 20 }, personsArrested: 3 },
    ]);
  });

  test("by quarter, by country, by detection method, and filtered by period and units", async () => {
    const quarter = await get(programmeManager, "/v1/summaries/seizures", { groupBy: "quarter" });
    expect(quarter.body.rows).toEqual([
      { key: "2025-Q1", seizures: 2, sharePercent: 40, quantities: { kg: 100.5 }, personsArrested: 2 },
      { key: "2025-Q2", seizures: 2, sharePercent: 40, quantities: { kg: 20, sticks: 10000 }, personsArrested: 4 },
      { key: "2025-Q3", seizures: 1, sharePercent: 20, quantities: { kg: 1000 }, personsArrested: 0 },
    ]);
    const country = await get(programmeManager, "/v1/summaries/seizures", { groupBy: "country" });
    expect(country.body.rows.map((r: { key: string; seizures: number }) => [r.key, r.seizures])).toEqual([["BE", 4], ["EC", 1]]);
    const method = await get(programmeManager, "/v1/summaries/seizures", { groupBy: "detection_method" });
    expect(method.body.rows.map((r: { key: string; seizures: number }) => [r.key, r.seizures])).toEqual([["profile", 2], ["intelligence", 1], ["random", 1], ["scanner", 1]]);
    const period = await get(programmeManager, "/v1/summaries/seizures", { from: "2025-02-01", to: "2025-04-30" });
    expect(period.body.rows.map((r: { key: string; sharePercent: number }) => [r.key, r.sharePercent])).toEqual([["cigarettes", 33.3], ["cocaine", 33.3], ["heroin", 33.3]]);
    const oneUnit = await get(programmeManager, "/v1/summaries/seizures", { units: u3.code, groupBy: "unit" });
    expect(oneUnit.body.rows).toEqual([{ key: u3.code, seizures: 1, sharePercent: 100, quantities: { kg: 1000 }, personsArrested: 0 }]);
  });

  test("a country manager sees their country; another country's manager and officers see nothing", async () => {
    const be = await get(belgiumManager, "/v1/summaries/seizures");
    expect(be.body.units).toEqual([u1.code, u2.code].sort());
    expect(be.body.rows.map((r: { key: string; seizures: number; sharePercent: number }) => [r.key, r.seizures, r.sharePercent])).toEqual([
      ["cocaine", 2, 50], ["cigarettes", 1, 25], ["heroin", 1, 25],
    ]);
    // Asking for a unit outside the scope changes nothing.
    expect((await get(belgiumManager, "/v1/summaries/seizures", { units: u3.code })).body.totalSeizures).toBe(0);
    for (const report of ["seizures", "referrals", "profiles"]) {
      const res = await get(franceManager, `/v1/summaries/${report}`);
      expect(res.status).toBe(200);
      expect(res.body.rows).toEqual([]);
      // Summaries are for programme managers: an officer is refused outright.
      expect((await get(officer, `/v1/summaries/${report}`)).status).toBe(403);
    }
    expect((await get(franceManager, "/v1/summaries/pilot")).body.items).toEqual([]);
    expect((await get(officer, "/v1/summaries/pilot")).status).toBe(403);
  });
});

describe("referral follow-up and profile performance", () => {
  test("referred in time, acknowledged, investigations, controlled deliveries, prosecutions, arrests", async () => {
    const all = await get(programmeManager, "/v1/summaries/referrals");
    expect(all.body.rows).toEqual([{
      key: "all", seizures: 5, referred: 3, referredInTime: 2, referredInTimePercent: 40, acknowledged: 2, acknowledgedPercent: 66.7,
      investigationsOpened: 2, controlledDeliveries: 1, prosecutions: 1, personsArrested: 6, overdueReferrals: 2,
    }]);
    const byCountry = await get(programmeManager, "/v1/summaries/referrals", { groupBy: "country" });
    expect(byCountry.body.rows).toEqual([
      { key: "BE", seizures: 4, referred: 3, referredInTime: 2, referredInTimePercent: 50, acknowledged: 2, acknowledgedPercent: 66.7,
        investigationsOpened: 2, controlledDeliveries: 1, prosecutions: 1, personsArrested: 6, overdueReferrals: 1 },
      { key: "EC", seizures: 1, referred: 0, referredInTime: 0, referredInTimePercent: 0, acknowledged: 0, acknowledgedPercent: null,
        investigationsOpened: 0, controlledDeliveries: 0, prosecutions: 0, personsArrested: 0, overdueReferrals: 1 },
    ]);
  });

  test("selection rate and hit rate per version and per indicator", async () => {
    const version = await get(programmeManager, "/v1/summaries/profiles");
    expect(version.body.rows).toEqual([
      { unit: u1.code, profile: "FIXTURE", version: 1, assessed: 4, selected: 3, selectionRatePercent: 75, inspectedSelected: 2, hits: 1, hitRatePercent: 50 },
    ]);
    const indicator = await get(programmeManager, "/v1/summaries/profiles", { by: "indicator" });
    expect(indicator.body.rows.map((r: { indicator: string; assessed: number; inspectedSelected: number; hits: number; hitRatePercent: number }) =>
      [r.indicator, r.assessed, r.inspectedSelected, r.hits, r.hitRatePercent])).toEqual([["A", 2, 2, 1, 50], ["B", 2, 1, 1, 100]]);
  });

  test("pilot: cocaine and heroin of the past 12 months with their gaps", async () => {
    const pilot = await get(programmeManager, "/v1/summaries/pilot");
    expect(pilot.body.items.map((i: { seizureId: string; gaps: string[] }) => [i.seizureId, i.gaps])).toEqual([
      [ids.s5, ["not_referred", "overdue_referrals"]],
      [ids.s4, []],
      [ids.s2, ["referred_late", "not_acknowledged", "overdue_referrals"]],
    ]);
  });
});

describe("exports", () => {
  test("CSV export, audited", async () => {
    const csv = await get(programmeManager, "/v1/summaries/seizures", { format: "csv" });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.text).toBe(
      "commodity,seizures,share_percent,quantity_kg,quantity_sticks,persons_arrested\r\n" +
        "cocaine,3,60,1100.5,,2\r\ncigarettes,1,20,,10000,1\r\nheroin,1,20,20,,3\r\n",
    );
    const audit = await services.pool.query("SELECT details->>'format' AS format FROM audit_event WHERE action = 'summary.exported' AND actor_id = $1", [programmeManager.id]);
    expect(audit.rows.map((r: { format: string }) => r.format)).toContain("csv");
    // Reading the same summary as JSON (a screen) is a view, never logged as an export.
    await get(programmeManager, "/v1/summaries/seizures", {});
    const actions = await services.pool.query<{ action: string; format: string }>(
      "SELECT action, details->>'format' AS format FROM audit_event WHERE action LIKE 'summary.%' AND actor_id = $1",
      [programmeManager.id],
    );
    expect(actions.rows.filter((r) => r.format === "json").map((r) => r.action)).toContain("summary.viewed");
    expect(actions.rows.filter((r) => r.action === "summary.exported").map((r) => r.format)).toEqual(actions.rows.filter((r) => r.format === "csv").map(() => "csv"));
    const pilot = await get(programmeManager, "/v1/summaries/pilot", { format: "csv" });
    expect(pilot.text.split("\r\n")[0]).toBe("seizure_id,unit,country,commodity,quantity,quantity_unit,seized_at,persons_arrested,referrals,gaps");
  });

  test("bad filters are named", async () => {
    const res = await get(programmeManager, "/v1/summaries/seizures", { groupBy: "week", format: "xml", from: "2025-05-01", to: "2025-04-01", units: "not a unit" });
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["query.format", "query.groupBy", "query.units[0]"]);
    const order = await get(programmeManager, "/v1/summaries/referrals", { from: "2025-05-01", to: "2025-04-01" });
    expect(order.body.errors).toEqual([{ path: "query.to", message: "is before from" }]);
  });

  test("exports are rate limited per token", async () => {
    const limited = createTestServices({ EXPENSIVE_RATE_LIMIT: "2" }, () => new Date("2026-01-20T00:00:00Z"));
    const limitedApp = createApp(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await request(limitedApp).get("/v1/summaries/seizures").set(bearer(belgiumManager))).status);
    expect(statuses).toEqual([200, 200, 429]);
    await limited.dispose();
  });
});
