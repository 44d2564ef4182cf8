// Back-tests see the past as it was and give the same figures every time.
//
// A port watchlist (WATCH-PORTS) of three entries over a small labelled
// history loaded in Rotterdam, Guayaquil and Shanghai:
//   NLRTM  added 2025-05-02 12:00, never expires: must not match the record
//          of 2025-05-01 (added after its day), matches 05-02 and 05-03;
//   CNSHA  added 2024, expired 2025-04-01: matches 03-15 and 03-20, not 04-15;
//   ECGYE  added 2024, expires a minute after the test clock's start: in force
//          on every record's day, so its matches must not depend on when the
//          job runs. The clock moves two minutes between two runs of the same
//          job, which must give the same result JSON to the last digit.
// And uninspected priced shipments of HS 440799 from Brazil, in USD, whose
// value per kg is 2, 2, 3, 4, 4 (February), 100 (10 March) and five times 50
// (June): the median is 3 until 10 March, then 3.5, and 50 only from June.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { labelledHistory } from "../../core/profiles/labelled-history.js";
import { loadMediansAsOf } from "../../core/profiles/medians-as-of.js";
import { clearMedianCache, loadScoringContext } from "../../core/scoring/scoring-context.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;
let unit: TestUnit;
let analyst: TestUser;
let clockMs = Date.now();

const doc = (select: number) => ({
  language: "portcullis/profile@1",
  code: "BT-WATCH",
  name: "Watchlisted ports",
  target: { kind: "commodity", commodity: "cocaine" },
  // A random share too, so the draws are part of what must repeat.
  randomRate: 0.2,
  thresholds: { high: 60, medium: 40, low: 20, select },
  indicators: [{ code: "PORT", label: "Loaded in a watchlisted port", points: 50, when: { op: "inList", field: "portOfLoading", list: "WATCH-PORTS" } }],
});

type Outcome = "seizure" | "irregularity" | "nothing_found";

const RECORDS: [string, string, Outcome][] = [
  ["NLRTM", "2025-05-01", "seizure"],
  ["NLRTM", "2025-05-02", "nothing_found"],
  ["NLRTM", "2025-05-03", "seizure"],
  ["ECGYE", "2025-03-01", "seizure"],
  ["ECGYE", "2025-03-02", "nothing_found"],
  ["BEANR", "2025-03-03", "irregularity"],
  ["CNSHA", "2025-03-15", "irregularity"],
  ["CNSHA", "2025-03-20", "nothing_found"],
  ["CNSHA", "2025-04-15", "nothing_found"],
];

async function insertRecord(line: number, loading: string, arrival: string, outcome: Outcome): Promise<void> {
  const id = randomUUID();
  await services.pool.query(
    `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading,
       transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
     VALUES ($1, $2, 'history', $3, $4, $5, 'sea', $6, '{}', 'BEANR', $7, '{}', ARRAY['440799'], 'history record')`,
    [id, unit.id, line, `DECL-${line}`, `BL${line}`, loading, arrival],
  );
  await services.pool.query(
    `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)`,
    [id, unit.id, outcome, new Date(Date.parse(arrival) + 3_600_000)],
  );
}

beforeAll(async () => {
  services = createTestServices({}, () => new Date(clockMs));
  app = createApp(services);
  workers = startWorkerPool(services);
  unit = await createTestUnit(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  for (const [line, [loading, arrival, outcome]] of RECORDS.entries()) await insertRecord(line, loading, arrival, outcome);
  const priced: [string, number][] = [
    ["2025-02-01", 2], ["2025-02-02", 2], ["2025-02-03", 3], ["2025-02-04", 4], ["2025-02-05", 4], ["2025-03-10", 100],
    ...Array.from({ length: 5 }, (): [string, number] => ["2025-06-01", 50]),
  ];
  for (const [k, [arrival, valuePerKg]] of priced.entries()) {
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading, transshipment_ports,
         port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description, declared_value, net_weight_kg, currency, country_of_origin)
       VALUES (gen_random_uuid(), $1, 'history', $2, $3, $3, 'sea', 'BRSSZ', '{}', 'BEANR', $4, '{}', ARRAY['440799'], 'timber', $5, 100, 'USD', 'BR')`,
      [unit.id, 100 + k, `PRICED-${k}`, arrival, valuePerKg * 100],
    );
  }
  const list = await services.pool.query<{ id: string }>(
    `INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES (gen_random_uuid(), $1, 'WATCH-PORTS', 'Watched ports', 'port') RETURNING id`,
    [unit.id],
  );
  const entries: [string, string, Date | null][] = [
    ["NLRTM", "2025-05-02T12:00:00Z", null],
    ["CNSHA", "2024-01-01T00:00:00Z", new Date("2025-04-01T00:00:00Z")],
    ["ECGYE", "2024-01-01T00:00:00Z", new Date(clockMs + 60_000)],
  ];
  for (const [value, addedAt, expiresAt] of entries) {
    await services.pool.query(
      `INSERT INTO watchlist_entry (id, watchlist_id, value, display, added_at, expires_at) VALUES (gen_random_uuid(), $1, $2, $2, $3, $4)`,
      [list.rows[0]!.id, value, addedAt, expiresAt],
    );
  }
  const post = (path: string, body: unknown) => request(app).post(`/v1/units/${unit.code}${path}`).set(bearer(analyst)).send(body as object);
  const created = await post("/profiles", doc(50));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await post("/profiles/BT-WATCH/versions", doc(40))).status).toBe(201);
});
afterAll(async () => {
  await workers.close();
  await services.dispose();
});

async function runJob(path: string, body: unknown) {
  const started = await request(app).post(`/v1/units/${unit.code}${path}`).set(bearer(analyst)).send(body as object);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  return waitFor(async () => {
    const job = await request(app).get(started.headers.location!).set(bearer(analyst));
    if (job.body.status === "failed") throw new Error(`job failed: ${job.body.error}`);
    return job.body.status === "succeeded" ? job.body : undefined;
  }, { what: `${path} job` });
}

describe("back-tests as of each record's day", () => {
  test("a watchlist entry counts from the day it was added until it expires, never before", async () => {
    const matched: string[] = [];
    for await (const batch of labelledHistory(services.pool, unit.id, { from: null, to: null }, services.now(), 4)) {
      for (const record of batch.records) {
        const ports = batch.contextFor(record).watchlists.get("WATCH-PORTS");
        if (ports?.has(record.shipment.portOfLoading ?? "")) matched.push(`${record.shipment.portOfLoading} ${record.arrivalDate}`);
      }
    }
    expect(matched.sort()).toEqual(["CNSHA 2025-03-15", "CNSHA 2025-03-20", "ECGYE 2025-03-01", "ECGYE 2025-03-02", "NLRTM 2025-05-02", "NLRTM 2025-05-03"]);

    const job = await runJob("/backtests", { profile: { profileCode: "BT-WATCH", version: 1 } });
    const port = job.result.profile.indicators.find((i: { code: string }) => i.code === "PORT");
    // Hits among those six: CNSHA 03-15, ECGYE 03-01, NLRTM 05-03 (not NLRTM 05-01: the entry came later).
    expect(port).toMatchObject({ matched: 6, matchedHits: 3 });
  });

  test("value medians are those of the shipments dated up to the record's day, never later ones", async () => {
    const medians: string[] = [];
    for await (const batch of labelledHistory(services.pool, unit.id, { from: null, to: null }, services.now())) {
      for (const record of batch.records) {
        const ctx = batch.contextFor(record);
        // The HS4 fallback (no shipment of 440710) reads the same shipments.
        medians.push(`${record.arrivalDate} ${ctx.medianValuePerKg("440799", "BR", "USD")} ${ctx.medianValuePerKg("440710", "BR", "USD")}`);
      }
    }
    expect(medians.filter((m) => m.startsWith("2025-03-0") || m.startsWith("2025-03-15") || m.startsWith("2025-05-03"))).toEqual([
      "2025-03-01 3 3", "2025-03-02 3 3", "2025-03-03 3 3", "2025-03-15 3.5 3.5", "2025-05-03 3.5 3.5",
    ]);
    // After the last shipment, the same figure live scoring computes with percentile_cont.
    clearMedianCache(unit.id);
    const live = await loadScoringContext(services.pool, unit.id, [], services.now());
    const asOf = await loadMediansAsOf(services.pool, unit.id);
    expect(live.medianValuePerKg("440799", "BR", "USD")).toBe(50);
    expect(asOf(Date.parse("2025-07-01"), "440799", "BR", "USD")).toBe(50);
    expect(asOf(Date.parse("2025-01-31"), "440799", "BR", "USD")).toBeUndefined();
  });

  test("the same back-test and comparison run twice give identical results, whatever the clock says", async () => {
    const backtest = { profile: { profileCode: "BT-WATCH", version: 1 } };
    const comparison = { baseline: { profileCode: "BT-WATCH", version: 1 }, candidate: { profileCode: "BT-WATCH", version: 2 } };
    const first = [await runJob("/backtests", backtest), await runJob("/backtest-comparisons", comparison)];
    clockMs += 120_000; // past the ECGYE entry's expiry: today it is off the list, on the records' days it was not
    const second = [await runJob("/backtests", backtest), await runJob("/backtest-comparisons", comparison)];
    for (const [k, job] of first.entries()) {
      expect(job.result.records).toBe(RECORDS.length);
      expect(JSON.stringify(second[k]!.result)).toBe(JSON.stringify(job.result));
    }
  });
});
