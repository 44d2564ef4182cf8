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
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { runAnalysisJob } from "../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../core/analysis/analysis-runners.js";
import { parseConfig } from "../core/config.js";
import { addToBuilderHistory, type BuilderHistory } from "../core/history/builder-records.js";
import { mapHistoryLine } from "../core/history/manifest-history-line.js";
import { receiveHistoryUpload } from "../core/history/receive-history-upload.js";
import { ingestManifest } from "../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../core/manifests/manifest-schema.js";
import { activateVersion } from "../core/profiles/activate-version.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { rescoringCount } from "../core/scoring/rescore-chunks.js";
import { createServices, type Services } from "../core/services.js";
import { generateContainerHistory, type HistoryLine } from "../fixtures/container-history/index.js";
import { generateMegaVesselManifest } from "../fixtures/generate-mega-vessel.js";
import { seededRandom } from "../fixtures/seeded-random.js";
import { buildProfile } from "../profiling/builder/build-profile.js";
import { spawnWorker, stopWorker, type WorkerProcess } from "../test/helpers/worker-process.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";
import { withBenchDatabase } from "./bench-database.js";
import { benchProfile } from "./backtest-speed-profile.js";

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

/** The generator's history, every box labelled: uninspected ones drawn from their planted probability. */
function labelledLines(): HistoryLine[] {
  const world = generateContainerHistory({ seed: 7, perMonth: Math.ceil(HISTORY / 20), trainMonths: 18, laterMonths: 3 });
  const draw = seededRandom(17);
  const lines = world.history.map((line, i): HistoryLine => {
    if (line.outcome?.inspected === true) return line;
    const hit = draw.next() < world.historyProbabilities[i]!;
    return { ...line, outcome: { inspected: true, hit, commodity: hit ? "cocaine" : null, selectedBy: "random" } };
  });
  return [...lines, ...world.later].slice(0, HISTORY);
}

/** User + system CPU of a process so far, in ms (Linux /proc; clock ticks of 10 ms); 0 once it is gone. */
function cpuMsOfPid(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const cpuMsOf = (worker: WorkerProcess) => cpuMsOfPid(worker.child.pid);

/** CPU so far of each backend of the bench database (the workers' and the bench's connections), by pid. */
async function backendCpu(services: Services): Promise<Map<number, number>> {
  const backends = await services.pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
  return new Map(backends.rows.map(({ pid }) => [pid, cpuMsOfPid(pid)]));
}

/** Database CPU between two snapshots: a backend that started in between counts from 0; one that ended in between is lost (pools keep theirs). */
function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

/** First pick-up and last completion of a re-score's chunks (its job ids start with `rescore-<version id>-`), ms after `started`. */
async function chunkTimeline(services: Services, versionId: string, started: number): Promise<{ chunks: number; firstChunkStartMs: number; lastChunkEndMs: number }> {
  const jobs = (await services.queues.scoring.getJobs(["completed"])).filter((job) => job.id?.startsWith(`rescore-${versionId}-`));
  return {
    chunks: jobs.length,
    firstChunkStartMs: Math.min(...jobs.map((job) => (job.processedOn ?? Infinity) - started)),
    lastChunkEndMs: Math.max(...jobs.map((job) => (job.finishedOn ?? -Infinity) - started)),
  };
}

/** Containers still pending or waiting in a re-score chunk. */
async function pendingLeft(services: Services, unitId: string): Promise<number> {
  const left = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state WHERE unit_id = $1 AND status = 'pending'", [unitId]);
  return left.rows[0]!.n + (await rescoringCount(services.pool, unitId));
}

async function untilScored(services: Services, unitId: string): Promise<void> {
  while ((await pendingLeft(services, unitId)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
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
    const unit = await services.prisma.controlUnit.create({ data: { code: "BEANR-BENCH", locode: "BEANR", name: "Bench", country: "BE", kind: "seaport" } });
    const scope = { id: unit.id, code: unit.code, country: "BE", programme: "CCP" };
    const actor = { name: "bench" };

    const lines = labelledLines();
    const upload = await receiveHistoryUpload(services, {
      unit: scope, format: "manifest-jsonl", contentType: "application/x-ndjson", contentLength: undefined,
      body: Readable.from([Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n") + "\n")]), actor,
    });
    await runAnalysisJob(services, upload.body.jobId!, ANALYSIS_RUNNERS);
    const imported = await services.pool.query<{ status: string }>("SELECT status FROM history_import WHERE id = $1", [upload.body.importId]);
    if (imported.rows[0]?.status !== "succeeded") throw new Error(`the history import ${imported.rows[0]?.status ?? "is missing"}: see the job's log line above`);
    const history: BuilderHistory = { records: [], unlabelled: [] };
    lines.forEach((line, i) => {
      const mapped = mapHistoryLine(line, i + 1);
      if (mapped.ok) addToBuilderHistory(history, mapped.row);
    });
    const built = buildProfile(history.records, { unlabelled: history.unlabelled }).profile;
    const profile = benchProfile(built, { indicators: 65, minEntries: 6_000 });
    const select = profile.definition.thresholds.select ?? profile.definition.thresholds.high;
    await installProfile(services, unit.id, profile.definition, { activate: true });
    for (let run = 1; run <= RUNS; run += 1) {
      const thresholds = { ...profile.definition.thresholds, select: select * (1 - run / 20) };
      await installProfile(services, unit.id, { ...profile.definition, thresholds }, { activate: false });
    }

    workers = Array.from({ length: Number(args.workers) }, () => spawnWorker(config, { LOG_LEVEL: "warn", WORKER_CONCURRENCY: "2" }));
    await Promise.all(workers.map((w) => w.ready));
    const manifest = generateMegaVesselManifest(42, PENDING);
    const arrival = new Date(services.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const parsed = manifestSchema(20_000).parse({ ...manifest, arrivalDate: arrival, departureDate: services.now().toISOString().slice(0, 10) });
    await ingestManifest(services, { unit: scope, manifest: parsed, actor });
    await untilScored(services, unit.id);

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
