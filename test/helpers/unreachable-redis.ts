// Services whose Redis nothing answers (a port just freed), for the checks
// that must fail closed when Redis is unreachable: the route rate limit and
// the sign-in throttle answer 503 instead of letting requests through.
import { freePort } from "./own-redis.js";
import { createTestServices, type TestServices } from "./test-services.js";

export async function withUnreachableRedis<T>(work: (cut: TestServices) => Promise<T>): Promise<T> {
  const cut = createTestServices({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  try {
    return await work(cut);
  } finally {
    // Not dispose(): BullMQ waits for a Redis that never comes before it closes a queue.
    cut.redis.disconnect();
    await Promise.allSettled([cut.pool.end(), cut.prisma.$disconnect()]);
  }
}
