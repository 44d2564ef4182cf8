// Re-scoring a unit's open queue after an activation, on a throwaway database,
// printed as one JSON object (issue 17: 15,000 pending containers in ≤ 3 s):
//
// 1. A unit's labelled history (the seeded container history generator) is
//    imported through the manifest-jsonl upload and import job, so the unit
//    has seizures, party sightings and value medians, and a profile is
//    learned from it, cut to 65 indicators and 6,000+ table entries (as
//    bench/backtest-speed.ts does).
// 2. Two worker processes score a manifest of 15,000 upcoming containers
//    with the active version.
// 3. Each run activates a new draft (thresholds a little lower each time)
//    with "re-score upcoming", timed from the activation until the unit's band
//    cut-offs are recomputed (the queue shows the new lanes: the worker whose
//    chunk leaves no re-score chunk and nothing pending does it), then checked
//    to leave nothing pending and no re-score chunk (rescore_chunk). The workers' CPU time and the CPU of the database's backends
//    (from /proc) are summed over it.
//
// The run's end is polled on the cut-off row alone. The count of the unit's
// pending rows it polled every 20 ms before walked every index entry of the
// unit's rows, dead versions included (the re-score's updates are not HOT
// and this server runs without autovacuum): 0.1-0.3 s a poll on a copy after
// a few runs, about half the database CPU of the run it was timing.
//
// Each run's timeline (ms from the activation call) says where the wall time
// goes: the activation call (its transaction stores the upcoming rows'
// re-score chunks before any worker may start: it no longer marks them pending), the first chunk picked up, the last chunk
// done, and the cut-offs seen; the chunks' start and end times come from their
// BullMQ jobs (processedOn, finishedOn; kept after completion).
//
// The baseline, measured in the same run, is a plain read of the same 15,000
// shipments. Afterwards every upcoming container must hold exactly one
// assessment of each activated version, made once (executions = 1).
//
//   npx tsx bench/rescore-after-activation.ts [--history 50000] [--pending 15000] [--runs 3] [--workers 2]
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../core/config.js";
import { activateVersion } from "../core/profiles/activate-version.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices, type Services } from "../core/services.js";
import { spawnWorker, stopWorker, type WorkerProcess } from "../test/helpers/worker-process.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";
import { withBenchDatabase } from "./bench-database.js";
import { ingestUpcoming, labelledLines, pendingLeft, seedLearnedUnit, untilScored } from "./learned-unit.js";
import { backendCpu, backendCpuSince, cpuMsOfPid } from "./process-cpu.js";

const { values: args } = parseArgs({
  options: {
    history: { type: "string", default: "50000" },
    pending: { type: "string", default: "15000" },
    runs: { type: "string", default: "3" },
    workers: { type: "string", default: "2" },
  },
});
const HISTORY = Number(args.history);
const PENDING = Number(args.pending);
const RUNS = Number(args.runs);
const seconds = (ms: number) => Math.round(ms) / 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const cpuMsOf = (worker: WorkerProcess) => cpuMsOfPid(worker.child.pid);

/** First pick-up and last completion of a re-score's chunks (its job ids start with `rescore-<version id>-`), ms after `started`. */
async function chunkTimeline(services: Services, versionId: string, started: number): Promise<{ chunks: number; firstChunkStartMs: number; lastChunkEndMs: number }> {
  const jobs = (await services.queues.scoring.getJobs(["completed"])).filter((job) => job.id?.startsWith(`rescore-${versionId}-`));
  return {
    chunks: jobs.length,
    firstChunkStartMs: Math.min(...jobs.map((job) => (job.processedOn ?? Infinity) - started)),
    lastChunkEndMs: Math.max(...jobs.map((job) => (job.finishedOn ?? -Infinity) - started)),
  };
}

/** Until a worker has recomputed the unit's band cut-offs after `since` (the last re-score chunk does): the new lanes are visible. */
async function untilCutoffsSince(services: Services, unitId: string, since: Date): Promise<boolean> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    const found = await services.pool.query("SELECT 1 FROM unit_band_cutoff WHERE unit_id = $1 AND computed_at >= $2", [unitId, since]);
    if (found.rows.length > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

// A large pool: on loaded shared cores the history import's overlapping batch writes waited past the 5 s connect timeout with 20.
await withBenchDatabase(async (url) => {
  const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench-${randomBytes(3).toString("hex")}`, LOG_LEVEL: "warn", DB_POOL_SIZE: "40" });
  const services = createServices(config, "bench");
  let workers: WorkerProcess[] = [];
  try {
    const lines = labelledLines(HISTORY);
    const { unit, scope, actor, profile } = await seedLearnedUnit(services, lines);
    const select = profile.definition.thresholds.select ?? profile.definition.thresholds.high;
    for (let run = 1; run <= RUNS; run += 1) {
      const thresholds = { ...profile.definition.thresholds, select: select * (1 - run / 20) };
      await installProfile(services, unit.id, { ...profile.definition, thresholds }, { activate: false });
    }

    workers = Array.from({ length: Number(args.workers) }, () => spawnWorker(config, { LOG_LEVEL: "warn", WORKER_CONCURRENCY: "2" }));
    await Promise.all(workers.map((w) => w.ready));
    await ingestUpcoming(services, scope, actor, PENDING);

    let readMs = Infinity;
    for (let k = 0; k < 3; k += 1) {
      const started = performance.now();
      await services.pool.query("SELECT s.* FROM shipment s WHERE s.unit_id = $1 AND s.source = 'manifest'", [unit.id]);
      readMs = Math.min(readMs, performance.now() - started);
    }

    const timings: {
      ms: number; cutoffs: boolean; pendingAfter: number; activationMs: number; workerCpuMs: number; databaseCpuMs: number; rescored: number;
      timeline: { activationMs: number; chunks: number; firstChunkStartMs: number; lastChunkEndMs: number; cutoffsSeenMs: number };
    }[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const cpuBefore = workers.reduce((sum, w) => sum + cpuMsOf(w), 0);
      const databaseBefore = await backendCpu(services);
      const started = performance.now();
      const startedAt = Date.now();
      const since = services.now();
      const activated = await activateVersion(services, scope, { profileCode: profile.definition.code, version: run + 1 }, { rescoreUpcoming: true }, actor);
      const activationMs = performance.now() - started;
      const cutoffs = await untilCutoffsSince(services, unit.id, since);
      const ms = performance.now() - started;
      const workerCpuMs = workers.reduce((sum, w) => sum + cpuMsOf(w), 0) - cpuBefore;
      const databaseCpuMs = backendCpuSince(databaseBefore, await backendCpu(services));
      const pendingAfter = await pendingLeft(services, unit.id);
      const chunks = await chunkTimeline(services, activated.versionId, startedAt);
      const timeline = { activationMs: Math.round(activationMs), ...chunks, cutoffsSeenMs: Math.round(ms) };
      timings.push({ ms, cutoffs, pendingAfter, activationMs, workerCpuMs, databaseCpuMs, rescored: activated.shipmentsRescored, timeline });
      // A run that did not finish is not timed again by the next one.
      await untilScored(services, unit.id);
    }

    // Every upcoming container: one assessment per activated version, made exactly once.
    const check = await services.pool.query<{ version: number; n: number; once: number }>(
      `SELECT v.version, count(*)::int AS n, count(*) FILTER (WHERE a.executions = 1)::int AS once
         FROM assessment a JOIN profile_version v ON v.id = a.profile_version_id
        WHERE a.unit_id = $1 GROUP BY v.version ORDER BY v.version`,
      [unit.id],
    );
    const exactlyOnce = check.rows.length === RUNS + 1 && check.rows.every((r) => r.n === PENDING && r.once === PENDING);
    const ms = median(timings.map((t) => t.ms));
    console.log(
      JSON.stringify({
        benchmark: "rescore-after-activation",
        historyRecords: lines.length,
        profile: { indicators: profile.definition.indicators.length, tableEntries: profile.tableEntries },
        pending: PENDING,
        workers: workers.length,
        runs: RUNS,
        rescored: timings.map((t) => t.rescored),
        plainReadOfPendingMs: Math.round(readMs),
        rescoreSeconds: seconds(ms),
        rescoreRunsSeconds: timings.map((t) => seconds(t.ms)),
        cutOffsRefreshedAfterEachRun: timings.every((t) => t.cutoffs),
        nothingPendingAfterEachRun: timings.every((t) => t.pendingAfter === 0),
        activationCallMs: Math.round(median(timings.map((t) => t.activationMs))),
        runTimelinesMs: timings.map((t) => t.timeline),
        workerCpuSeconds: seconds(median(timings.map((t) => t.workerCpuMs))),
        databaseCpuSeconds: seconds(median(timings.map((t) => t.databaseCpuMs))),
        rescoreRatioToPlainRead: Number((ms / readMs).toFixed(1)),
        everyContainerScoredOncePerVersion: exactlyOnce,
        loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
        targets: { rescoreSeconds: 3 },
      }),
    );
    if (!exactlyOnce || !timings.every((t) => t.cutoffs && t.pendingAfter === 0)) process.exitCode = 1;
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w)));
    for (const queue of [services.queues.scoring, services.queues.maintenance, services.queues.analysis]) {
      await queue.obliterate({ force: true }).catch(() => undefined);
    }
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
  }
});
