// The job catalog: every queue, its job names, payload schemas and options in
// one place. Producers (api/, core/) and the worker pool import only this.
import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import { z } from "zod";

export const QUEUES = { scoring: "scoring", maintenance: "maintenance", analysis: "analysis" } as const;

export const scoreShipmentsPayload = z.object({
  unitId: z.uuid(),
  shipmentIds: z.array(z.uuid()).min(1),
  /** Why the batch was enqueued: ingest, reconcile, rescore. */
  reason: z.enum(["ingest", "reconcile", "rescore"]),
});
export type ScoreShipmentsPayload = z.infer<typeof scoreShipmentsPayload>;

export const reconcilePayload = z.object({ requestedAt: z.string() });
export type ReconcilePayload = z.infer<typeof reconcilePayload>;

/** The overdue-referral sweep (maintenance queue). */
export const referralSweepPayload = z.object({ requestedAt: z.string() });
export type ReferralSweepPayload = z.infer<typeof referralSweepPayload>;

/** Long analyst jobs: the payload is only the analysis_job row id; the row holds the rest. */
export const runAnalysisPayload = z.object({ analysisJobId: z.uuid() });
export type RunAnalysisPayload = z.infer<typeof runAnalysisPayload>;

export const JOBS = {
  scoreShipments: { queue: QUEUES.scoring, name: "score-shipments", schema: scoreShipmentsPayload },
  reconcile: { queue: QUEUES.maintenance, name: "reconcile", schema: reconcilePayload },
  referralSweep: { queue: QUEUES.maintenance, name: "referral-sweep", schema: referralSweepPayload },
  runAnalysis: { queue: QUEUES.analysis, name: "run-analysis", schema: runAnalysisPayload },
} as const;

/**
 * Scoring jobs retry with exponential backoff; each shipment also counts its
 * own attempts in PostgreSQL, so one poison shipment is marked failed without
 * holding back the others in its batch.
 */
export const scoringJobOptions: JobsOptions = {
  attempts: 4,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 3_600, count: 2_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

export const maintenanceJobOptions: JobsOptions = {
  attempts: 2,
  removeOnComplete: { age: 3_600, count: 100 },
  removeOnFail: { age: 24 * 3_600 },
};

/** Connection for workers: BullMQ needs `maxRetriesPerRequest: null` on blocking connections. */
export function workerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * Connection for producers in a request path: no offline queue, so a dead
 * Redis fails fast instead of hanging the request (the outbox keeps the work).
 */
export function producerConnection(redisUrl: string): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, lazyConnect: false };
  const redis = new Redis(redisUrl, options);
  // Errors surface on the commands that fail; an unhandled 'error' event would crash the process.
  redis.on("error", () => undefined);
  return redis;
}

export const analysisJobOptions: JobsOptions = {
  // The runner marks the row failed itself; a BullMQ retry only covers a lost worker.
  attempts: 2,
  backoff: { type: "fixed", delay: 5_000 },
  removeOnComplete: { age: 3_600, count: 500 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

export interface QueueSet {
  scoring: Queue;
  maintenance: Queue;
  analysis: Queue;
  close(): Promise<void>;
}

export function openQueues(connection: ConnectionOptions, prefix: string): QueueSet {
  const scoring = new Queue(QUEUES.scoring, { connection, prefix, defaultJobOptions: scoringJobOptions });
  const maintenance = new Queue(QUEUES.maintenance, { connection, prefix, defaultJobOptions: maintenanceJobOptions });
  const analysis = new Queue(QUEUES.analysis, { connection, prefix, defaultJobOptions: analysisJobOptions });
  // Errors are reported by the calls that fail (enqueue); keep the process alive.
  for (const queue of [scoring, maintenance, analysis]) queue.on("error", () => undefined);
  return {
    scoring,
    maintenance,
    analysis,
    async close() {
      await Promise.all([scoring.close(), maintenance.close(), analysis.close()]);
    },
  };
}
