// The BullMQ workers of one process: scoring and maintenance. Used by
// workers/main.ts and, in process, by tests that need a running pool.
import os from "node:os";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { closeBacktestThreads } from "../core/analysis/backtest-pool.js";
import { recordJob } from "../core/metrics/worker-metrics.js";
import type { Services } from "../core/services.js";
import { handleExpandManifest } from "./jobs/expand-manifest.js";
import { handleReconcile } from "./jobs/reconcile.js";
import { handleReferralSweep } from "./jobs/referral-sweep.js";
import { handleRunAnalysis } from "./jobs/run-analysis.js";
import { handleScoreShipments } from "./jobs/score-shipments.js";
import { JOBS, QUEUES } from "../core/jobs/job-catalog.js";
import { UnrunnableJobError } from "../core/jobs/typed-jobs.js";
import { workerConnection } from "./worker-connection.js";

export interface WorkerPool {
  close(): Promise<void>;
}

export function startWorkerPool(services: Services): WorkerPool {
  const { config, logger } = services;
  const connection = workerConnection(config.REDIS_URL);
  // The worker name is stored on each job it takes (job.processedBy): the
  // dashboard and the horizontal-scale test see which process ran what.
  const name = `${os.hostname()}:${process.pid}`;
  const options = { connection, prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY, name };
  const logged =
    (handler: (services: Services, job: Job) => Promise<unknown>) =>
    async (job: Job): Promise<unknown> => {
      const started = Date.now();
      try {
        const result = await handler(services, job);
        recordJob(job, (Date.now() - started) / 1000, result, false);
        logger.info({ jobId: job.id, job: job.name, ms: Date.now() - started }, "job done");
        return result;
      } catch (error) {
        recordJob(job, (Date.now() - started) / 1000, undefined, true);
        // Another deployment's job, or rows this database does not have: no
        // retry can succeed here, so BullMQ fails it now (the owner's
        // reconciler re-enqueues its own pending work under a fresh id).
        if (error instanceof UnrunnableJobError) throw new UnrecoverableError(error.message);
        throw error;
      }
    };
  const scoring = new Worker(QUEUES.scoring, logged(handleScoreShipments), options);
  // The maintenance queue carries several sweeps: route each job by its name.
  const maintenanceJob = (s: Services, job: Job) =>
    job.name === JOBS.referralSweep.name ? handleReferralSweep(s, job) : job.name === JOBS.expandManifest.name ? handleExpandManifest(s, job) : handleReconcile(s, job);
  const maintenance = new Worker(QUEUES.maintenance, logged(maintenanceJob), { ...options, concurrency: 1 });
  // Analyst jobs are CPU-heavy and long: one at a time per process, with a long lock.
  const analysis = new Worker(QUEUES.analysis, logged(handleRunAnalysis), { ...options, concurrency: 1, lockDuration: 120_000 });
  for (const worker of [scoring, maintenance, analysis]) {
    worker.on("failed", (job, error) => logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, "job failed"));
    worker.on("error", (error) => logger.error({ err: error.message }, "worker error"));
  }
  return {
    async close() {
      // close() lets in-flight jobs finish; an unfinished one is picked up again after the stalled check.
      await Promise.all([scoring.close(), maintenance.close(), analysis.close()]);
      // Then the back-test threads: no job is left to use them.
      await closeBacktestThreads();
      connection.disconnect();
    },
  };
}
