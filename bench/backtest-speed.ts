// Back-test, comparison and re-scoring speed on a throwaway database, printed
// as one JSON object:
//
// 1. A unit's history of 50,000 inspected containers (the seeded container
//    history generator, every box labelled) is imported through the
//    manifest-jsonl upload and import job, and a profile is learned from it
//    with the builder, cut to 65 indicators and at least 6,000 table entries.
// 2. A back-test of that profile and a comparison with a second version run
//    as analysis jobs in this process, as a worker runs them: the first run
//    after the import ("cold": prepares the history) and a second ("warm").
// 3. 15,000 upcoming containers are ingested and scored by two worker
//    processes; then the second version is activated with "re-score
//    upcoming", timed from the activation until nothing is pending.
//
// Each time is also a ratio to a baseline measured in the same run: reading
// the same rows with one plain query (the history's shipments joined to their
// inspections; the 15,000 shipments).
//
//   npx tsx bench/backtest-speed.ts [--records 50000] [--pending 15000] [--threads N] [--repeat 3] [--skip-rescore]
//
// Back-tests and comparisons are scored in BACKTEST_THREADS worker threads
// (--threads, default the config's: CPU cores); the warm runs are repeated
// (--repeat, the median reported) and also run in process (1 thread) on the
// same database, with every result checked identical. CPU seconds are the
// whole process's (all threads). --skip-rescore leaves step 3 out.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { runAnalysisJob } from "../core/analysis/analysis-jobs.js";
import { closeBacktestThreads } from "../core/analysis/backtest-pool.js";
import { ANALYSIS_RUNNERS } from "../core/analysis/analysis-runners.js";
import { parseConfig } from "../core/config.js";
import { activateVersion } from "../core/profiles/activate-version.js";
import { startBacktest, startComparison } from "../core/profiles/backtest-jobs.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices, type Services } from "../core/services.js";
import { spawnWorker, stopWorker } from "../test/helpers/worker-process.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";
import { withBenchDatabase } from "./bench-database.js";
import { ingestUpcoming, labelledLines, seedLearnedUnit, untilScored } from "./learned-unit.js";

const { values: args } = parseArgs({ options: { records: { type: "string", default: "50000" }, pending: { type: "string", default: "15000" }, "skip-rescore": { type: "boolean", default: false }, threads: { type: "string" }, repeat: { type: "string", default: "3" } } });
const REPEAT = Math.max(1, Number(args.repeat));
const RECORDS = Number(args.records);
const PENDING = Number(args.pending);
const seconds = (ms: number) => Math.round(ms) / 1000;
const ratio = (a: number, b: number) => Number((a / b).toFixed(1));

/** Wall time, and this process's CPU time (the job runs here): on shared cores the wall time also measures the neighbours. */
async function timeJob(services: Services, start: () => Promise<{ jobId: string }>): Promise<{ ms: number; cpuMs: number; result: unknown }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { jobId } = await start();
  await runAnalysisJob(services, jobId, ANALYSIS_RUNNERS);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const row = await services.pool.query<{ status: string; error: string | null; result: unknown }>("SELECT status, error, result FROM analysis_job WHERE id = $1", [jobId]);
  if (row.rows[0]?.status !== "succeeded") throw new Error(`analysis job ${jobId}: ${row.rows[0]?.status} ${row.rows[0]?.error}`);
  return { ms, cpuMs, result: row.rows[0].result };
}

/** The run with the median wall time. */
function median<T extends { ms: number }>(runs: readonly T[]): T {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(2)));

async function plainRead(services: Services, sql: string, params: unknown[]): Promise<number> {
  let best = Infinity;
  for (let k = 0; k < 3; k += 1) {
    const started = performance.now();
    await services.pool.query(sql, params);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

await withBenchDatabase(async (url) => {
  // A larger pool: on loaded shared cores the import's overlapping batch writes waited past the 5 s connect timeout with 10.
  const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench-${randomBytes(3).toString("hex")}`, LOG_LEVEL: "warn", DB_POOL_SIZE: "20", ...(args.threads && { BACKTEST_THREADS: args.threads }) });
  const services = createServices(config, "bench");
  // The same runs scored in process, for the same-run ratio and the identity check.
  const inProcess = createServices({ ...config, BACKTEST_THREADS: 1 }, "bench");
  // Started for the re-scoring only: while the history is imported and back-tested they would only compete for connections.
  let workers: ReturnType<typeof spawnWorker>[] = [];
  try {
    const lines = labelledLines(RECORDS);
    if (lines.length < RECORDS) throw new Error(`the generator gave ${lines.length} lines, fewer than --records ${RECORDS}`);
    const { unit, scope, actor, profile } = await seedLearnedUnit(services, lines);
    const labelled = await services.pool.query<{ n: number }>("SELECT count(DISTINCT shipment_id)::int AS n FROM inspection WHERE unit_id = $1", [unit.id]);
    await installProfile(services, unit.id, { ...profile.definition, thresholds: { ...profile.definition.thresholds, select: (profile.definition.thresholds.select ?? profile.definition.thresholds.high) * 0.8 } }, { activate: false });

    const readHistoryMs = await plainRead(
      services,
      `SELECT s.*, i.outcome, i.inspected_at FROM shipment s JOIN inspection i ON i.shipment_id = s.id WHERE s.unit_id = $1`,
      [unit.id],
    );
    const ref = (version: number) => ({ profileCode: profile.definition.code, version });
    const backtest = () => startBacktest(services, scope, { profile: ref(1) }, actor);
    const compare = () => startComparison(services, scope, { baseline: ref(1), candidate: ref(2) }, actor);
    const loadBefore = loadAverage();
    const coldBacktest = await timeJob(services, backtest);
    const repeated = async (on: Services, start: () => Promise<{ jobId: string }>) => {
      const runs: Awaited<ReturnType<typeof timeJob>>[] = [];
      for (let k = 0; k < REPEAT; k += 1) runs.push(await timeJob(on, start));
      return runs;
    };
    const warmBacktests = await repeated(services, backtest);
    const warmCompares = await repeated(services, compare);
    const inProcessBacktests = await repeated(inProcess, backtest);
    const inProcessCompares = await repeated(inProcess, compare);
    const loadAfter = loadAverage();
    const warmBacktest = median(warmBacktests);
    const warmCompare = median(warmCompares);
    const sameAll = (runs: { result: unknown }[]) => new Set(runs.map((r) => JSON.stringify(r.result))).size === 1;
    const identical = sameAll([coldBacktest, ...warmBacktests, ...inProcessBacktests]) && sameAll([...warmCompares, ...inProcessCompares]);

    const rescore = args["skip-rescore"] ? undefined : await (async () => {
      workers = Array.from({ length: 2 }, () => spawnWorker(config, { LOG_LEVEL: "warn", WORKER_CONCURRENCY: "2" }));
      await Promise.all(workers.map((w) => w.ready));
      // Upcoming containers: arriving in a month, scored once by the active version.
      await ingestUpcoming(services, scope, actor, PENDING);
      const readPendingMs = await plainRead(services, "SELECT s.* FROM shipment s WHERE s.unit_id = $1 AND s.source = 'manifest'", [unit.id]);
      const started = performance.now();
      const activated = await activateVersion(services, scope, ref(2), { rescoreUpcoming: true }, actor);
      await untilScored(services, unit.id);
      const rescoreMs = performance.now() - started;
      return { rescored: activated.shipmentsRescored, readPendingMs, rescoreMs };
    })();

    const describe = (result: unknown) => (result as { profile?: { precision: number | null; selected: number } }).profile;
    console.log(
      JSON.stringify({
        benchmark: "backtest-speed",
        historyRecords: labelled.rows[0]!.n,
        profile: { indicators: profile.definition.indicators.length, tableEntries: profile.tableEntries },
        plainReadOfHistoryMs: Math.round(readHistoryMs),
        threads: config.BACKTEST_THREADS,
        loadAverage: { before: loadBefore, after: loadAfter },
        backtestColdSeconds: seconds(coldBacktest.ms),
        backtestColdCpuSeconds: seconds(coldBacktest.cpuMs),
        backtestSeconds: seconds(warmBacktest.ms),
        backtestCpuSeconds: seconds(warmBacktest.cpuMs),
        backtestRatioToPlainRead: ratio(warmBacktest.ms, readHistoryMs),
        comparisonSeconds: seconds(warmCompare.ms),
        comparisonCpuSeconds: seconds(warmCompare.cpuMs),
        comparisonRatioToPlainRead: ratio(warmCompare.ms, readHistoryMs),
        inProcess: {
          backtestSeconds: seconds(median(inProcessBacktests).ms),
          backtestCpuSeconds: seconds(median(inProcessBacktests).cpuMs),
          backtestRatioToPlainRead: ratio(median(inProcessBacktests).ms, readHistoryMs),
          comparisonSeconds: seconds(median(inProcessCompares).ms),
          comparisonCpuSeconds: seconds(median(inProcessCompares).cpuMs),
          comparisonRatioToPlainRead: ratio(median(inProcessCompares).ms, readHistoryMs),
        },
        threadsToInProcessWall: { backtest: ratio(warmBacktest.ms, median(inProcessBacktests).ms), comparison: ratio(warmCompare.ms, median(inProcessCompares).ms) },
        backtestRepeatsIdentically: identical,
        repeats: REPEAT,
        backtest: describe(warmBacktest.result) && { precision: describe(warmBacktest.result)!.precision, selected: describe(warmBacktest.result)!.selected },
        ...(rescore && {
          rescored: rescore.rescored,
          plainReadOfPendingMs: Math.round(rescore.readPendingMs),
          rescoreSeconds: seconds(rescore.rescoreMs),
          rescoreRatioToPlainRead: ratio(rescore.rescoreMs, rescore.readPendingMs),
        }),
        targets: { backtestSeconds: 3, comparisonSeconds: 5, rescoreSeconds: 3 },
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w)));
    for (const queue of [services.queues.scoring, services.queues.maintenance, services.queues.analysis]) {
      await queue.obliterate({ force: true }).catch(() => undefined);
    }
    await closeBacktestThreads();
    await inProcess.close();
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
  }
});
