import { Redis } from "ioredis";

/** Connection for workers: BullMQ needs `maxRetriesPerRequest: null` on blocking connections. */
export function workerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
