// What the managers' dashboard asks the summaries for, against numbers worked
// out by hand on six seizures in three units of two countries: seizures per
// month and per week by unit, country or commodity; the pilot list narrowed by
// period, drug and follow-up gap; per-indicator performance (inspected and
// seizures, selected or not); and every block in one request.
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
const programme = `D-${randomBytes(3).toString("hex").toUpperCase()}`;
let u1: TestUnit;
let u2: TestUnit;
let u3: TestUnit;
let manager: TestUser;
let franceManager: TestUser;
let officer: TestUser;
const ids: Record<string, string> = {};
const shipments: Record<string, string> = {};

interface SeizureFixture { name: string; unit: TestUnit; commodity: string; quantity: number; qUnit: string; at: string; arrests: number }

async function seizure(client: PoolClient, f: SeizureFixture, line: number): Promise<void> {
  const { name, unit, ...row } = f;
  const stored = await insertSeizure(client, { ...row, unitId: unit.id }, line);
  ids[name] = stored.seizureId;
  shipments[name] = stored.shipmentId;
}

/** A referral with its transitions: [status, at] pairs after drafting. */
async function referral(client: PoolClient, unitId: string, seizureId: string, steps: [string, string][], overdue = false): Promise<void> {
  await insertReferral(client, { unitId, seizureId, steps, overdue, recipient: { kind: "prosecutor", name: "Fiscalía" } });
}

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => new Date("2026-01-20T00:00:00Z"));
  app = createApp(services);
  u1 = await createTestUnit(services, "BEANR");
  u2 = await createTestUnit(services, "BEZEE");
  u3 = await createTestUnit(services, "ECGYE");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [u1.id, u2.id, u3.id]]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
  franceManager = await createTestUser(services, [{ role: "manager", programme, country: "FR" }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: u1.code }]);
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = ANY($1::uuid[])", [[manager.id, franceManager.id, officer.id]]);
  await withTransaction(services.pool, async (client) => {
    await seizure(client, { name: "s1", unit: u1, commodity: "cocaine", quantity: 100, qUnit: "kg", at: "2025-01-10T08:00:00Z", arrests: 2 }, 1);
    await seizure(client, { name: "s2", unit: u1, commodity: "cocaine", quantity: 500, qUnit: "g", at: "2025-02-15T08:00:00Z", arrests: 0 }, 2);
    await seizure(client, { name: "s3", unit: u1, commodity: "cigarettes", quantity: 10000, qUnit: "sticks", at: "2025-04-02T08:00:00Z", arrests: 1 }, 3);
    await seizure(client, { name: "s4", unit: u2, commodity: "heroin", quantity: 20, qUnit: "kg", at: "2025-04-20T08:00:00Z", arrests: 3 }, 4);
    await seizure(client, { name: "s5", unit: u3, commodity: "cocaine", quantity: 1, qUnit: "t", at: "2025-07-01T08:00:00Z", arrests: 0 }, 5);
    await seizure(client, { name: "s6", unit: u3, commodity: "heroin", quantity: 5, qUnit: "kg", at: "2025-12-29T08:00:00Z", arrests: 1 }, 6);
    // Overdue is judged at the clock (2026-01-20): the running investigations (s1, s4) had a status update on 15 January, so
    // they owe none before February; s2, sent on 20 February 2025 and never acknowledged, and s5, never sent, are overdue.
    await referral(client, u1.id, ids.s1!, [["sent", "2025-01-11T08:00:00Z"], ["acknowledged", "2025-01-12T08:00:00Z"], ["investigation_opened", "2025-01-20T08:00:00Z"], ["investigation_opened", "2026-01-15T08:00:00Z"]]);
    await referral(client, u1.id, ids.s2!, [["sent", "2025-02-20T08:00:00Z"]]);
    await referral(client, u2.id, ids.s4!, [["sent", "2025-04-21T08:00:00Z"], ["acknowledged", "2025-04-22T08:00:00Z"], ["investigation_opened", "2025-04-25T08:00:00Z"], ["investigation_opened", "2026-01-15T08:00:00Z"]]);
    await referral(client, u3.id, ids.s5!, [], true);

    // One profile version in unit 1: a hit and a clean inspection selected, one selected box never
    // inspected, and the cigarettes box (s3) inspected although the profile did not select it.
    const profile = await client.query<{ id: string }>("INSERT INTO risk_profile (id, unit_id, code, name) VALUES (gen_random_uuid(), $1, 'DASH', 'dashboard') RETURNING id", [u1.id]);
    const version = await client.query<{ id: string }>(
      "INSERT INTO profile_version (id, profile_id, version, status, definition, definition_hash) VALUES (gen_random_uuid(), $1, 1, 'active', '{}', 'x') RETURNING id",
      [profile.rows[0]!.id],
    );
    const clean = await insertHistoryShipment(client, u1.id, 10);
    await insertInspection(client, u1.id, clean, "nothing_found");
    const notInspected = await insertHistoryShipment(client, u1.id, 11);
    const labels: Record<string, string> = { A: "Alpha", B: "Bravo" };
    const ind = (...codes: string[]) => JSON.stringify(codes.map((code) => ({ code, label: labels[code], points: 10, evidence: [] })));
    for (const [s, selected, indicators] of [[shipments.s1!, true, ind("A", "B")], [clean, true, ind("A")], [notInspected, true, ind("B")], [shipments.s3!, false, ind("B")]] as const) {
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
type TrendRow = { period: string; key: string; seizures: number; quantities: Record<string, number>; personsArrested: number };
const cells = (rows: TrendRow[]) => rows.map((r) => [r.period, r.key, r.seizures]);

describe("seizures over time", () => {
  test("per month and unit by default, with quantities in kg and arrests", async () => {
    const res = await get(manager, "/v1/summaries/seizures-over-time");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ report: "seizures-over-time", interval: "month", series: "unit", totalSeizures: 6, units: [u1.code, u2.code, u3.code] });
    expect(res.body.rows).toEqual([
      { period: "2025-01", key: u1.code, seizures: 1, quantities: { kg: 100 }, personsArrested: 2 },
      { period: "2025-02", key: u1.code, seizures: 1, quantities: { kg: 0.5 }, personsArrested: 0 },
      { period: "2025-04", key: u1.code, seizures: 1, quantities: { sticks: 10000 }, personsArrested: 1 },
      { period: "2025-04", key: u2.code, seizures: 1, quantities: { kg: 20 }, personsArrested: 3 },
      { period: "2025-07", key: u3.code, seizures: 1, quantities: { kg: 1000 }, personsArrested: 0 },
      { period: "2025-12", key: u3.code, seizures: 1, quantities: { kg: 5 }, personsArrested: 1 },
    ]);
  });

  test("by country within a period; by commodity per week (keyed by its Monday); by all for one unit", async () => {
    const country = await get(manager, "/v1/summaries/seizures-over-time", { series: "country", from: "2025-02-01", to: "2025-04-30" });
    expect(country.body.rows).toEqual([
      { period: "2025-02", key: "BE", seizures: 1, quantities: { kg: 0.5 }, personsArrested: 0 },
      { period: "2025-04", key: "BE", seizures: 2, quantities: { kg: 20, sticks: 10000 }, personsArrested: 4 },
    ]);
    const weekly = await get(manager, "/v1/summaries/seizures-over-time", { interval: "week", series: "commodity" });
    expect(cells(weekly.body.rows)).toEqual([
      ["2025-01-06", "cocaine", 1],
      ["2025-02-10", "cocaine", 1],
      ["2025-03-31", "cigarettes", 1],
      ["2025-04-14", "heroin", 1],
      ["2025-06-30", "cocaine", 1],
      ["2025-12-29", "heroin", 1],
    ]);
    const oneUnit = await get(manager, "/v1/summaries/seizures-over-time", { series: "all", units: u3.code });
    expect(oneUnit.body.units).toEqual([u3.code]);
    expect(cells(oneUnit.body.rows)).toEqual([["2025-07", "all", 1], ["2025-12", "all", 1]]);
  });

  test("CSV: one line per period and series, the interval and series as headers", async () => {
    const monthly = await get(manager, "/v1/summaries/seizures-over-time", { series: "country", format: "csv", to: "2025-04-30" });
    expect(monthly.status).toBe(200);
    expect(monthly.headers["content-type"]).toMatch(/^text\/csv/);
    expect(monthly.headers["content-disposition"]).toBe('attachment; filename="seizures-over-time-summary.csv"');
    expect(monthly.text).toBe(
      "month,country,seizures,quantity_kg,quantity_sticks,persons_arrested\r\n" +
        "2025-01,BE,1,100,,2\r\n2025-02,BE,1,0.5,,0\r\n2025-04,BE,2,20,10000,4\r\n",
    );
    const weekly = await get(manager, "/v1/summaries/seizures-over-time", { interval: "week", format: "csv", units: u3.code });
    expect(weekly.text).toBe(`week_starting,unit,seizures,quantity_kg,persons_arrested\r\n2025-06-30,${u3.code},1,1000,0\r\n2025-12-29,${u3.code},1,5,1\r\n`);
  });

  test("bad interval, series and period are named; others see nothing, officers are refused", async () => {
    const bad = await get(manager, "/v1/summaries/seizures-over-time", { interval: "day", series: "port", from: "2025-05-01", to: "2025-04-01" });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["query.interval", "query.series"]);
    const order = await get(manager, "/v1/summaries/seizures-over-time", { from: "2025-05-01", to: "2025-04-01" });
    expect(order.body.errors).toEqual([{ path: "query.to", message: "is before from" }]);
    const france = await get(franceManager, "/v1/summaries/seizures-over-time");
    expect(france.body).toMatchObject({ units: [], totalSeizures: 0, rows: [] });
    expect((await get(officer, "/v1/summaries/seizures-over-time")).status).toBe(403);
  });
});

describe("pilot list filters", () => {
  const pilot = async (query: Record<string, string> = {}) => {
    const res = await get(manager, "/v1/summaries/pilot", query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as { seizureId: string; gaps: string[] }[]).map((i) => [i.seizureId, i.gaps]);
  };

  test("the past 12 months of cocaine and heroin, narrowed by drug, gap and period", async () => {
    // s1 (2025-01-10) is more than 12 months before the clock (2026-01-20); s3 is cigarettes.
    expect(await pilot()).toEqual([
      [ids.s6, ["not_referred"]],
      [ids.s5, ["not_referred", "overdue_referrals"]],
      [ids.s4, []],
      [ids.s2, ["referred_late", "not_acknowledged", "overdue_referrals"]],
    ]);
    expect((await pilot({ commodity: "heroin" })).map(([id]) => id)).toEqual([ids.s6, ids.s4]);
    expect((await pilot({ followUp: "overdue_referrals" })).map(([id]) => id)).toEqual([ids.s5, ids.s2]);
    expect((await pilot({ followUp: "complete" })).map(([id]) => id)).toEqual([ids.s4]);
    expect((await pilot({ followUp: "gaps", commodity: "cocaine" })).map(([id]) => id)).toEqual([ids.s5, ids.s2]);
    expect((await pilot({ followUp: "not_acknowledged" })).map(([id]) => id)).toEqual([ids.s2]);
    expect((await pilot({ from: "2025-04-01", to: "2025-07-31" })).map(([id]) => id)).toEqual([ids.s5, ids.s4]);
    // A period reaching further back still stops at 12 months.
    expect((await pilot({ from: "2024-01-01", to: "2025-03-01" })).map(([id]) => id)).toEqual([ids.s2]);
    expect((await pilot({ units: `${u2.code},${u3.code}`, commodity: "cocaine" })).map(([id]) => id)).toEqual([ids.s5]);
  });

  test("the CSV holds the same rows as the JSON; bad filters are named", async () => {
    const csv = await get(manager, "/v1/summaries/pilot", { format: "csv", commodity: "heroin" });
    const lines = csv.text.trim().split("\r\n");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual([ids.s6, ids.s4]);
    expect(lines[1]).toContain(`${u3.code},EC,heroin,5,kg,2025-12-29T08:00:00.000Z,1,,not_referred`);
    const bad = await get(manager, "/v1/summaries/pilot", { commodity: "cannabis", followUp: "late", from: "2025-05-01", to: "2025-04-01" });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["query.commodity", "query.followUp"]);
  });
});

describe("per-indicator performance", () => {
  test("label, inspected (selected or not) and seizures beside the hits of selected boxes", async () => {
    const res = await get(manager, "/v1/summaries/profiles", { by: "indicator" });
    expect(res.body.rows).toEqual([
      { unit: u1.code, profile: "DASH", version: 1, indicator: "A", label: "Alpha", assessed: 2, selected: 2, selectionRatePercent: 100,
        inspectedSelected: 2, hits: 1, hitRatePercent: 50, inspected: 2, seizures: 1 },
      { unit: u1.code, profile: "DASH", version: 1, indicator: "B", label: "Bravo", assessed: 3, selected: 2, selectionRatePercent: 66.7,
        inspectedSelected: 1, hits: 1, hitRatePercent: 100, inspected: 2, seizures: 2 },
    ]);
    const csv = await get(manager, "/v1/summaries/profiles", { by: "indicator", format: "csv" });
    expect(csv.text).toBe(
      "unit,profile,version,indicator,label,assessed,selected,selection_rate_percent,inspected_selected,hits,hit_rate_percent,inspected,seizures\r\n" +
        `${u1.code},DASH,1,A,Alpha,2,2,100,2,1,50,2,1\r\n${u1.code},DASH,1,B,Bravo,3,2,66.7,1,1,100,2,2\r\n`,
    );
    // Per version the rows keep their shape.
    const version = await get(manager, "/v1/summaries/profiles");
    expect(Object.keys(version.body.rows[0] as object).sort()).toEqual(
      ["assessed", "hitRatePercent", "hits", "inspectedSelected", "profile", "selected", "selectionRatePercent", "unit", "version"],
    );
  });
});

describe("the dashboard in one request", () => {
  test("every block over the same period and units, with each block's own choice", async () => {
    const res = await get(manager, "/v1/summaries/dashboard", {
      from: "2025-04-01", to: "2025-12-31", groupBy: "country", interval: "month", series: "country", funnelBy: "country", pilotCommodity: "heroin",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({ report: "dashboard", period: { from: "2025-04-01", to: "2025-12-31" }, units: [u1.code, u2.code, u3.code] });
    expect(d.seizures.rows.map((r: { key: string; seizures: number }) => [r.key, r.seizures])).toEqual([["BE", 2], ["EC", 2]]);
    expect(cells(d.overTime.rows)).toEqual([["2025-04", "BE", 2], ["2025-07", "EC", 1], ["2025-12", "EC", 1]]);
    expect(d.referrals.rows).toMatchObject([{ key: "all", seizures: 4, referred: 1, referredInTime: 1, acknowledged: 1, investigationsOpened: 1, personsArrested: 5, overdueReferrals: 1 }]);
    expect(d.referralsBy.rows.map((r: { key: string; seizures: number; referredInTime: number }) => [r.key, r.seizures, r.referredInTime])).toEqual([["BE", 2, 1], ["EC", 2, 0]]);
    // The assessments were scored on 2025-01-05, before this period.
    expect(d.profiles.rows).toEqual([]);
    expect(d.indicators.rows).toEqual([]);
    expect(d.pilot.items.map((i: { seizureId: string }) => i.seizureId)).toEqual([ids.s6, ids.s4]);

    const narrowed = (await get(manager, "/v1/summaries/dashboard", { units: u1.code, pilotFollowUp: "gaps" })).body;
    expect(narrowed.units).toEqual([u1.code]);
    expect(narrowed.seizures.rows.map((r: { key: string; seizures: number }) => [r.key, r.seizures])).toEqual([["cocaine", 2], ["cigarettes", 1]]);
    expect(cells(narrowed.overTime.rows)).toEqual([["2025-01", u1.code, 1], ["2025-02", u1.code, 1], ["2025-04", u1.code, 1]]);
    expect(narrowed.referralsBy.rows.map((r: { key: string }) => r.key)).toEqual([u1.code]);
    expect(narrowed.profiles.rows).toHaveLength(1);
    expect(narrowed.indicators.rows.map((r: { indicator: string }) => r.indicator)).toEqual(["A", "B"]);
    expect(narrowed.pilot.items.map((i: { seizureId: string }) => i.seizureId)).toEqual([ids.s2]);
  });

  test("one audited request; JSON only; bad choices named; scope as for every summary", async () => {
    const before = await services.pool.query("SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND entity_id = 'dashboard'", [manager.id]);
    await get(manager, "/v1/summaries/dashboard");
    const after = await services.pool.query("SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND entity_id = 'dashboard'", [manager.id]);
    expect(after.rows[0].n - before.rows[0].n).toBe(1);
    const bad = await get(manager, "/v1/summaries/dashboard", { format: "csv", funnelBy: "port", pilotFollowUp: "soon" });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["query.format", "query.funnelBy", "query.pilotFollowUp"]);
    const france = (await get(franceManager, "/v1/summaries/dashboard")).body;
    expect([france.seizures.rows, france.overTime.rows, france.referralsBy.rows, france.profiles.rows, france.indicators.rows, france.pilot.items]).toEqual([[], [], [], [], [], []]);
    expect((await get(officer, "/v1/summaries/dashboard")).status).toBe(403);
  });
});
