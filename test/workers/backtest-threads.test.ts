// Back-tests scored in worker threads give the figures one thread gives, to
// the last digit: the history is dealt round-robin between the threads and
// their results merged back in record order. 150 records over 50 days whose
// scores differ from record to record (routes, a dated watchlist, value
// medians as of each day, a table, a random draw) and whose hits follow the
// scores: a record's results merged onto its neighbour would change the
// precision, the top shares and the held-out split. Also: a failure in a
// thread fails the run with the thread's message, and closing leaves no thread.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runAnalysisJob } from "../../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../../core/analysis/analysis-runners.js";
import { backtestThreads, closeBacktestThreads, runningBacktestThreads } from "../../core/analysis/backtest-pool.js";
import { ColumnsBuilder, compileToScore, runContext, scoreRecords, type RunInputs } from "../../core/analysis/backtest-scoring.js";
import { startBacktest, startComparison } from "../../core/profiles/backtest-jobs.js";
import { readMedianGroups } from "../../core/profiles/medians-as-of.js";
import { preparedHistory } from "../../core/profiles/prepared-history.js";
import { readWatchlistEntries } from "../../core/profiles/watchlists-as-of.js";
import { seededRandom } from "../../fixtures/seeded-random.js";
import { checkDefinition } from "../../core/profiles/profile-store.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

/** One services object per pool size, on the same database. */
const bySize = new Map<number, TestServices>();
let unit: TestUnit;
const scope = () => ({ id: unit.id, code: unit.code, country: "BE", programme: "CCP" });

const doc = (select: number, cheapPoints: number) => ({
  language: "portcullis/profile@1",
  code: "BT-THREADS",
  name: "Threads",
  target: { kind: "commodity", commodity: "cocaine" },
  randomRate: 0.15,
  thresholds: { high: 60, medium: 40, low: 20, select },
  indicators: [
    { code: "SRC", label: "Loaded in Guayaquil", points: 40, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } },
    { code: "WATCH", label: "Loaded in a watchlisted port", points: 30, when: { op: "inList", field: "portOfLoading", list: "WATCH-PORTS" } },
    { code: "FRUIT", label: "Bananas", points: 15, when: { op: "hsPrefix", prefixes: ["0803"] } },
    { code: "CHEAP", label: "Cheap for its kind", points: cheapPoints, when: { op: "valueAnomaly", below: 0.5 } },
    { code: "ORIGIN_HS", label: "HS heading and origin", table: { key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 7.5, "4407|BR": -2.25, "0901|CO": 3.1 } } },
  ],
});

const PORTS = [["ECGYE", "EC"], ["NLRTM", "NL"], ["CNSHA", "CN"], ["BRSSZ", "BR"], ["COCTG", "CO"]] as const;
const HS = ["080390", "440799", "090111"] as const;

beforeAll(async () => {
  for (const size of [1, 2, 3]) bySize.set(size, createTestServices({ BACKTEST_THREADS: String(size) }));
  const services = bySize.get(1)!;
  unit = await createTestUnit(services);
  const draw = seededRandom(29);
  for (let line = 0; line < 150; line += 1) {
    const [port, origin] = PORTS[Math.floor(draw.next() * PORTS.length)]!;
    const hs = HS[Math.floor(draw.next() * HS.length)]!;
    const day = new Date(Date.UTC(2025, 2, 1) + Math.floor(line / 3) * 86_400_000).toISOString().slice(0, 10);
    const perKg = draw.next() < 0.2 ? 1 + draw.next() : 5 + draw.next() * 5;
    const risky = (port === "ECGYE" ? 0.45 : 0.1) + (perKg < 3 ? 0.3 : 0);
    const id = randomUUID();
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading, transshipment_ports,
         port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description, declared_value, net_weight_kg, currency, country_of_origin)
       VALUES ($1, $2, 'history', $3, $4, $4, 'sea', $5, '{}', 'BEANR', $6, '{}', ARRAY[$7], 'history record', $8, 1000, 'USD', $9)`,
      [id, unit.id, line, `THR-${line}`, port, day, hs, Math.round(perKg * 1000), origin],
    );
    await services.pool.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)`,
      [id, unit.id, draw.next() < risky ? "seizure" : "nothing_found", new Date(Date.parse(day) + 3_600_000)],
    );
  }
  const list = await services.pool.query<{ id: string }>(
    `INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES (gen_random_uuid(), $1, 'WATCH-PORTS', 'Watched ports', 'port') RETURNING id`,
    [unit.id],
  );
  // NLRTM watched from 20 March; CNSHA until 1 April.
  for (const [value, addedAt, expiresAt] of [["NLRTM", "2025-03-20T00:00:00Z", null], ["CNSHA", "2024-01-01T00:00:00Z", "2025-04-01T00:00:00Z"]] as const) {
    await services.pool.query(`INSERT INTO watchlist_entry (id, watchlist_id, value, display, added_at, expires_at) VALUES (gen_random_uuid(), $1, $2, $2, $3, $4)`, [
      list.rows[0]!.id,
      value,
      addedAt,
      expiresAt,
    ]);
  }
  await installProfile(services, unit.id, doc(40, 25), { activate: true });
  await installProfile(services, unit.id, doc(55, 45), { activate: false });
});
afterAll(async () => {
  await closeBacktestThreads();
  for (const services of bySize.values()) await services.dispose();
});

async function run(size: number, start: (services: TestServices) => Promise<{ jobId: string }>): Promise<unknown> {
  const services = bySize.get(size)!;
  const { jobId } = await start(services);
  await runAnalysisJob(services, jobId, ANALYSIS_RUNNERS);
  const row = await services.pool.query<{ status: string; error: string | null; result: unknown; progress: number }>("SELECT status, error, result, progress FROM analysis_job WHERE id = $1", [jobId]);
  expect(row.rows[0], row.rows[0]?.error ?? "").toMatchObject({ status: "succeeded", progress: 1 });
  return row.rows[0]!.result;
}

const ref = (version: number) => ({ profileCode: "BT-THREADS", version });
const actor = { name: "test" };

describe("back-tests in worker threads", () => {
  test("a back-test and a comparison give the same figures, to the last digit, with 1, 2 or 3 threads", async () => {
    // The whole history, and a range that starts on the 4th record (history index 3: not a multiple of 2).
    for (const range of [{}, { from: "2025-03-02", to: "2025-04-10" }]) {
      const backtest = (services: TestServices) => startBacktest(services, scope(), { ...range, profile: ref(1) }, actor);
      const compare = (services: TestServices) => startComparison(services, scope(), { ...range, baseline: ref(1), candidate: ref(2) }, actor);
      const inProcess = { backtest: await run(1, backtest), compare: await run(1, compare) };
      const profile = (inProcess.backtest as { profile: { selected: number; selectedHits: number; hits: number; random: { selected: number }; indicators: { code: string }[] } }).profile;
      // Figures a misplaced record would change: some selected, hits among them and outside them, random draws, every kind of indicator.
      expect(profile.selected).toBeGreaterThan(10);
      expect(profile.selectedHits).toBeGreaterThan(0);
      expect(profile.selectedHits).toBeLessThan(profile.hits);
      expect(profile.random.selected).toBeGreaterThan(0);
      expect(profile.indicators.map((i) => i.code).sort()).toEqual(["CHEAP", "FRUIT", "ORIGIN_HS", "SRC", "WATCH"]);
      for (const size of [2, 3]) {
        expect(JSON.stringify(await run(size, backtest)), `back-test, ${size} threads`).toBe(JSON.stringify(inProcess.backtest));
        expect(JSON.stringify(await run(size, compare)), `comparison, ${size} threads`).toBe(JSON.stringify(inProcess.compare));
      }
    }
    // Twice more with the kept shares: the same again.
    const again = (services: TestServices) => startBacktest(services, scope(), { profile: ref(1) }, actor);
    expect(JSON.stringify(await run(2, again))).toBe(JSON.stringify(await run(1, again)));
  });

  test("each record's scores, flags and matches come back in record order", async () => {
    const services = bySize.get(1)!;
    const history = await preparedHistory(services.pool, unit.id, 1);
    const inputs: RunInputs = { unitCode: unit.code, watchlistRows: await readWatchlistEntries(services.pool, unit.id), medianRows: await readMedianGroups(services.pool, unit.id) };
    const profiles = [doc(40, 25), doc(55, 45)].map((d, k) => ({ profile: checkDefinition(d), drawKey: `draw-${k}` }));
    const [start, end] = [5, 140];
    const builders = profiles.map(() => new ColumnsBuilder());
    scoreRecords(history.records, start, end, profiles.map(compileToScore), runContext(inputs, history), builders);
    const expected = builders.map((b) => b.finish());
    // Distinct neighbours: a merge off by one record would not pass.
    expect(new Set(expected[0]!.scores).size).toBeGreaterThan(5);
    for (const size of [2, 3]) {
      let progress = 0;
      const columns = await backtestThreads(size).score({ unitId: unit.id, history, start, end, profiles, inputs, onProgress: (done) => (progress = done) });
      expect(columns).toEqual(expected);
      expect(progress).toBe(end - start);
    }
  });

  test("a failure in a thread fails the run with its message; the pool keeps working; closing stops every thread", async () => {
    const services = bySize.get(1)!;
    const history = await preparedHistory(services.pool, unit.id, 1);
    const inputs: RunInputs = { unitCode: unit.code, watchlistRows: [], medianRows: [] };
    const broken = { profile: { ...checkDefinition(doc(40, 25)), indicators: [{ code: "BAD", label: "Bad", points: 1, when: { op: "noSuchOperator" } }] }, drawKey: "x" };
    const pool = backtestThreads(2);
    // @ts-expect-error: a document no validation let through, to make the thread's compiler throw.
    await expect(pool.score({ unitId: unit.id, history, start: 0, end: 10, profiles: [broken], inputs, onProgress: () => undefined })).rejects.toThrow(/back-test scoring failed in back-test thread \d of 2: /);
    const fine = await pool.score({ unitId: unit.id, history, start: 0, end: 10, profiles: [{ profile: checkDefinition(doc(40, 25)), drawKey: "x" }], inputs, onProgress: () => undefined });
    expect(fine[0]!.scores).toHaveLength(10);
    expect(runningBacktestThreads()).toBeGreaterThanOrEqual(2);
    await closeBacktestThreads();
    expect(runningBacktestThreads()).toBe(0);
  });
});
