// Redis on a request path answers within a deadline or the request is refused
// with 503 (Retry-After). The request-path connection has no offline queue, so
// a closed connection fails at once; a hung Redis (paused, or a network that
// drops packets) would otherwise hold the request for as long as it hangs.
// A connection still connecting (a process just started, or reconnecting) is
// waited for within the same deadline: without an offline queue its commands
// would otherwise fail at once, and the first requests after a start would be
// refused although Redis is fine.
import type { Redis } from "ioredis";
import { AppError } from "./errors.js";

export const REDIS_DEADLINE_MS = 1_000;

function ready(redis: Redis): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => redis.once("ready", () => resolve()));
}

export async function redisWithin<T>(redis: Redis, work: () => Promise<T>, what: string, ms = REDIS_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([ready(redis).then(work), deadline]);
  } catch (error) {
    throw new AppError("unavailable", `${what} is unavailable while Redis does not answer; retry shortly`, { cause: error instanceof Error ? error.message : String(error) });
  } finally {
    clearTimeout(timer);
  }
}
