// The request path's Redis deadline: a connection still connecting (a process
// that just started) is waited for within the deadline, not refused at once.
import { afterAll, expect, test } from "vitest";
import { redisWithin } from "../../core/redis-deadline.js";
import { createTestServices } from "../helpers/test-services.js";

const services = createTestServices();
afterAll(() => services.dispose());

test("a command sent before the connection is ready waits for it instead of failing", async () => {
  // Created in this very turn of the event loop: its connection cannot be ready yet, and it has no offline queue.
  // (Services made when the file loaded could already be connected by the time a busy machine runs the test.)
  const fresh = createTestServices();
  try {
    expect(fresh.redis.status).not.toBe("ready");
    await expect(redisWithin(fresh.redis, () => fresh.redis.ping(), "the test")).resolves.toBe("PONG");
  } finally {
    await fresh.dispose();
  }
});

test("a Redis that never answers is refused with a clear 503-class error within the deadline", async () => {
  const started = Date.now();
  await expect(redisWithin(services.redis, () => new Promise<never>(() => undefined), "the test", 200)).rejects.toMatchObject({ code: "unavailable" });
  expect(Date.now() - started).toBeLessThan(1_000);
});
