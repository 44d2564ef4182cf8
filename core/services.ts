// Everything a use case needs, built once per process from the configuration
// and passed explicitly (no module-level singletons), so tests can build
// their own against an isolated database and queue prefix.
import type { Config } from "./config.js";
import { createPool, type Pool } from "./db/pool.js";
import { createPrisma, type PrismaClient } from "./db/prisma.js";
import { createLogger, type Logger } from "./logger.js";
import { expansionsSettled } from "./manifests/expansions-in-flight.js";
import { memoizedIdentity, type DeploymentIdentity } from "./jobs/deployment-identity.js";
import { openQueues, producerConnection, type QueueSet } from "./jobs/queue-set.js";
import { createBoardCache, type BoardCache } from "./triage/board-cache.js";
import type { Redis } from "ioredis";

export interface Services {
  config: Config;
  pool: Pool;
  prisma: PrismaClient;
  redis: Redis;
  queues: QueueSet;
  logger: Logger;
  /** The queue board's reads shared between a unit's readers for QUEUE_READ_CACHE_MS. */
  boardCache: BoardCache;
  /** This deployment's identity (database system id and name), read once; every job carries it. */
  deployment: () => Promise<DeploymentIdentity>;
  /** Injectable clock: overdue sweeps and "first seen" tests control time. */
  now: () => Date;
  close(): Promise<void>;
}

export interface ServiceOptions extends Partial<Pick<Services, "now" | "logger">> {
  /** The Redis producer connection's command timeout (1 s, for request paths, by default). */
  redisCommandTimeoutMs?: number;
}

export function createServices(config: Config, name: string, overrides: ServiceOptions = {}): Services {
  const pool = createPool(config.DATABASE_URL, config.DB_POOL_SIZE);
  const prisma = createPrisma(config.DATABASE_URL, Math.max(2, Math.floor(config.DB_POOL_SIZE / 2)));
  const redis = producerConnection(config.REDIS_URL, overrides.redisCommandTimeoutMs);
  const queues = openQueues(redis, config.QUEUE_PREFIX, config.SCORE_MAX_ATTEMPTS);
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL, name, { format: config.LOG_FORMAT, file: config.LOG_FILE });
  return {
    config,
    pool,
    prisma,
    redis,
    queues,
    logger,
    boardCache: createBoardCache(config.QUEUE_READ_CACHE_MS),
    deployment: memoizedIdentity(pool),
    now: overrides.now ?? (() => new Date()),
    async close() {
      // Manifests this process answered and is still expanding: their part is written before the connections close.
      await expansionsSettled();
      await queues.close().catch(() => undefined);
      redis.disconnect();
      await Promise.allSettled([pool.end(), prisma.$disconnect()]);
    },
  };
}
