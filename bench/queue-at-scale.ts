// The officer queue at scale: one unit with BENCH_QUEUE_SHIPMENTS shipments
// (default 1,000,000) spread over ~200 manifests a year, seeded by
// bench/seed-scale-unit.ts (and checked against live counts), then p50/p95/p99 of every queue query (list-shipments.ts and
// queue-overview.ts called directly, as the API does) against a primary-key
// lookup measured in the same run. Own database, dropped at the end.
// It also times the writes a manifest needs (bench/required-writes.ts: COPY
// of shipments and outbox, then the scoring chunks' assessments and verdicts)
// into an empty database (its own, dropped at the end) and next to the seeded
// unit, alternately so that both see the same load, for the ingest and
// scoring throughput at that size (ratios at size / empty, each part's median
// of --write-runs; target <= 1.2). Prints ONE JSON object.
//
//   npx tsx bench/queue-at-scale.ts [--shipments 1000000] [--repeats 30] [--budget 20]
// (or BENCH_QUEUE_SHIPMENTS, BENCH_QUEUE_REPEATS, BENCH_QUEUE_BUDGET_SECONDS, and
// BENCH_QUEUE_EXPLAIN=1 for the plans of statements over 50 ms on stderr)
//   --database NAME  seed into that database once and keep it (later runs with
//                    the same NAME migrate it and reuse its unit: no seeding)
//   --only a,b       measure these queries only (and the primary-key lookup); the searches: containerPrefix
//                    and billOfLadingPrefix (2,000 and 10,000 matches), partySearch (7 names, 350 shipments),
//                    and the broad ones billOfLadingBroad (100,000), partySearchBroad (about 62,000) and
//                    partySearchBroadFlagged (the same, flagged only), countsBroadSearch,
//                    containerPrefixBroad (20,000: containerPrefix's shape at 10M)
//                    the unit's band cut-offs: cutoffRefresh (from the counters), against cutoffsFromEveryRow
//                    and cutoffsFromEveryRowSerial (the row-by-row query before them; cutoffRefreshCpuRatio)
//   --write-runs 0   skip the required-writes comparison
//   --scores points  scores as a points profile gives them (sums of 10 indicators'
//                    points, as the baseline sea profile: some 30 distinct values,
//                    many containers on each), instead of the default "continuous"
//                    (power(random(), 3) * 100 to 0.01: nearly every score its own,
//                    the counters' worst case, as each cut-off's bucket is read row by row)
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { parseConfig } from "../core/config.js";
import { manifestSchema } from "../core/manifests/manifest-schema.js";
import { loadBaselineProfile } from "../core/profiles/baseline-profile.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices, type Services } from "../core/services.js";
import { generateMegaVesselManifest } from "../fixtures/generate-mega-vessel.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";
import { requiredWrites, type RequiredWriteTimes } from "./required-writes.js";
import type { UnitScope } from "../core/auth/principal.js";
import { listShipments, type ShipmentFilters } from "../core/shipments/list-shipments.js";
import { arrivingVoyages, queueCounts } from "../core/triage/queue-overview.js";
import { refreshBandCutoffs } from "../core/triage/band-cutoffs.js";
import { CUTOFFS_FROM_ROWS_SQL } from "../core/triage/cutoff-queries.js";
import { DEFAULT_TARGET, TRANSPORT_MODES } from "../core/triage/selection-targets.js";
import { withBenchDatabase } from "./bench-database.js";
import { ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";
import { SESSION_OPTIONS } from "../core/db/pool.js";
import { checkSeededUnit, SEEDED_UNIT_CODE, seedScaleUnit } from "./seed-scale-unit.js";

const { values: args } = parseArgs({
  options: {
    shipments: { type: "string", default: process.env.BENCH_QUEUE_SHIPMENTS ?? "1000000" },
    manifests: { type: "string", default: "200" },
    repeats: { type: "string", default: process.env.BENCH_QUEUE_REPEATS ?? "30" },
    budget: { type: "string", default: process.env.BENCH_QUEUE_BUDGET_SECONDS ?? "20" },
    "write-containers": { type: "string", default: "5000" },
    "write-runs": { type: "string", default: "3" },
    database: { type: "string" },
    scores: { type: "string", default: "continuous" },
    only: { type: "string" },
  },
});
const shipments = Number(args.shipments);
const manifests = Number(args.manifests);
const repeats = Number(args.repeats);
const budgetSeconds = Number(args.budget);
const writeContainers = Number(args["write-containers"]);
const writeRuns = Number(args["write-runs"]);
if (args.scores !== "continuous" && args.scores !== "points") throw new Error(`--scores must be continuous or points, got ${args.scores}`);
for (const [name, value] of [["--shipments", shipments], ["--manifests", manifests], ["--repeats", repeats], ["--budget", budgetSeconds],
  ["--write-containers", writeContainers], ["--write-runs", writeRuns]] as const) {
  if (!Number.isInteger(value) || value < (name === "--write-runs" ? 0 : 1)) throw new Error(`${name} must be a positive whole number, got ${String(value)}`);
}

/** Clock ticks a second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

/** The seeded unit (bench/seed-scale-unit.ts), or the one a kept database (--database) already holds, with its latest manifest and one of its shipments. */
async function seed(pool: pg.Pool): Promise<{ unit: UnitScope; manifestId: string; sampleId: string; seeding: object | null }> {
  const unitOf = (id: string): UnitScope => ({ id, code: SEEDED_UNIT_CODE, country: "XX", programme: "CCP" });
  const kept = await pool.query<{ id: string }>("SELECT id FROM control_unit WHERE code = $1", [SEEDED_UNIT_CODE]);
  if (kept.rows[0]) return { unit: unitOf(kept.rows[0].id), ...(await sampleOf(pool, kept.rows[0].id)), seeding: null };
  const seeded = await seedScaleUnit(pool, { shipments, manifests, scores: args.scores as "continuous" | "points", log: (line) => process.stderr.write(`queue-at-scale: ${line}\n`) });
  const started = performance.now();
  const check = await checkSeededUnit(pool, seeded.unitId, seeded.rebuiltIndexes);
  if (!check.ok) throw new Error(`the seeded unit is not what the app would have written: ${JSON.stringify(check)}`);
  const checkSeconds = Math.round((performance.now() - started) / 100) / 10;
  return { unit: unitOf(seeded.unitId), ...(await sampleOf(pool, seeded.unitId)), seeding: { seconds: seeded.seconds, steps: seeded.steps, check: { ...check, seconds: checkSeconds } } };
}

/** The latest manifest and one of its shipments. */
async function sampleOf(pool: pg.Pool, unitId: string): Promise<{ manifestId: string; sampleId: string }> {
  // The manifest first, then a shipment by its (manifest, line) index: joined, it took 7 s at 10M (a parallel scan of the unit).
  const sample = await pool.query<{ id: string; manifest_id: string }>(
    `SELECT (SELECT s.id FROM shipment s WHERE s.manifest_id = m.id ORDER BY s.line_no LIMIT 1) AS id, m.id AS manifest_id
       FROM manifest m WHERE m.unit_id = $1 AND m.shipment_count > 0 ORDER BY m.arrival_date DESC, m.id LIMIT 1`,
    [unitId],
  );
  return { manifestId: sample.rows[0]!.manifest_id, sampleId: sample.rows[0]!.id };
}

/** A kept database (--database): created and migrated when missing, never dropped. */
async function withKeptDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T> {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis");
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  await migrateDatabase(url.toString());
  return work(url.toString());
}

async function bytesPerShipment(pool: pg.Pool): Promise<Record<string, number>> {
  const sizes = await pool.query<{ name: string; bytes: string }>(
    `SELECT relname AS name, pg_total_relation_size(oid) AS bytes FROM pg_class WHERE relname IN ('shipment', 'scoring_state', 'manifest', 'queue_count', 'queue_count_delta', 'queue_count_unit') AND relkind = 'r'`,
  );
  const out: Record<string, number> = {};
  let total = 0;
  for (const row of sizes.rows) {
    out[row.name] = Math.round(Number(row.bytes) / shipments);
    total += Number(row.bytes);
  }
  out.total = Math.round(total / shipments);
  return out;
}

/** The cut-offs as computed before the queue counters served them (cutoff-queries.ts), with or without parallel workers. */
async function cutoffsFromEveryRow(pool: pg.Pool, unitId: string, parallel: boolean): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (!parallel) await client.query("SET LOCAL max_parallel_workers_per_gather = 0");
    const today = new Date().toISOString().slice(0, 10);
    await client.query(CUTOFFS_FROM_ROWS_SQL, [unitId, DEFAULT_TARGET.holdShare, DEFAULT_TARGET.documentaryShare, DEFAULT_TARGET.windowDays, TRANSPORT_MODES, today]);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

const cpuRatio = (after?: { db: number } | null, before?: { db: number } | null) =>
  after && before && before.db > 0 ? Math.round((after.db / before.db) * 1000) / 1000 : null;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A new floor unit (with the baseline profile active) for this run: both sides start it empty, so a kept
 * database's earlier runs (their assessments, which scoring's evidence look-up reads) weigh on neither.
 */
async function newFloorUnit(services: Services, code: string): Promise<string> {
  const created = await services.prisma.controlUnit.create({ data: { code, locode: "XXFLR", name: "Floor", country: "XX", kind: "seaport" } });
  await installProfile(services, created.id, await loadBaselineProfile(), { activate: true });
  return created.id;
}

/**
 * The required writes of `writeRuns` manifests of `writeContainers` into a floor unit of an empty database and
 * into one beside the seeded unit, alternately (empty, at size, empty...), so that both see the same machine load:
 * median ms of the ingest's, the scoring's and their sum, each side.
 */
async function alternatingWrites(prefix: string, seeded: Services): Promise<{ empty: WriteTimes; atSize: WriteTimes } | null> {
  if (writeRuns === 0) return null;
  return withBenchDatabase(async (emptyUrl) => {
    const empty = createServices(parseConfig({ ...process.env, DATABASE_URL: emptyUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: "warn" }), "bench");
    try {
      const manifest = manifestSchema(20_000).parse(generateMegaVesselManifest(42, writeContainers));
      const code = `FLOOR-${prefix}`;
      const floors = { empty: await newFloorUnit(empty, code), atSize: await newFloorUnit(seeded, code) };
      const runs = { empty: [] as RequiredWriteTimes[], atSize: [] as RequiredWriteTimes[] };
      const stamp = Date.now();
      for (let run = 0; run < writeRuns; run += 1) {
        runs.empty.push(await requiredWrites(empty, floors.empty, manifest, stamp + run, cpuOf(empty)));
        runs.atSize.push(await requiredWrites(seeded, floors.atSize, manifest, stamp + run, cpuOf(seeded)));
      }
      const medians = (side: RequiredWriteTimes[]): WriteTimes => ({
        ingestMs: Math.round(median(side.map((r) => r.ingestMs))),
        scoringMs: Math.round(median(side.map((r) => r.scoringMs))),
        totalMs: Math.round(median(side.map((r) => r.ingestMs + r.scoringMs))),
        ingestCpuMs: Math.round(median(side.map((r) => r.ingestCpuMs ?? 0))),
        scoringCpuMs: Math.round(median(side.map((r) => r.scoringCpuMs ?? 0))),
        perRunMs: side.map((r) => [Math.round(r.ingestMs), Math.round(r.scoringMs)]),
      });
      return { empty: medians(runs.empty), atSize: medians(runs.atSize) };
    } finally {
      await empty.close();
    }
  });
}

/**
 * CPU of this database's client backends in ms (utime + stime from /proc: PostgreSQL on this host), and whether
 * every backend listed could be read (one that has just ended is no longer seen).
 */
async function backendCpuMs(pool: Pick<Services["pool"], "query">): Promise<{ ms: number; complete: boolean }> {
  const pids = await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'");
  let ticks = 0;
  let complete = true;
  for (const { pid } of pids.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      complete = false;
    }
  }
  return { ms: (ticks * 1000) / CLOCK_TICKS, complete };
}

/** CPU of the database's client backends plus this process's, in ms. */
const cpuOf = (services: Services) => async (): Promise<number> => {
  const database = await backendCpuMs(services.pool);
  const node = process.cpuUsage();
  return database.ms + (node.user + node.system) / 1000;
};

/** Medians of each part's wall time and CPU (database backends plus this process), and each run's [ingest, scoring] ms. */
interface WriteTimes { ingestMs: number; scoringMs: number; totalMs: number; ingestCpuMs: number; scoringCpuMs: number; perRunMs: number[][] }

/** At size against empty, per part: the throughput target is a ratio of at most 1.2 (within 20 %). */
function writeRatios(empty: WriteTimes, atSize: WriteTimes) {
  const ratio = (key: "ingestMs" | "scoringMs" | "totalMs" | "ingestCpuMs" | "scoringCpuMs") => Math.round((atSize[key] / empty[key]) * 100) / 100;
  const ratios = { ingest: ratio("ingestMs"), scoring: ratio("scoringMs"), total: ratio("totalMs"), ingestCpu: ratio("ingestCpuMs"), scoringCpu: ratio("scoringCpuMs") };
  return { containers: writeContainers, runs: writeRuns, empty, atSize, ratio: ratios, within20Percent: ratios.ingest <= 1.2 && ratios.scoring <= 1.2 };
}

await (args.database ? (work: (url: string) => Promise<void>) => withKeptDatabase(args.database!, work) : withBenchDatabase)(async (url) => {
  // Connections are kept (no idle timeout) so that the CPU of each backend can be read across a query's samples.
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 0, options: SESSION_OPTIONS });
  const prefix = `bench-qs-${randomBytes(3).toString("hex")}`;
  const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: prefix, LOG_LEVEL: "warn" });
  const app = createServices(config, "bench");
  try {
    let started = performance.now();
    const { unit, manifestId, sampleId, seeding } = await seed(pool);
    const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
    // BENCH_QUEUE_EXPLAIN=1: the plan of every statement slower than 50 ms, on stderr, once per query text.
    const explained = new Set<string>();
    const query = async (text: string, values?: unknown[]) => {
      const t = performance.now();
      const result = await pool.query(text, values);
      if (process.env.BENCH_QUEUE_EXPLAIN === "1" && performance.now() - t > 50 && !explained.has(text)) {
        explained.add(text);
        const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
        process.stderr.write(`\n--- ${Math.round(performance.now() - t)} ms\n${text}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}\n`);
      }
      return result;
    };
    const services = { pool: { query } as unknown as pg.Pool, now: () => new Date() };
    const today = new Date();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    const page = (filters: Omit<ShipmentFilters, "limit">) => () => listShipments(services, unit, { limit: 50, ...filters });
    // A second page (keyset) of the flagged list needs the first page's cursor.
    const first = await listShipments(services, unit, { limit: 50, flagged: true });
    const queries: Record<string, () => Promise<unknown>> = {
      baselinePrimaryKey: () => pool.query("SELECT id, bill_of_lading FROM shipment WHERE id = $1", [sampleId]),
      flaggedList: page({ flagged: true }),
      flaggedListNextPage: page({ flagged: true, cursor: first.nextCursor ?? undefined }),
      flaggedByArrivalWeek: page({ flagged: true, arrivalFrom: daysAgo(7), arrivalTo: daysAgo(0) }),
      flaggedByManifest: page({ flagged: true, manifestId }),
      bandHigh: page({ band: ["high"] }),
      awaitingDecision: page({ flagged: true, decision: ["none"] }),
      containerPrefix: page({ containerNumber: "MSCU12" }),
      billOfLadingPrefix: page({ billOfLading: "BL00012" }),
      partySearch: page({ party: "SHIPPER 0a1" }),
      // Broad searches (more than 10,000 matches): the score order walked, the total capped at 10,000 ("10,000+").
      billOfLadingBroad: page({ billOfLading: "BL0001" }),
      // A container prefix matching 20,000 of 1M: what containerPrefix (MSCU12) matches at 10M.
      containerPrefixBroad: page({ containerNumber: "MSCU1" }),
      partySearchBroad: page({ party: "CONSIGNEE 1" }),
      // The same word with "flagged only": its total by the bounded walk of the flagged rows (count-queue.ts).
      partySearchBroadFlagged: page({ party: "CONSIGNEE 1", flagged: true }),
      countsBroadSearch: () => queueCounts(services, unit, { billOfLading: "BL0001" }),
      countsFlagged: () => queueCounts(services, unit, { flagged: true }),
      countsManifest: () => queueCounts(services, unit, { manifestId }),
      countsArrivalWeek: () => queueCounts(services, unit, { arrivalFrom: daysAgo(7), arrivalTo: daysAgo(0) }),
      voyages72h: () => arrivingVoyages(services, unit, 72),
      // The unit's band cut-offs, recomputed every 5 minutes per process and after a re-score: from the counters
      // (band-cutoffs.ts), and as before from every row of the window, as the app ran it (parallel workers allowed)
      // and on one backend (whose database CPU is then all it costs: a parallel worker's is not seen).
      cutoffRefresh: () => refreshBandCutoffs(services, unit.id),
      cutoffsFromEveryRow: () => cutoffsFromEveryRow(pool, unit.id, true),
      cutoffsFromEveryRowSerial: () => cutoffsFromEveryRow(pool, unit.id, false),
    };
    const results: Record<string, { samples: number; p50: number; p95: number; p99: number; under100msP95: boolean; cpuMs: { db: number; node: number } | null }> = {};
    // CPU per run, which the machine's load does not inflate as it does the wall time: the database backends'
    // (utime + stime of this database's client connections, from /proc: PostgreSQL on this host; a parallel
    // worker's share is not seen, it has ended before it is read) and this process's.
    const databaseCpuMs = async (): Promise<number | null> => {
      const cpu = await backendCpuMs(pool);
      return cpu.complete ? cpu.ms : null;
    };
    // Open all of the pool's connections first, so that none appears in the middle of a measurement.
    await Promise.all(Array.from({ length: 4 }, () => pool.query("SELECT pg_sleep(0.05)")));
    started = performance.now();
    const only = args.only?.split(",");
    for (const [name, run] of Object.entries(queries)) {
      if (only && name !== "baselinePrimaryKey" && !only.includes(name)) continue;
      await run(); // warm the plan and the cache once
      const times: number[] = [];
      const dbBefore = await databaseCpuMs();
      const nodeBefore = process.cpuUsage();
      // A query far off target would take the whole run: stop repeating it after the budget (at least 3 samples).
      const until = performance.now() + budgetSeconds * 1000;
      for (let i = 0; i < repeats && (i < 3 || performance.now() < until); i++) {
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      const node = process.cpuUsage(nodeBefore);
      const dbAfter = await databaseCpuMs();
      const perRun = (ms: number) => Math.round((ms / times.length) * 10) / 10;
      const cpuMs = dbBefore === null || dbAfter === null ? null : { db: perRun(dbAfter - dbBefore), node: perRun((node.user + node.system) / 1000) };
      times.sort((a, b) => a - b);
      results[name] = { samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), under100msP95: percentile(times, 95) < 100, cpuMs };
      process.stderr.write(`queue-at-scale: ${name} p50 ${results[name].p50} p95 ${results[name].p95} ms, cpu ${JSON.stringify(cpuMs)}\n`);
    }
    const writes = await alternatingWrites(prefix, app);
    const baseline = results.baselinePrimaryKey!.p50;
    console.log(
      JSON.stringify({
        benchmark: "queue-at-scale",
        shipments,
        manifests,
        repeats,
        seedSeconds,
        seeding,
        measureSeconds: Math.round((performance.now() - started) / 100) / 10,
        firstPageTotal: first.total,
        bytesPerShipment: await bytesPerShipment(pool),
        // Ingest (COPY) and scoring writes of one manifest, medians of writeRuns: empty database, then beside the seeded unit.
        requiredWrites: writes === null ? null : writeRatios(writes.empty, writes.atSize),
        // Database CPU of a cut-off refresh from the counters over the old row-by-row computation's, on one backend.
        cutoffRefreshCpuRatio: cpuRatio(results.cutoffRefresh?.cpuMs, results.cutoffsFromEveryRowSerial?.cpuMs),
        // The row-by-row cut-offs are the reference for cutoffRefresh, no query of the queue's.
        missedP95: Object.entries(results).filter(([name, r]) => !r.under100msP95 && !name.startsWith("cutoffsFromEveryRow")).map(([name]) => name),
        queries: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { ...r, ratioToBaselineP50: baseline > 0 ? Math.round((r.p50 / baseline) * 10) / 10 : null }])),
      }),
    );
  } finally {
    await pool.end();
    await app.close();
    await deletePrefixKeys(config.REDIS_URL, prefix).catch(() => undefined);
  }
});
