// `npm run bench`: every benchmark in bench/, one after the other (they would
// only measure each other on 2 shared cores), each as its own `npx tsx` child
// process with a timeout. Prints one JSON object per line on stdout:
//   {"name":"ingest-end-to-end","ok":true,"seconds":41.2,"result":{...the benchmark's JSON...}}
// or, for one that failed, ok false with the reason and the end of its
// stderr. Exits 1 if any failed, naming them on stderr.
//
//   npm run bench [-- --quick] [-- --only ingest-end-to-end,scoring-vs-json-rules-engine]
//
// --quick runs the smaller mode of the benchmarks that have one (figures for
// a smoke test, not for the README). Each benchmark drops its database and
// Redis keys itself; a benchmark killed on its timeout cannot, so the runner
// then drops the bench databases and queue prefixes that appeared while it ran.
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { dropDatabase, splitDatabaseUrl } from "../core/db/database-admin.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";

interface Benchmark {
  name: string;
  args?: string[];
  /** Arguments of the smaller mode, where the benchmark has one. */
  quick?: string[];
  env?: Record<string, string>;
  quickEnv?: Record<string, string>;
  /** Node flags of the benchmark's own process. */
  node?: string[];
  timeoutMinutes: number;
}

// Listed, not globbed: bench-database.ts, memory-probe.ts, explain-queue-reads.ts, scoring-generator.ts, scoring-rules.ts, required-writes.ts,
// backtest-speed-profile.ts, web-editor-profiles.ts, learned-unit.ts, process-cpu.ts and seed-scale-unit.ts are shared modules.
const BENCHMARKS: readonly Benchmark[] = [
  { name: "scoring-vs-json-rules-engine", quickEnv: { BENCH_SHIPMENTS: "10000" }, timeoutMinutes: 10 },
  { name: "ingest-end-to-end", quick: ["--shipments", "3000", "--runs", "1"], timeoutMinutes: 15 },
  { name: "history-import", timeoutMinutes: 15 },
  { name: "history-import-manifest-jsonl", quick: ["--lines", "5000"], timeoutMinutes: 15 },
  { name: "profile-quality", quick: ["--seeds", "7", "--skip-customs"], timeoutMinutes: 20 },
  { name: "profile-robustness", quick: ["--seeds", "7", "--variants", "default,drift"], timeoutMinutes: 30 },
  { name: "cli-quality", timeoutMinutes: 15 },
  { name: "load-ingest-and-query", args: ["--seconds", "300"], quick: ["--seconds", "20", "--baseline-seconds", "5", "--seed-containers", "3000", "--gc-every", "10"], timeoutMinutes: 20 },
  { name: "triage-first-screen", quick: ["--repeats", "1", "--containers", "3000"], timeoutMinutes: 20 },
  { name: "web-editor", quick: ["--repeats", "1", "--keys", "10"], timeoutMinutes: 15 },
  { name: "backtest-speed", quick: ["--records", "10000", "--pending", "3000"], timeoutMinutes: 20 },
  { name: "rescore-after-activation", quick: ["--pending", "3000", "--runs", "1"], timeoutMinutes: 25 },
  { name: "edifact-ingest", quick: ["--containers", "3000", "--runs", "1"], timeoutMinutes: 15 },
  { name: "queue-at-scale", quick: ["--shipments", "50000", "--repeats", "10", "--budget", "5"], timeoutMinutes: 40 },
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: flags } = parseArgs({ options: { only: { type: "string" }, quick: { type: "boolean", default: false } } });
const only = flags.only === undefined ? undefined : flags.only.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
const unknown = (only ?? []).filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`--only: no benchmark named ${unknown.join(", ")} (known: ${BENCHMARKS.map((b) => b.name).join(", ")})`);
  process.exit(2);
}
const selected = BENCHMARKS.filter((b) => only === undefined || only.includes(b.name));

interface Outcome {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function run(bench: Benchmark): Promise<Outcome> {
  const args = [...(bench.node ?? []), `bench/${bench.name}.ts`, ...((flags.quick ? bench.quick : undefined) ?? bench.args ?? [])];
  const env = { ...process.env, ...bench.env, ...(flags.quick ? bench.quickEnv : {}) };
  // Its own process group, so a timeout also ends the worker processes it started.
  const child = spawn("npx", ["tsx", ...args], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
    process.stderr.write(chunk); // progress and warnings stay visible; stdout carries only the JSON lines
  });
  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), 5_000).unref();
  }, bench.timeoutMinutes * 60_000);
  return new Promise((done) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, timedOut, stdout, stderr });
    });
  });
}

/** The benchmark's JSON: the last stdout line that parses as an object. */
function resultOf(stdout: string): unknown {
  for (const line of stdout.trim().split("\n").reverse()) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed !== null && typeof parsed === "object") return parsed;
    } catch {
      // Not the JSON line.
    }
  }
  return undefined;
}

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portcullis";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Bench databases and queue prefixes (bench-…) that exist now. */
async function leftovers(): Promise<{ databases: string[]; prefixes: string[] }> {
  const client = new pg.Client({ connectionString: splitDatabaseUrl(databaseUrl).adminUrl });
  await client.connect();
  const databases = await client
    .query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'portcullis\\_bench\\_%'")
    .finally(() => client.end());
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const prefixes = new Set<string>();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", "bench-*", "COUNT", 1000);
      cursor = next;
      for (const key of keys) prefixes.add(key.split(":")[0]!);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return { databases: databases.rows.map((r) => r.datname), prefixes: [...prefixes] };
}

/** Drops what appeared since `before`; returns what it dropped. Only after a kill: a benchmark that ends cleans up itself. */
async function cleanUp(before: { databases: string[]; prefixes: string[] }): Promise<string[]> {
  const now = await leftovers();
  const dropped: string[] = [];
  for (const name of now.databases.filter((d) => !before.databases.includes(d))) {
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    await dropDatabase(url.toString());
    dropped.push(`database ${name}`);
  }
  for (const prefix of now.prefixes.filter((p) => !before.prefixes.includes(p))) {
    await deletePrefixKeys(redisUrl, `${prefix}:`);
    dropped.push(`redis ${prefix}:*`);
  }
  return dropped;
}

const failed: string[] = [];
for (const bench of selected) {
  const before = await leftovers();
  const started = performance.now();
  const outcome = await run(bench);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const result = resultOf(outcome.stdout);
  const ok = outcome.code === 0 && !outcome.timedOut && result !== undefined;
  if (ok) {
    console.log(JSON.stringify({ name: bench.name, ok, quick: flags.quick, seconds, result }));
    continue;
  }
  failed.push(bench.name);
  const reason = outcome.timedOut
    ? `timed out after ${bench.timeoutMinutes} min`
    : outcome.code !== 0
      ? `exited with ${outcome.code ?? outcome.signal}`
      : "printed no JSON object";
  const cleanedUp = outcome.timedOut || outcome.signal !== null ? await cleanUp(before) : [];
  console.log(JSON.stringify({ name: bench.name, ok, quick: flags.quick, seconds, error: reason, result, cleanedUp, stderrTail: outcome.stderr.slice(-1_000) }));
}

if (failed.length > 0) {
  console.error(`bench: ${failed.length} of ${selected.length} failed: ${failed.join(", ")}`);
  process.exitCode = 1;
}
