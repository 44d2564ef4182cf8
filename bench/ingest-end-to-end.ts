// Benchmark: ingest and score the 15,000-container mega-vessel end to end
// (HTTP POST on loopback -> validation -> one transaction -> queue -> worker
// processes -> assessments), the API and the workers each in a process of
// their own started as `npm start` starts them (the client here stays apart:
// in the API's process its copies of the 15 MB body and its read of the
// answer ran on the API's event loop and counted in the answer), next to a plain COPY of the same rows into a
// scratch table measured in the same run, and next to the floor the data
// model sets (bench/required-writes.ts: only the writes ingest and scoring
// must make, on one connection). Prints one JSON object.
// The floor and the end-to-end path are measured in pairs, one right after
// the other and in alternating order (floor first in even runs, end to end
// first in odd ones), so both halves of a pair see the same load from
// whatever else runs on the machine: the verdict is the median of the pairs'
// ratios, printed with each pair's ratio and their spread. (Taking the median
// floor and the median end to end apart let the floor move 25 % between two
// quiet runs and the ratio with it: 1.65x and 1.17x.)
//   npx tsx bench/ingest-end-to-end.ts [--shipments 15000] [--workers 2] [--runs 7]
// BENCH_API_NODE_FLAGS / BENCH_WORKER_NODE_FLAGS add node flags to those
// processes, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the time goes.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../core/config.js";
import { copyRows } from "../core/db/copy-rows.js";
import { withTransaction } from "../core/db/pool.js";
import { manifestSchema, type ManifestInput } from "../core/manifests/manifest-schema.js";
import { SHIPMENT_COLUMNS, shipmentRow } from "../core/manifests/shipment-rows.js";
import { createToken } from "../core/admin/manage-tokens.js";
import { createAgency } from "../core/admin/manage-units.js";
import { createUser } from "../core/admin/manage-users.js";
import { loadBaselineProfile } from "../core/profiles/baseline-profile.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices, type Services } from "../core/services.js";
import { generateMegaVesselManifest } from "../fixtures/generate-mega-vessel.js";
import { spawnApi, spawnWorker, stopWorker, type WorkerProcess } from "../test/helpers/worker-process.js";
import { SERVICE_NODE_FLAGS, SERVICE_PROCESS_DEFAULTS } from "../cli/service-process-env.js";
import { withBenchDatabase } from "./bench-database.js";
import { backendCpu, backendCpuSince, cpuMsOfPid, minorFaultsOfPid } from "./process-cpu.js";
import { requiredWritesMs } from "./required-writes.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

const { values: args } = parseArgs({
  options: { shipments: { type: "string", default: "15000" }, workers: { type: "string", default: "2" }, runs: { type: "string", default: "7" } },
});
const count = Number(args.shipments);
const runs = Number(args.runs);

let authorization = "";

/** Node flags from the environment variable `name`, space-separated. */
const extraFlags = (name: string) => (process.env[name] ?? "").split(" ").filter(Boolean);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The baseline: COPY of the same rows into a scratch table. `indexed` gives it
 * shipment's indexes too (an extra figure for context; the target is judged
 * against the plain, unindexed one).
 */
async function plainCopy(services: Services, parsed: ManifestInput, indexed = false): Promise<number> {
  const started = performance.now();
  await withTransaction(services.pool, async (client) => {
    await client.query(`CREATE TEMP TABLE scratch_shipment (LIKE shipment INCLUDING DEFAULTS${indexed ? " INCLUDING INDEXES" : ""}) ON COMMIT DROP`);
    const ctx = { unitId: "00000000-0000-0000-0000-000000000000", manifestId: "00000000-0000-0000-0000-000000000000", manifest: parsed, parties: new Map() };
    await copyRows(client, "scratch_shipment", SHIPMENT_COLUMNS, parsed.shipments.map((s, i) => shipmentRow(s, i, ctx)));
  });
  return performance.now() - started;
}

/** Scoring jobs waiting, running or due for a retry: read from Redis, no database work. */
async function scoringJobsLeft(services: Services): Promise<number> {
  const counts = await services.queues.scoring.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

async function endToEnd(services: Services, api: WorkerProcess, baseUrl: string, unitCode: string, manifest: ReturnType<typeof generateMegaVesselManifest>) {
  // The bytes a client sends, ready before the clock starts (as the JSON text always was): encoding them is the
  // client's work, and with the client in the API's process it was counted in the answer's time and CPU.
  const body = Buffer.from(JSON.stringify({ ...manifest, manifestRef: `BENCH-${randomBytes(4).toString("hex")}` }), "utf8");
  const shipmentCount = manifest.shipments.length;
  const databaseBefore = await backendCpu(services);
  const apiCpuBefore = cpuMsOfPid(api.child.pid);
  const apiFaultsBefore = minorFaultsOfPid(api.child.pid);
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  const response = await fetch(`${baseUrl}/v1/units/${unitCode}/manifests`, { method: "POST", headers: { "content-type": "application/json", authorization }, body });
  const accepted = (await response.json()) as { manifestId: string };
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(accepted).slice(0, 500)}`);
  const ingestMs = performance.now() - started;
  // The answer's CPU: the API's process (/proc, 10 ms ticks), the client's (this process: sending the body and
  // reading the answer), and the database's backends (the workers' too, idle then: each run starts once the
  // previous one is scored). Steadier than wall time when the cores are shared.
  const apiCpuMs = cpuMsOfPid(api.child.pid) - apiCpuBefore;
  const apiPageFaults = minorFaultsOfPid(api.child.pid) - apiFaultsBefore;
  const used = process.cpuUsage(clientCpu);
  const clientCpuMs = (used.user + used.system) / 1000;
  const databaseCpuMs = backendCpuSince(databaseBefore, await backendCpu(services));
  // A large manifest is answered before its shipment rows exist (core/manifests/staged-manifests.ts):
  // done is every one of its shipments stored and scored, not "nothing pending".
  // The looks every 20 ms run on the cores the path runs on, so they must be cheap: counting the manifest's
  // 15,000 outbox rows each time cost some 4 ms of database CPU (420 ms per 100 looks at load 18), a sixth of
  // a core taken from the path and not from the floor. Stored is when its staged payload is gone (the last
  // part of the expansion deletes it with the rows it writes; a small manifest has none), one primary-key
  // probe; the count runs only once no scoring job is left in Redis, and decides as before.
  let storedMs: number | undefined;
  for (;;) {
    if (storedMs === undefined) {
      const staged = await services.pool.query("SELECT 1 FROM manifest_staged WHERE manifest_id = $1", [accepted.manifestId]);
      if (staged.rows.length === 0) storedMs = performance.now() - started;
    }
    if (storedMs !== undefined && (await scoringJobsLeft(services)) === 0) {
      const progress = await services.pool.query<{ stored: number; done: number }>(
        `SELECT count(*)::int AS stored, (count(*) FILTER (WHERE status <> 'pending'))::int AS done FROM scoring_state WHERE manifest_id = $1`,
        [accepted.manifestId],
      );
      if (progress.rows[0]!.done === shipmentCount) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { ingestMs, apiCpuMs, apiPageFaults, clientCpuMs, databaseCpuMs, storedMs: storedMs ?? 0, totalMs: performance.now() - started };
}

await withBenchDatabase(async (url) => {
  const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench-${randomBytes(3).toString("hex")}`, LOG_LEVEL: "warn" });
  const services = createServices(config, "bench");
  // Worker processes as `npm start` forks them (cli/service-process-env.ts): fixed 16 MB semi-spaces and two malloc arenas.
  const workers = Array.from({ length: Number(args.workers) }, () =>
    spawnWorker(config, { ...SERVICE_PROCESS_DEFAULTS, LOG_LEVEL: "warn", WORKER_CONCURRENCY: "2" }, [...SERVICE_NODE_FLAGS, ...extraFlags("BENCH_WORKER_NODE_FLAGS")]),
  );
  // The API as `npm start` forks it (the same flags and malloc arenas), on a free loopback port.
  const api = spawnApi(config, { ...SERVICE_PROCESS_DEFAULTS, LOG_LEVEL: "warn" }, [...SERVICE_NODE_FLAGS, ...extraFlags("BENCH_API_NODE_FLAGS")]);
  try {
    await Promise.all(workers.map((w) => w.ready));
    const baseUrl = await api.url;
    const unit = await services.prisma.controlUnit.create({ data: { code: "NLRTM-BENCH", locode: "NLRTM", name: "Bench", country: "NL", kind: "seaport" } });
    await installProfile(services, unit.id, await loadBaselineProfile(), { activate: true });
    // The floor writes to a unit of its own, so its rows never meet the end-to-end runs' scoring.
    const floorUnit = await services.prisma.controlUnit.create({ data: { code: "NLRTM-FLOOR", locode: "NLRTM", name: "Floor", country: "NL", kind: "seaport" } });
    await installProfile(services, floorUnit.id, await loadBaselineProfile(), { activate: true });
    const agency = await createAgency(services, { code: "BENCH-AG", name: "Bench agency", kind: "customs", country: "NL" }, { name: "bench" });
    const user = await createUser(services, { username: "bench.officer", displayName: "Bench", agencyCode: agency.code, memberships: [{ role: "officer", unitCode: unit.code }] }, { name: "bench" });
    const { token } = await createToken(services, user.id, { name: "bench", expiresInDays: 1 }, { name: "bench" });
    authorization = `Bearer ${token}`;
    const manifest = generateMegaVesselManifest(42, count);
    // Warm-up: JIT, connections, compiled profile caches in the workers, and the large manifest's own path: a
    // manifest of MANIFEST_STAGED_FROM shipments or more is answered once staged, its body (over 1 MB) read into a
    // kept buffer, its payload compressed, none of which a 500-shipment warm-up ran. The first measured answer
    // stays the slowest (850-910 ms against 400-780): it meets the warm-up's garbage in a full GC (610-630 ms
    // in runs where the API collected once the warm-up was stored).
    await endToEnd(services, api, baseUrl, unit.code, generateMegaVesselManifest(7, Math.max(config.MANIFEST_STAGED_FROM, 4_000)));
    const copies: number[] = [];
    const indexedCopies: number[] = [];
    const floors: number[] = [];
    const parsedManifest = manifestSchema(20_000).parse(manifest);
    const e2e: { ingestMs: number; apiCpuMs: number; apiPageFaults: number; clientCpuMs: number; databaseCpuMs: number; storedMs: number; totalMs: number }[] = [];
    const loadPerRun: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      copies.push(await plainCopy(services, parsedManifest));
      indexedCopies.push(await plainCopy(services, parsedManifest, true));
      if (run % 2 === 0) {
        floors.push(await requiredWritesMs(services, floorUnit.id, parsedManifest, run));
        e2e.push(await endToEnd(services, api, baseUrl, unit.code, manifest));
      } else {
        e2e.push(await endToEnd(services, api, baseUrl, unit.code, manifest));
        floors.push(await requiredWritesMs(services, floorUnit.id, parsedManifest, run));
      }
      loadPerRun.push(Math.round(loadavg()[0]! * 10) / 10);
    }
    const copyMs = median(copies);
    const totalMs = median(e2e.map((r) => r.totalMs));
    const ratios = e2e.map((r, i) => r.totalMs / floors[i]!);
    const medianRatio = median(ratios);
    const two = (x: number) => Number(x.toFixed(2));
    console.log(
      JSON.stringify({
        benchmark: "ingest-end-to-end",
        shipments: count,
        workers: workers.length,
        runs,
        plainCopyMs: Math.round(copyMs),
        copyIntoIndexedScratchMs: Math.round(median(indexedCopies)),
        requiredWritesMs: Math.round(median(floors)),
        requiredWritesRatioToPlainCopy: Number((median(floors) / copyMs).toFixed(2)),
        // The verdict: the median of each pair's ratio (end to end over the floor measured next to it).
        endToEndOverRequiredWrites: two(medianRatio),
        endToEndOverRequiredWritesEachRun: ratios.map(two),
        endToEndOverRequiredWritesSpread: { min: two(Math.min(...ratios)), max: two(Math.max(...ratios)) },
        // The old figure, for comparison: the median end to end over the median floor, taken apart.
        medianEndToEndOverMedianRequiredWrites: two(totalMs / median(floors)),
        requiredWritesEachMs: floors.map(Math.round),
        endToEndEachMs: e2e.map((r) => Math.round(r.totalMs)),
        endToEndMs: Math.round(totalMs),
        ingestUntil202Ms: Math.round(median(e2e.map((r) => r.ingestMs))),
        // From the request until every shipment row is written (after the 202 from MANIFEST_STAGED_FROM shipments on).
        shipmentsStoredMs: Math.round(median(e2e.map((r) => r.storedMs))),
        ingestUntil202EachMs: e2e.map((r) => Math.round(r.ingestMs)),
        answerApiCpuMs: Math.round(median(e2e.map((r) => r.apiCpuMs))),
        // First touches of memory in the API process until the answer (each some 10-15 us of kernel time here).
        answerApiPageFaults: median(e2e.map((r) => r.apiPageFaults)),
        answerClientCpuMs: Math.round(median(e2e.map((r) => r.clientCpuMs))),
        answerDatabaseCpuMs: Math.round(median(e2e.map((r) => r.databaseCpuMs))),
        ratioToPlainCopy: Number((totalMs / copyMs).toFixed(2)),
        shipmentsPerSecond: Math.round(count / (totalMs / 1000)),
        // Issue 17 point 7 (the 4x-plain-COPY target is withdrawn): end to end within 1.5x the required writes, the answer within 0.7 s.
        targets: {
          endToEndOverRequiredWrites: 1.5,
          ingestUntil202Ms: 700,
          met: { endToEnd: medianRatio <= 1.5, answer: median(e2e.map((r) => r.ingestMs)) <= 700 },
        },
        loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
        loadAverage1MinEachRun: loadPerRun,
      }),
    );
  } finally {
    await Promise.all([api, ...workers].map((w) => stopWorker(w)));
    // The run's queues go with its database: nothing of a benchmark stays in Redis.
    for (const queue of [services.queues.scoring, services.queues.maintenance, services.queues.analysis]) {
      await queue.obliterate({ force: true }).catch(() => undefined);
    }
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
  }
});
