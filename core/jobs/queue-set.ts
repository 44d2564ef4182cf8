// The producers' side of the queues: one Redis connection and the three
// queues of a deployment, with the catalog's default options.
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import { QUEUES, analysisJobOptions, maintenanceJobOptions, scoringJobOptions } from "./job-catalog.js";

export interface QueueSet {
  scoring: Queue;
  maintenance: Queue;
  analysis: Queue;
  close(): Promise<void>;
}

/**
 * Connection for producers in a request path: no offline queue, so a dead
 * Redis fails fast instead of hanging the request (the outbox keeps the work),
 * and a command timeout, so a hung one (paused, packets dropped) does too.
 * 1 s suits a request; a worker process, whose event loop runs scoring chunks
 * and is slower to read a reply on a loaded machine, passes a longer one.
 */
export function producerConnection(redisUrl: string, commandTimeoutMs = 1_000): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, commandTimeout: commandTimeoutMs, lazyConnect: false };
  const redis = new Redis(redisUrl, options);
  // Errors surface on the commands that fail; an unhandled 'error' event would crash the process.
  redis.on("error", () => undefined);
  return redis;
}

export function openQueues(connection: ConnectionOptions, prefix: string, scoreMaxAttempts: number): QueueSet {
  const scoring = new Queue(QUEUES.scoring, { connection, prefix, defaultJobOptions: scoringJobOptions(scoreMaxAttempts) });
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
