// A scoring worker process. `npm start` runs WORKER_COUNT of them; any number
// can run against one PostgreSQL and Redis.
import { setPriority } from "node:os";
import { loadConfig, ConfigError } from "../core/config.js";
import { createServices, type Services } from "../core/services.js";
import { unknownUnitCodes } from "../core/units/worker-units.js";
import { startMetricsServer } from "./metrics-server.js";
import { startWorkerPool } from "./pool.js";
import { enqueueReconcile, startScheduler } from "./scheduler.js";

async function main(): Promise<void> {
  const config = loadConfig();
  // Scoring is batch work: on cores it shares with the API, the officers' reads go first.
  // Lowering one's own priority needs no privilege; a failure leaves it as it was.
  try {
    setPriority(config.WORKER_NICE);
  } catch {
    // not permitted here (a container's seccomp profile): run at the default priority
  }
  // Enqueues from a worker (follow-up chunks, cut-off refreshes) wait for a loop busy with scoring: 5 s, not 1 s.
  const services = createServices(config, "worker", { redisCommandTimeoutMs: 5_000 });
  await warnUnknownUnits(services);
  const pool = startWorkerPool(services);
  const scheduler = startScheduler(services);
  // A sweep at start-up picks up whatever a previous run left pending.
  await enqueueReconcile(services, `startup-${Math.floor(Date.now() / 60_000)}`);
  const metrics = config.WORKER_METRICS_PORT
    ? await startMetricsServer(config.WORKER_METRICS_PORT, config.HOST, services.logger, config.METRICS_TOKEN)
    : undefined;
  const units = config.WORKER_UNITS.length > 0 ? config.WORKER_UNITS : "all";
  services.logger.info({ concurrency: config.WORKER_CONCURRENCY, metricsPort: metrics?.port, units }, "worker ready");
  process.send?.({ type: "ready", role: "worker", metricsPort: metrics?.port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, "worker stopping: finishing in-flight jobs");
    scheduler.stop();
    await pool.close();
    await metrics?.close();
    await services.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("disconnect", () => void stop("parent gone"));
}

/**
 * WORKER_UNITS naming a unit the database lacks is a warning, not a refusal: the unit may be created after the
 * pool starts (an operator setting up a port, a test), and its sweeps begin then. A typo shows here, and in a
 * backlog metric that never drains.
 */
async function warnUnknownUnits(services: Services): Promise<void> {
  const codes = services.config.WORKER_UNITS;
  if (codes.length === 0) return;
  try {
    const unknown = await unknownUnitCodes(services.pool, codes);
    if (unknown.length > 0) services.logger.warn({ unknown, units: codes }, "WORKER_UNITS names units this database does not have (yet): they are swept once created");
  } catch (error) {
    services.logger.warn({ err: error }, "could not check WORKER_UNITS against the database");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
