// Load: concurrent clients ingest manifests for --seconds (default 300) while
// officers read the triage board as the web app does: the flagged list's
// first page (with its total), /queue/counts and /queue/voyages, in parallel.
// The same reads with no ingest load, before and after the load (same
// database), are the baseline. The API and the scoring workers run as their
// own processes, with the environment `npm start` gives them
// (cli/service-process-env.ts), each preloading bench/memory-probe.ts: every
// --gc-every seconds (10) each is asked for its RSS and heap after a full GC,
// so memory growth is measured without the load clients' own allocations.
// The verdict compares the median of the second minute's probes with the
// median of the last minute's (about 6 each), and prints each minute's
// spread: one late or early probe cannot decide it. Loopback only, own
// database and queue prefix, stops by itself. Prints ONE JSON object.
//   npx tsx bench/load-ingest-and-query.ts [--seconds 300] [--baseline-seconds 20] [--ingesters 4] [--readers 4] [--cpu-prof-dir DIR]
//     [--child-env NAME=VALUE ...]  (an extra or replaced variable for the API and workers, e.g. MALLOC_ARENA_MAX= to compare allocators)
//     [--no-service-flags]  (without `npm start`'s node flags, the fixed young generation: to compare)
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createToken } from "../core/admin/manage-tokens.js";
import { createAgency } from "../core/admin/manage-units.js";
import { createUser } from "../core/admin/manage-users.js";
import { parseConfig } from "../core/config.js";
import { loadBaselineProfile } from "../core/profiles/baseline-profile.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices } from "../core/services.js";
import { generateMegaVesselManifest } from "../fixtures/generate-mega-vessel.js";
import type { ManifestDocument } from "../fixtures/fixture-types.js";
import { SERVICE_NODE_FLAGS, serviceProcessEnv } from "../cli/service-process-env.js";
import { withBenchDatabase } from "./bench-database.js";
import { memoryVerdict } from "./memory-verdict.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "300" },
    "baseline-seconds": { type: "string", default: "20" },
    ingesters: { type: "string", default: "4" },
    readers: { type: "string", default: "4" },
    shipments: { type: "string", default: "200" },
    workers: { type: "string", default: "2" },
    "seed-containers": { type: "string", default: "15000" },
    "gc-every": { type: "string", default: "10" },
    "child-env": { type: "string", multiple: true, default: [] },
    "no-service-flags": { type: "boolean", default: false },
    "cpu-prof-dir": { type: "string" },
  },
});
const seconds = Number(args.seconds);
const baselineSeconds = Number(args["baseline-seconds"]);
const perManifest = Number(args.shipments);
const gcEverySeconds = Number(args["gc-every"]);
const SYSTEM = { name: "bench" };
const root = fileURLToPath(new URL("..", import.meta.url));
const DAY = 86_400_000;

const round1 = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => round1(bytes / 2 ** 20);
const load = () => loadavg().map(round1);
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round1(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};
const summary = (latencies: number[], errors: number, phaseSeconds: number) => ({
  requests: latencies.length,
  errors,
  perSecond: round1(latencies.length / phaseSeconds),
  p50Ms: percentile(latencies, 50),
  p95Ms: percentile(latencies, 95),
  p99Ms: percentile(latencies, 99),
});

// ---- child processes: the API and the workers, with the memory probe ----

interface Child {
  role: string;
  proc: ChildProcess;
  ready: Promise<{ url?: string }>;
  exited: Promise<void>;
  env: NodeJS.ProcessEnv;
}
interface LoopFigures { utilisation: number; delayP50Ms: number; delayP95Ms: number; delayP99Ms: number; delayMaxMs: number }
interface MemoryAnswer { gc: boolean; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; newSpace?: number; anonymous?: number; loop?: LoopFigures }
interface Probe { atSecond: number; rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number; newSpaceMb?: number; anonymousMb?: number; loop?: LoopFigures }

/** --child-env NAME=VALUE: set (or, with an empty value, remove) a variable of the API's and workers' environment. */
function childEnvOverrides(pairs: string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) throw new Error(`--child-env: expected NAME=VALUE, got "${pair}"`);
      const value = pair.slice(at + 1);
      return [pair.slice(0, at), value === "" ? undefined : value];
    }),
  );
}

function spawnChild(role: string, entry: string, env: Record<string, string>): Child {
  // --cpu-prof-dir DIR: the API writes a V8 CPU profile there when it stops (for finding what holds its loop).
  const profile = role === "api" && args["cpu-prof-dir"] ? ["--cpu-prof", "--cpu-prof-dir", args["cpu-prof-dir"]] : [];
  const overrides = childEnvOverrides(args["child-env"]);
  const merged: NodeJS.ProcessEnv = { ...serviceProcessEnv({ ...process.env, ...env }), ...overrides };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete merged[name];
  const nodeFlags = args["no-service-flags"] ? [] : SERVICE_NODE_FLAGS;
  const proc = spawn(process.execPath, ["--expose-gc", ...nodeFlags, ...profile, "--import", "tsx", "--import", "./bench/memory-probe.ts", entry], {
    cwd: root,
    env: merged,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  // Its log (warnings and errors only) goes to stderr: stdout carries only the JSON.
  proc.stdout!.pipe(process.stderr);
  const ready = new Promise<{ url?: string }>((resolve, reject) => {
    proc.on("message", (m: { type?: string; url?: string }) => m.type === "ready" && resolve({ url: m.url }));
    proc.once("exit", (code) => reject(new Error(`${role} exited before ready (code ${code})`)));
  });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.once("exit", (code, signal) => !stoppingChildren && console.error(`load bench: ${role} exited during the run (code ${code}, signal ${signal})`));
  return { role, proc, ready, exited, env: merged };
}

/** A failed fetch's reason, e.g. ECONNRESET. */
const errorCode = (error: Error) => ((error.cause as { code?: string } | undefined)?.code ?? error.name);

let probeId = 0;
function probeMemory(child: Child): Promise<MemoryAnswer | null> {
  const id = (probeId += 1);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 30_000);
    const onMessage = (m: { type?: string; id?: number } & MemoryAnswer) => m.type === "memory" && m.id === id && done(m);
    const done = (answer: MemoryAnswer | null) => {
      clearTimeout(timer);
      child.proc.off("message", onMessage);
      resolve(answer);
    };
    child.proc.on("message", onMessage);
    child.proc.send({ type: "memory-probe", id });
  });
}

/** RSS as the kernel counts it now (no GC): /proc/<pid>/status VmRSS. */
function rssNow(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.replace(/\D+/g, "")) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) the process has used so far: /proc/<pid>/stat utime + stime. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

let stoppingChildren = false;
async function stopChild(child: Child): Promise<void> {
  stoppingChildren = true;
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill("SIGTERM");
  const timer = setTimeout(() => child.proc.kill("SIGKILL"), 15_000);
  await child.exited;
  clearTimeout(timer);
}

// ---- manifests: varied voyages over the past year and the next weeks ----

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function shifted(manifest: ManifestDocument, arrival: number): ManifestDocument {
  const delta = arrival - Date.parse(manifest.arrivalDate);
  const move = (iso: string | undefined, dateOnly: boolean) => (iso === undefined ? undefined : dateOnly ? isoDay(Date.parse(iso) + delta) : new Date(Date.parse(iso) + delta).toISOString());
  return {
    ...manifest,
    arrivalDate: isoDay(arrival),
    departureDate: move(manifest.departureDate, true),
    manifestFiledAt: move(manifest.manifestFiledAt, false),
    manifestAmendedAt: move(manifest.manifestAmendedAt, false),
  };
}

await withBenchDatabase(async (url) => {
  const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench-load-${randomBytes(3).toString("hex")}`, LOG_LEVEL: "warn", INGEST_RATE_LIMIT: "100000" });
  const services = createServices(config, "bench");
  const childEnv = { DATABASE_URL: url, REDIS_URL: config.REDIS_URL, QUEUE_PREFIX: config.QUEUE_PREFIX, LOG_LEVEL: "warn", INGEST_RATE_LIMIT: "100000", HOST: "127.0.0.1", PORT: "0", DEMO_DATA: "never" };
  const api = spawnChild("api", "api/server.ts", childEnv);
  const workers = Array.from({ length: Number(args.workers) }, (_, i) => spawnChild(`worker${i + 1}`, "workers/main.ts", { ...childEnv, WORKER_CONCURRENCY: "2" }));
  const children = [api, ...workers];
  try {
    const [{ url: base }] = await Promise.all([api.ready, ...workers.map((w) => w.ready)]);
    if (!base) throw new Error("the API did not say where it listens");
    const unit = await services.prisma.controlUnit.create({ data: { code: "NLRTM-LOAD", locode: "NLRTM", name: "Load", country: "NL", kind: "seaport" } });
    await installProfile(services, unit.id, await loadBaselineProfile(), { activate: true, createdBy: "bench" });
    const agency = await createAgency(services, { code: "AG-LOAD", name: "Load", kind: "customs", country: "NL" }, SYSTEM);
    const user = await createUser(services, { username: "load-officer", displayName: "Load", agencyCode: agency.code, memberships: [{ role: "officer", unitCode: unit.code }] }, SYSTEM);
    const token = await createToken(services, user.id, { name: "load", expiresInDays: 1 }, SYSTEM);
    const headers = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };
    const pendingCount = async () => (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state WHERE status = 'pending'")).rows[0]!.n;
    const drain = async (limitMs: number) => {
      const started = Date.now();
      let pending = await pendingCount();
      while (pending > 0 && Date.now() - started < limitMs) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        pending = await pendingCount();
      }
      return { seconds: round1((Date.now() - started) / 1000), pendingAfter: pending };
    };
    // Failed requests by kind and status; the first answer of each goes to stderr.
    const failures: Record<string, number> = {};
    const noteError = (key: string, body: string) => {
      if (failures[key] === undefined) console.error(`load bench: ${key}: ${body.slice(0, 300)}`);
      failures[key] = (failures[key] ?? 0) + 1;
    };
    const post = async (manifest: ManifestDocument) => {
      // A connection reset (a loaded machine) counts as a failed request, as an error status does: it must not end the run.
      const res = await fetch(`${base}/v1/units/${unit.code}/manifests`, { method: "POST", headers, body: JSON.stringify(manifest) }).catch((error: unknown) => error as Error);
      if (res instanceof Error) {
        noteError(`ingest ${errorCode(res)}`, res.message);
        return 0;
      }
      const body = await res.text();
      if (res.status !== 202) noteError(`ingest ${res.status}`, body);
      return res.status;
    };

    // The vessel the board shows first: a 15,000-container voyage arriving tomorrow, scored before anything is timed.
    const seedStatus = await post({ ...shifted(generateMegaVesselManifest(42, Number(args["seed-containers"])), Date.now() + DAY), manifestRef: "LOAD-SEED-VESSEL" });
    if (seedStatus !== 202) throw new Error(`the seed vessel answered ${seedStatus}`);
    const seedDrain = await drain(600_000);

    // 40 distinct voyages of --shipments containers, re-sent under new references, arriving over the past year and the next two weeks.
    const voyages = Array.from({ length: 40 }, (_, i) => generateMegaVesselManifest(1000 + i, perManifest));
    let posted = 0;
    const nextManifest = () => {
      posted += 1;
      const arrival = Date.now() + (((posted * 7919) % 380) - 365) * DAY;
      return { ...shifted(voyages[posted % voyages.length]!, arrival), manifestRef: `LOAD-${randomBytes(6).toString("hex")}` };
    };

    // ---- the triage board, as the web app reads it on opening the queue ----
    const kinds = ["firstPage", "counts", "voyages"] as const;
    type Kind = (typeof kinds)[number] | "board";
    const paths: Record<(typeof kinds)[number], string> = {
      firstPage: `/v1/units/${unit.code}/shipments?flagged=true&limit=50`,
      counts: `/v1/units/${unit.code}/queue/counts?flagged=true`,
      voyages: `/v1/units/${unit.code}/queue/voyages?withinHours=72`,
    };
    let totalSeen: number | null = null;
    const timed = async (kind: (typeof kinds)[number], into: Record<Kind, number[]>, errors: Record<Kind, number>) => {
      const started = performance.now();
      const res = await fetch(`${base}${paths[kind]}`, { headers }).catch((error: unknown) => error as Error);
      if (res instanceof Error) {
        errors[kind] += 1;
        noteError(`${kind} ${errorCode(res)}`, res.message);
        return;
      }
      const body = await res.text();
      if (res.status !== 200) {
        errors[kind] += 1;
        noteError(`${kind} ${res.status}`, body);
        return;
      }
      into[kind].push(performance.now() - started);
      if (kind === "firstPage") {
        const page = JSON.parse(body) as { total: number | null };
        if (page.total === null) errors.firstPage += 1; // the first page must carry its total
        else totalSeen = page.total;
      }
    };
    const readPhase = async (phaseSeconds: number, readers: number, during?: (deadline: number) => Promise<void>) => {
      const into = { firstPage: [], counts: [], voyages: [], board: [] } as Record<Kind, number[]>;
      const errors = { firstPage: 0, counts: 0, voyages: 0, board: 0 } as Record<Kind, number>;
      const deadline = Date.now() + phaseSeconds * 1_000;
      const reader = async () => {
        while (Date.now() < deadline) {
          const started = performance.now();
          await Promise.all(kinds.map((k) => timed(k, into, errors)));
          into.board.push(performance.now() - started);
        }
      };
      const loadBefore = load();
      await Promise.all([...Array.from({ length: readers }, reader), during?.(deadline)]);
      return {
        loadAverage: { before: loadBefore, after: load() },
        ...Object.fromEntries((["firstPage", "counts", "voyages", "board"] as const).map((k) => [k, summary(into[k], errors[k], phaseSeconds)])),
      } as Record<Kind, ReturnType<typeof summary>> & { loadAverage: { before: number[]; after: number[] } };
    };

    const readers = Number(args.readers);
    const idleBefore = await readPhase(baselineSeconds, readers);
    const shipmentsBefore = (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM shipment")).rows[0]!.n;

    // ---- the load: ingesters and readers together, memory probed every --gc-every seconds ----
    const ingest: number[] = [];
    let ingestErrors = 0;
    let shipmentsPosted = 0;
    const afterGc: Record<string, Probe[]> = Object.fromEntries(children.map((c) => [c.role, []]));
    const rssSamples: Record<string, number[]> = Object.fromEntries(children.map((c) => [c.role, []]));
    const loadStarted = Date.now();
    const cpuBefore = Object.fromEntries(children.map((c) => [c.role, cpuSeconds(c.proc.pid!)]));
    const sampleRss = () => children.forEach((c) => rssSamples[c.role]!.push(rssNow(c.proc.pid!)));
    const sampler = setInterval(sampleRss, 5_000);
    const probeAll = async () => {
      const at = Math.round((Date.now() - loadStarted) / 1000);
      const answers = await Promise.all(children.map((c) => probeMemory(c)));
      answers.forEach(
        (a, i) =>
          a &&
          afterGc[children[i]!.role]!.push({
            atSecond: at,
            rssMb: mb(a.rss),
            heapUsedMb: mb(a.heapUsed),
            heapTotalMb: mb(a.heapTotal),
            externalMb: mb(a.external),
            arrayBuffersMb: mb(a.arrayBuffers),
            newSpaceMb: a.newSpace === undefined ? undefined : mb(a.newSpace),
            anonymousMb: a.anonymous === undefined ? undefined : mb(a.anonymous),
            loop: a.loop,
          }),
      );
    };
    const ingester = async (deadline: number) => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const status = await post(nextManifest());
        if (status === 202) {
          ingest.push(performance.now() - started);
          shipmentsPosted += perManifest;
        } else ingestErrors += 1;
      }
    };
    const prober = async (deadline: number) => {
      await probeAll(); // at 0 s: the start, for reference
      for (let next = loadStarted + gcEverySeconds * 1_000; next <= deadline + 1_000; next += gcEverySeconds * 1_000) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
        await probeAll();
      }
    };
    const underLoad = await readPhase(seconds, readers, async (deadline) => {
      await Promise.all([...Array.from({ length: Number(args.ingesters) }, () => ingester(deadline)), prober(deadline)]);
    });
    clearInterval(sampler);
    sampleRss();
    const cpuDuringLoad = Object.fromEntries(children.map((c) => [c.role, round1(cpuSeconds(c.proc.pid!) - cpuBefore[c.role]!)]));
    const backlog = await services.pool.query<{ pending: number; scored: number }>(
      "SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'scored')::int AS scored FROM scoring_state",
    );
    const loadDrain = await drain(180_000);
    const apiCpuBeforeIdle = cpuSeconds(api.proc.pid!);
    const idleAfter = await readPhase(baselineSeconds, readers);
    const apiCpuIdle = cpuSeconds(api.proc.pid!) - apiCpuBeforeIdle;
    const shipmentsAfter = (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM shipment")).rows[0]!.n;
    await probeAll();

    const minuteGrowth = (probes: Probe[]) => memoryVerdict(probes.filter((p) => p.atSecond <= seconds + 5), seconds);
    const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Number((a / b).toFixed(2)));
    const target = (phase: typeof underLoad, kind: "firstPage" | "counts") => ({
      p95Under100ms: (phase[kind].p95Ms ?? Infinity) < 100,
      p99Under200ms: (phase[kind].p99Ms ?? Infinity) < 200,
      p95OverIdleAfter: ratio(phase[kind].p95Ms, idleAfter[kind].p95Ms),
    });
    console.log(
      JSON.stringify({
        benchmark: "load-ingest-and-query",
        seconds,
        baselineSeconds,
        clients: { ingesters: Number(args.ingesters), readers, shipmentsPerManifest: perManifest, workerProcesses: workers.length },
        database: { seedVesselContainers: Number(args["seed-containers"]), seedScoredSeconds: seedDrain.seconds, shipmentsBeforeLoad: shipmentsBefore, shipmentsAfterLoad: shipmentsAfter, flaggedTotalLastSeen: totalSeen },
        ingest: { ...summary(ingest, ingestErrors, seconds), shipmentsPerSecond: Math.round(shipmentsPosted / seconds) },
        failures,
        cpuSecondsDuringLoad: cpuDuringLoad,
        // The API's CPU per board (three reads) with no ingest, and what is left of its CPU under load per manifest:
        // figures that do not depend on how much of the machine other processes take.
        apiCpuMs: {
          perBoardIdle: round1((apiCpuIdle * 1000) / Math.max(1, idleAfter.board.requests)),
          perManifestUnderLoad: round1(((cpuDuringLoad.api! - (apiCpuIdle / Math.max(1, idleAfter.board.requests)) * underLoad.board.requests) * 1000) / Math.max(1, ingest.length)),
        },
        scoring: { scoredDuringLoad: backlog.rows[0]!.scored, pendingAtEnd: backlog.rows[0]!.pending, drainSeconds: loadDrain.seconds, pendingAfterDrain: loadDrain.pendingAfter },
        board: { idleBefore, underLoad, idleAfter },
        targets: { firstPage: target(underLoad, "firstPage"), counts: target(underLoad, "counts") },
        memoryAfterGc: Object.fromEntries(children.map((c) => [c.role, { ...minuteGrowth(afterGc[c.role]!), probes: afterGc[c.role]!.map(({ loop: _loop, ...p }) => p), loop: afterGc[c.role]!.map((p) => p.loop) }])),
        childEnv: { MALLOC_ARENA_MAX: api.env.MALLOC_ARENA_MAX ?? null, overrides: args["child-env"], nodeFlags: args["no-service-flags"] ? [] : SERVICE_NODE_FLAGS },
        rssWithoutGc: Object.fromEntries(children.map((c) => {
          const xs = rssSamples[c.role]!.filter(Number.isFinite);
          return [c.role, { firstMb: mb(xs[0] ?? NaN), lastMb: mb(xs.at(-1) ?? NaN), maxMb: mb(Math.max(...xs)) }];
        })),
        note: "board = the three reads in parallel, as the queue screen makes them; idleBefore/idleAfter = the same readers with no ingest (after = same database as the end of the load); loadAverage = os.loadavg() 1/5/15 min",
      }),
    );
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    await services.queues.scoring.obliterate({ force: true }).catch(() => undefined);
    await services.queues.maintenance.obliterate({ force: true }).catch(() => undefined);
    await services.queues.analysis.obliterate({ force: true }).catch(() => undefined);
    await services.close();
    await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
  }
});
