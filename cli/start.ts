// `npm start`: prepares the database (create if missing, migrate), then runs
// the API and WORKER_COUNT scoring worker processes, restarting any that dies,
// while it loads the demo data into an empty database, and prints last (once
// everything is up and the demo voyages are scored) the URL and how to sign
// in: the demo users' one-time passwords on a fresh install.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig, type Config } from "../core/config.js";
import { ensureDatabase, migrateDatabase } from "../core/db/database-admin.js";
import { formatFirstStartBanner, formatLaterStartBanner, type DemoCredentials } from "../core/demo/demo-banner.js";
import { loadDemoDataIfEmpty } from "../core/demo/load-demo-data.js";
import { openQueues, producerConnection } from "../core/jobs/queue-set.js";
import { createServices } from "../core/services.js";
import { serviceExecArgv, serviceProcessEnv } from "./service-process-env.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));
const entry = (relative: string) => path.resolve(here, "..", `${relative}${ext}`);

interface Child {
  role: "api" | "worker";
  file: string;
  process?: ChildProcess;
  restarts: number[];
}

/** Creates the database if missing and migrates it: the API and workers need its tables. */
async function prepareDatabase(config: Config): Promise<void> {
  // The admin connection creates, migrates and hands the database to the
  // owner role; the API and the workers then connect as the application role.
  const created = await ensureDatabase(config.DATABASE_ADMIN_URL);
  if (created) console.log(`Created database ${new URL(config.DATABASE_ADMIN_URL).pathname.slice(1)}`);
  await migrateDatabase(config.DATABASE_ADMIN_URL, config.DATABASE_URL);
}

/** The demo users' credentials when the demo data was loaded just now, otherwise null. */
async function loadDemoData(config: Config): Promise<DemoCredentials[] | null> {
  if (config.DEMO_DATA === "never") return null;
  const services = createServices(config, "start");
  try {
    const loaded = await loadDemoDataIfEmpty(services);
    if (loaded) console.log(loaded.summary);
    return loaded?.users ?? null;
  } finally {
    await services.close();
  }
}

/**
 * Resolves once the scoring queue has stayed empty (nothing waiting, delayed or
 * running) for a second, checked every quarter of a second, or after
 * `limitMs`: on a first start the workers log a line per scored demo batch,
 * and the banner should come after them, not scroll away under them.
 */
async function scoringSettled(config: Config, limitMs: number): Promise<void> {
  const redis = producerConnection(config.REDIS_URL);
  const queues = openQueues(redis, config.QUEUE_PREFIX, config.SCORE_MAX_ATTEMPTS);
  const deadline = Date.now() + limitMs;
  let emptySince: number | undefined;
  try {
    while ((emptySince === undefined || Date.now() - emptySince < 1_000) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const counts = await queues.scoring.getJobCounts("waiting", "delayed", "prioritized", "active").catch(() => null);
      const pending = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : 0;
      emptySince = pending === 0 ? (emptySince ?? Date.now()) : undefined;
    }
  } finally {
    await queues.close().catch(() => undefined);
    redis.disconnect();
  }
}

function run(child: Child, onReady: (message: { role: string; url?: string }) => void, stopping: () => boolean): void {
  // The API and workers connect as the application role (no admin URL), with steady memory (service-process-env.ts).
  const proc = fork(child.file, [], { stdio: "inherit", env: serviceProcessEnv(process.env), execArgv: serviceExecArgv(process.execArgv) });
  child.process = proc;
  proc.on("message", (message: { type?: string; role?: string; url?: string }) => {
    if (message.type === "ready") onReady({ role: message.role ?? child.role, url: message.url });
  });
  proc.on("exit", (code, signal) => {
    if (stopping()) return;
    const now = Date.now();
    child.restarts = child.restarts.filter((at) => now - at < 60_000).concat(now);
    if (child.restarts.length > 5) {
      console.error(`${child.role} keeps exiting (last: code ${code}, signal ${signal}); giving up`);
      process.exit(1);
    }
    console.error(`${child.role} exited (code ${code}, signal ${signal}); restarting`);
    setTimeout(() => run(child, onReady, stopping), 1_000);
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  await prepareDatabase(config);
  // The API and workers start while the demo data loads (their start-up is
  // seconds of module loading): the workers score the demo voyages as soon as
  // they are stored, and the banner still waits for the load, the API, every
  // worker and the scoring. A failed load stops everything, as before.
  let demoUsers: DemoCredentials[] | null = null;
  let demoLoaded = false;
  const demo = loadDemoData(config).then((users) => {
    demoUsers = users;
    demoLoaded = true;
  });
  const children: Child[] = [
    { role: "api", file: entry("api/server"), restarts: [] },
    ...Array.from({ length: config.WORKER_COUNT }, (): Child => ({ role: "worker", file: entry("workers/main"), restarts: [] })),
  ];
  let stopping = false;
  let workersReady = 0;
  let apiUrl: string | undefined;
  let bannerShown = false;
  // Last, after the children's start-up lines, so the sign-in details do not scroll away.
  const showBanner = () => {
    if (bannerShown || !demoLoaded || !apiUrl || workersReady < config.WORKER_COUNT) return;
    bannerShown = true;
    const url = apiUrl;
    const users = demoUsers;
    // With workers, wait (at most 2 minutes) for the demo voyages to be scored; with none, nothing would score them.
    const settled = users && config.WORKER_COUNT > 0 ? scoringSettled(config, 120_000) : Promise.resolve();
    void settled.finally(() => {
      if (!stopping) console.log(users ? formatFirstStartBanner(url, users) : formatLaterStartBanner(url));
    });
  };
  for (const child of children) {
    run(
      child,
      (message) => {
        if (message.role === "api" && message.url) {
          console.log(`Portcullis API listening on ${message.url}`);
          apiUrl = message.url;
        }
        if (message.role === "worker" && ++workersReady === config.WORKER_COUNT) console.log(`${config.WORKER_COUNT} scoring worker(s) ready`);
        showBanner();
      },
      () => stopping,
    );
  }
  const stop = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: stopping (workers finish their in-flight jobs)`);
    const alive = children.map((c) => c.process).filter((p): p is ChildProcess => !!p && p.exitCode === null);
    let left = alive.length;
    if (left === 0) process.exit(exitCode);
    for (const proc of alive) {
      proc.once("exit", () => --left === 0 && process.exit(exitCode));
      proc.kill("SIGTERM");
    }
    setTimeout(() => process.exit(1), 30_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  try {
    await demo;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    stop("the demo data could not be loaded", 1);
    return;
  }
  showBanner();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
