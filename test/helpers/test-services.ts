// Services for integration tests: the run's isolated database (global setup)
// and a queue prefix of this test file's own, cleaned up afterwards.
import { randomBytes } from "node:crypto";
import { parseConfig, type Config } from "../../core/config.js";
import { createServices, type Services } from "../../core/services.js";
import { createLogger } from "../../core/logger.js";

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return parseConfig({
    ...process.env,
    QUEUE_PREFIX: `${process.env.QUEUE_PREFIX ?? "pc-test"}-${randomBytes(3).toString("hex")}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    RECONCILE_GRACE_SECONDS: "1",
    WORKER_CONCURRENCY: "2",
    ...overrides,
  });
}

export interface TestServices extends Services {
  /** Removes this file's queue keys from Redis and closes connections. */
  dispose(): Promise<void>;
}

export function createTestServices(overrides: Partial<Record<keyof Config, string>> = {}, now?: () => Date): TestServices {
  const config = testConfig(overrides);
  const services = createServices(config, "test", { logger: createLogger(config.LOG_LEVEL, "test"), ...(now ? { now } : {}) });
  return {
    ...services,
    async dispose() {
      await services.queues.scoring.obliterate({ force: true }).catch(() => undefined);
      await services.queues.maintenance.obliterate({ force: true }).catch(() => undefined);
      await services.queues.analysis.obliterate({ force: true }).catch(() => undefined);
      await services.close();
    },
  };
}
