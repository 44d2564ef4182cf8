// Back-tests and comparisons as analysis jobs, on a small labelled history
// inserted by hand so every figure can be checked on paper:
//
//   4 records loaded in ECGYE with bananas (0803)  score 70  3 hits
//   2 records loaded in ECGYE with timber          score 50  1 hit
//   4 records loaded in NLRTM with timber          score  0  1 hit
//   plus one uninspected record and one outside the date range (ignored).
//
// Version 1 selects at 50: 6 selected, 4 hits → precision 4/6, recall 4/5,
// base rate 5/10, lift 4/3. Version 2 (bananas 40 points, select at 60)
// selects the 4 banana records: precision 3/4, recall 3/5.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { labelledHistory } from "../../core/profiles/labelled-history.js";
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

const doc = (fruitPoints: number, select: number) => ({
  language: "portcullis/profile@1",
  code: "BT-COC",
  name: "Back-test sample",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20, select },
  indicators: [
    { code: "SRC", label: "Loaded in Guayaquil", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } },
    { code: "FRUIT", label: "Bananas", points: fruitPoints, when: { op: "hsPrefix", prefixes: ["0803"] } },
  ],
});

type Outcome = "seizure" | "irregularity" | "nothing_found";

async function insertRecord(line: number, loading: string, hs: string, arrival: string, outcomes: Outcome[]): Promise<void> {
  const id = randomUUID();
  await services.pool.query(
    `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading,
       transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
     VALUES ($1, $2, 'history', $3, $4, $5, 'sea', $6, '{}', 'BEANR', $7, '{}', ARRAY[$8], 'history record')`,
    [id, unit.id, line, `DECL-${line}`, `BL${line}`, loading, arrival, hs],
  );
  for (const [k, outcome] of outcomes.entries()) {
    await services.pool.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)`,
      [id, unit.id, outcome, new Date(Date.parse(arrival) + (k + 1) * 3_600_000)],
    );
  }
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  workers = startWorkerPool(services);
  unit = await createTestUnit(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  const rows: [string, string, string, Outcome[]][] = [
    ["ECGYE", "080390", "2025-03-01", ["seizure"]],
    ["ECGYE", "080390", "2025-03-02", ["irregularity"]],
    // Two inspections: the second one found cocaine, so the record is a hit.
    ["ECGYE", "080390", "2025-03-03", ["nothing_found", "seizure"]],
    ["ECGYE", "080390", "2025-03-04", ["nothing_found"]],
    ["ECGYE", "440799", "2025-04-01", ["irregularity"]],
    ["ECGYE", "440799", "2025-04-02", ["nothing_found"]],
    ["NLRTM", "440799", "2025-05-01", ["seizure"]],
    ["NLRTM", "440799", "2025-05-02", ["nothing_found"]],
    ["NLRTM", "440799", "2025-05-03", ["nothing_found"]],
    ["NLRTM", "440799", "2025-05-03", ["nothing_found"]],
    ["ECGYE", "080390", "2025-06-01", []], // never inspected: not labelled
    ["ECGYE", "080390", "2024-06-01", ["seizure"]], // before the range
  ];
  for (const [line, [loading, hs, arrival, outcomes]] of rows.entries()) await insertRecord(line, loading, hs, arrival, outcomes);
  const post = (path: string, body: unknown) => request(app).post(`/v1/units/${unit.code}${path}`).set(bearer(analyst)).send(body as object);
  expect((await post("/profiles", doc(20, 50))).status).toBe(201);
  expect((await post("/profiles/BT-COC/versions", doc(40, 60))).status).toBe(201);
});
afterAll(async () => {
  await workers.close();
  await services.dispose();
});

async function runJob(path: string, body: unknown) {
  const started = await request(app).post(`/v1/units/${unit.code}${path}`).set(bearer(analyst)).send(body as object);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.headers.location).toBe(`/v1/units/${unit.code}/analysis-jobs/${started.body.jobId}`);
  return waitFor(async () => {
    const job = await request(app).get(started.headers.location!).set(bearer(analyst));
    if (job.body.status === "failed") throw new Error(`job failed: ${job.body.error}`);
    return job.body.status === "succeeded" ? job.body : undefined;
  }, { what: `${path} job` });
}

const RANGE = { from: "2025-01-01", to: "2025-12-31" };

describe("back-test jobs", () => {
  test("a stored version on the labelled history: selection, precision, recall, top shares, lift, indicators", async () => {
    const job = await runJob("/backtests", { profile: { profileCode: "BT-COC", version: 1 }, ...RANGE });
    expect(job).toMatchObject({ kind: "backtest", progress: 1 });
    const { result } = job;
    expect(result).toMatchObject({ from: "2025-01-01", to: "2025-12-31", records: 10, hits: 5, skipped: 0 });
    const p = result.profile;
    expect(p).toMatchObject({ profileCode: "BT-COC", version: 1, status: "draft", notApplicable: 0, records: 10, hits: 5, selected: 6, selectedHits: 4 });
    expect(p.selectionRate).toBeCloseTo(0.6, 10);
    expect(p.baseRate).toBeCloseTo(0.5, 10);
    expect(p.precision).toBeCloseTo(4 / 6, 10);
    expect(p.recall).toBeCloseTo(0.8, 10);
    expect(p.lift).toBeCloseTo(4 / 3, 10);
    // The top 1/2/5/10 % of 10 records is one record: four are tied at 70 with three hits.
    expect(p.topShares.map((t: { percent: number }) => t.percent)).toEqual([1, 2, 5, 10]);
    for (const top of p.topShares) {
      expect(top.count).toBe(1);
      expect(top.precision).toBeCloseTo(0.75, 10);
      expect(top.recall).toBeCloseTo(0.15, 10);
      expect(top.lift).toBeCloseTo(1.5, 10);
    }
    expect(p.indicators).toEqual([
      { code: "SRC", label: "Loaded in Guayaquil", matched: 6, matchedHits: 4, hitRate: 4 / 6, pointsOnHits: 200, pointsTotal: 300, contribution: 200 / 300 },
      { code: "FRUIT", label: "Bananas", matched: 4, matchedHits: 3, hitRate: 0.75, pointsOnHits: 60, pointsTotal: 80, contribution: 0.75 },
    ]);
    expect(p.random).toEqual({ selected: 0, hits: 0, hitRate: null });
  });

  test("an unsaved document, and an open date range that takes in the older record", async () => {
    const job = await runJob("/backtests", { profile: { definition: doc(20, 50) } });
    expect(job.result).toMatchObject({ from: null, to: null, records: 11, hits: 6, profile: { version: null, status: "unsaved", selected: 7, selectedHits: 5 } });
  });

  test("a comparison of two versions on the same history, side by side", async () => {
    const job = await runJob("/backtest-comparisons", { baseline: { profileCode: "BT-COC", version: 1 }, candidate: { profileCode: "BT-COC", version: 2 }, ...RANGE });
    const { result } = job;
    expect(job.kind).toBe("compare");
    expect(result.records).toBe(10);
    expect(result.baseline).toMatchObject({ version: 1, selected: 6, selectedHits: 4 });
    expect(result.candidate).toMatchObject({ version: 2, selected: 4, selectedHits: 3 });
    expect(result.candidate.precision).toBeCloseTo(0.75, 10);
    expect(result.candidate.recall).toBeCloseTo(0.6, 10);
    expect(result.delta.precision).toBeCloseTo(0.75 - 4 / 6, 10);
    expect(result.delta.recall).toBeCloseTo(-0.2, 10);
    expect(result.delta.selectionRate).toBeCloseTo(-0.2, 10);
    expect(result.agreement).toEqual({ bothSelected: 4, onlyBaseline: 2, onlyCandidate: 0, bothSelectedHits: 3, onlyBaselineHits: 1, onlyCandidateHits: 0 });
  });

  test("the history is streamed in keyset batches ordered by arrival date", async () => {
    const batches: { dates: string[]; hits: boolean[] }[] = [];
    for await (const batch of labelledHistory(services.pool, unit.id, RANGE, new Date(), 3)) {
      batches.push({ dates: batch.records.map((r) => r.arrivalDate), hits: batch.records.map((r) => r.hit) });
    }
    expect(batches.map((b) => b.dates.length)).toEqual([3, 3, 3, 1]);
    const dates = batches.flatMap((b) => b.dates);
    expect(dates).toEqual([...dates].sort());
    expect(batches.flatMap((b) => b.hits).filter(Boolean)).toHaveLength(5);
  });

  test("job-creating routes are rate limited per token", async () => {
    const limited = createTestServices({ EXPENSIVE_RATE_LIMIT: "2" });
    const limitedApp = createApp(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await request(limitedApp).post(`/v1/units/${unit.code}/backtests`).set(bearer(analyst)).send({})).status);
    }
    expect(statuses).toEqual([400, 400, 429, 429]);
    await limited.dispose();
  });
});
