// Configuration is read from the environment once, at start-up, and checked
// with zod: a wrong value stops the process with a message naming it, rather
// than failing later in the middle of a manifest.
import os from "node:os";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Size limits accept `5mb`, `512kb` or a number of bytes. */
const byteSize = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, "expected a size such as 40mb, 512kb or 1048576")
  .transform((value) => {
    const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value)!;
    const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
    return Math.round(Number(match[1]) * units[(match[2] ?? "b").toLowerCase()]!);
  });

const postgresUrl = z
  .string()
  .url("expected a URL such as postgresql://user@host:5432/db")
  .refine((url) => /^postgres(ql)?:\/\//.test(url), "expected a postgresql:// URL");

const redisUrl = z
  .string()
  .url("expected a URL such as redis://127.0.0.1:6379")
  .refine((url) => /^rediss?:\/\//.test(url), "expected a redis:// URL");

export const configSchema = z.object({
  /** What the API and workers connect as: the application role (see core/db/database-roles.ts). */
  DATABASE_URL: postgresUrl.default("postgresql://portcullis_app@127.0.0.1:5432/portcullis"),
  /**
   * Migrations and maintenance (`npm run db:migrate`, the start-up preparation,
   * `audit archive`): a superuser, which switches to the owner role. Default:
   * DATABASE_URL's server and database as user `postgres`.
   */
  DATABASE_ADMIN_URL: postgresUrl.optional(),
  REDIS_URL: redisUrl.default("redis://127.0.0.1:6379"),
  /** Prefix of every BullMQ key, so several deployments or test runs share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, "letters, digits, : _ - only").default("portcullis"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: intFrom(0, 65535).default(3000),
  /** Scoring worker processes; default one per CPU core (scoring is CPU-bound). */
  WORKER_COUNT: intFrom(0, 64).default(os.availableParallelism()),
  /**
   * Units whose rows this worker process's sweeps pick up (comma-separated unit codes, any case): the reconciler's
   * pending shipments, re-score chunks, queued analyses and staged manifests, and the overdue-referral sweep. Empty:
   * every unit. For a pool of its own per port (or a test's workers) against a shared database; jobs already on the
   * queue are taken whatever their unit. A code the database does not have is warned about at start-up and
   * swept from when the unit is created (core/units/worker-units.ts).
   */
  WORKER_UNITS: z
    .string()
    .transform((value) => [...new Set(value.split(",").map((code) => code.trim().toUpperCase()).filter(Boolean))])
    // The unit code format of admin-schemas.ts.
    .pipe(z.array(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, "each unit code must be 2-40 letters, digits, _ or - (e.g. ECGYE-PCU)")))
    .default([]),
  /** Jobs one worker process runs at once (I/O overlap; CPU scales with processes). */
  WORKER_CONCURRENCY: intFrom(1, 64).default(2),
  /** OS niceness of the worker processes (0-19): on shared cores, batch scoring yields the CPU to the API's readers. */
  WORKER_NICE: intFrom(0, 19).default(10),
  /** Shipments per scoring job. */
  SCORE_CHUNK_SIZE: intFrom(10, 5000).default(500),
  /** Worker threads one process scores a back-test or comparison with; 1 scores in the job's own thread. */
  BACKTEST_THREADS: intFrom(1, 64).default(os.availableParallelism()),
  /** How long a shipment may stay pending before the reconciler re-enqueues it. */
  RECONCILE_GRACE_SECONDS: intFrom(1, 86_400).default(60),
  /** node-cron expression for the reconciler sweep. */
  RECONCILE_CRON: z.string().min(9).default("*/1 * * * *"),
  /** node-cron expression for the overdue-referral sweep. */
  REFERRAL_SWEEP_CRON: z.string().min(9).default("*/15 * * * *"),
  /** Attempts per shipment before it is marked failed. */
  SCORE_MAX_ATTEMPTS: intFrom(1, 50).default(5),
  MANIFEST_BODY_LIMIT: byteSize.default(40 * 1024 * 1024),
  DEFAULT_BODY_LIMIT: byteSize.default(256 * 1024),
  /** Largest history upload (CSV or JSON lines), streamed to PostgreSQL, never held in memory (413 above). */
  HISTORY_UPLOAD_LIMIT: byteSize.default(2 * 1024 ** 3),
  /** Shipments per manifest (a 24,000 TEU mega-vessel carries ~20,000 boxes). */
  MANIFEST_MAX_SHIPMENTS: intFrom(1, 100_000).default(20_000),
  /** From this many shipments, a manifest posted over HTTP (JSON or CUSCAR) is answered once committed as one payload; a worker writes its shipment rows next. */
  MANIFEST_STAGED_FROM: intFrom(1, 100_000).default(4_000),
  /** The answering API process writes a staged manifest's rows right after the answer (a delayed worker job is the fallback); false: the worker job alone. */
  MANIFEST_EXPAND_IN_API: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
  /**
   * Failed expansions of a staged manifest (the answering process's, each job attempt, each reconciler re-enqueue)
   * before it is marked failed: GET then answers state "failed" with the last error, the reconciler stops, the payload
   * stays, and `manifests retry-expansion` tries again. The default covers the process, the fallback job's 5 attempts
   * and a reconciler sweep's job, a few minutes of a passing fault.
   */
  MANIFEST_EXPAND_MAX_ATTEMPTS: intFrom(1, 1_000).default(10),
  DB_POOL_SIZE: intFrom(1, 200).default(10),
  /** Directory of the built web client served at `/` (default: web/dist of this checkout). */
  WEB_ROOT: z.string().min(1).optional(),
  /** Origins allowed to call the API from a browser (comma-separated); none by default. */
  CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url("each origin must be a URL such as https://pcu.example.org")))
    .default([]),
  /** Express "trust proxy" setting: false, or hops/addresses of trusted proxies. */
  TRUST_PROXY: z
    .string()
    .transform((value): boolean | number | string => (value === "false" ? false : value === "true" ? true : /^\d+$/.test(value) ? Number(value) : value))
    .default(false),
  /** Manifests one token may post per minute. */
  INGEST_RATE_LIMIT: intFrom(1, 100_000).default(120),
  /** Back-tests, builds and exports one token may start per minute. */
  EXPENSIVE_RATE_LIMIT: intFrom(1, 10_000).default(10),
  /** Failed authentications are counted (and audited as one row) per source address and window of this length. */
  AUTH_FAILURE_WINDOW_SECONDS: intFrom(1, 3_600).default(60),
  /** Failed authentications one address may make per window (per API process) before it is answered 429. */
  AUTH_FAILURE_LIMIT: intFrom(1, 1_000_000).default(600),
  /**
   * The queue board (/admin/queues) may change queues and jobs (pause, clean,
   * retry, obliterate...). Off: the board is read-only. On: each change is audited.
   */
  QUEUE_BOARD_WRITE: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  /**
   * Bearer token Prometheus sends to scrape /metrics (admins' tokens work too).
   * Unset: only admins' tokens are accepted.
   */
  METRICS_TOKEN: z.string().min(24, "at least 24 characters").optional(),
  /**
   * A worker process serves its own /metrics on this port (the next free one
   * when several workers share a host). Unset: workers expose no port.
   */
  WORKER_METRICS_PORT: intFrom(1, 65535).optional(),
  /**
   * Milliseconds the queue board's reads (list pages, counts, voyages) are
   * shared between a unit's readers; 0 computes every read. Writes made
   * through this API process refresh them at once; scores from the workers
   * show within this time.
   */
  QUEUE_READ_CACHE_MS: intFrom(0, 60_000).default(1000),
  /** Months of audit trail kept in the database; `audit archive` archives and drops older monthly partitions. */
  AUDIT_RETENTION_MONTHS: intFrom(1, 1_200).default(24),
  /** Months of a unit's shipments kept live; `shipments archive` writes older ones (no hold, inspection or seizure) to a file and deletes them. */
  SHIPMENT_RETENTION_MONTHS: intFrom(1, 1_200).default(24),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** `auto`: readable lines when stdout is a terminal, JSON lines otherwise (production). */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Append the logs to this file instead of stdout (JSON unless LOG_FORMAT=pretty). */
  LOG_FILE: z.string().min(1).optional(),
  /** Load the demo units, manifests and profiles when the database is empty. */
  DEMO_DATA: z.enum(["auto", "never"]).default("auto"),
});

export type Config = z.infer<typeof configSchema> & { DATABASE_ADMIN_URL: string };

/** DATABASE_URL's server and database, as the `postgres` superuser. */
export function defaultAdminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = "postgres";
  url.password = "";
  return url.toString();
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Parses an environment; throws ConfigError naming every wrong variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set" (docker-compose passes `FOO=` for unset values).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return { ...result.data, DATABASE_ADMIN_URL: result.data.DATABASE_ADMIN_URL ?? defaultAdminUrl(result.data.DATABASE_URL) };
  const lines = result.error.issues.map((issue) => {
    // The variable is the first path element; a list item adds its position.
    const name = String(issue.path[0]);
    const item = issue.path.length > 1 ? ` (item ${issue.path.slice(1).join(".")})` : "";
    return `  ${name}=${JSON.stringify(env[name])}${item}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig();
  return cached;
}
