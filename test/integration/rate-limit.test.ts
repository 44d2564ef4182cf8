// The route rate limit (api/middleware/rate-limit.ts) on a small app of its
// own, so a window can be seconds long: a window starts at a key's first
// request, so requests straddling a wall-clock boundary still count in one
// window (the fixed window it replaced counted them in two and once let a
// third export through: summaries.test.ts); the 429 answer and its headers;
// deployments sharing a Redis count apart; Redis unreachable answers 503, and
// an API started before its Redis counts as soon as Redis is there, and again
// after a Redis restart has dropped the counting script.
import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { errorHandler } from "../../api/http-errors.js";
import { rateLimit, type RateLimit } from "../../api/middleware/rate-limit.js";
import { requestLogging } from "../../api/middleware/request-logging.js";
import { freePort, startOwnRedis, type OwnRedis } from "../helpers/own-redis.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { withUnreachableRedis } from "../helpers/unreachable-redis.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;

beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  const keys = await services.redis.keys(`${services.config.QUEUE_PREFIX}:ratelimit:*`);
  if (keys.length > 0) await services.redis.del(...keys);
  await services.dispose();
});

function limitedApp(rule: RateLimit, on: Pick<TestServices, "redis" | "config" | "logger"> = services) {
  const app = express();
  app.use(requestLogging(on.logger));
  app.get("/limited", rateLimit(on, rule), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler);
  return app;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe("route rate limit", () => {
  test("limit + 1 requests straddling a wall-clock window boundary are still limited", async () => {
    const windowMs = 2_000;
    let proven = false;
    // Each attempt needs the first two requests answered before a boundary and
    // the third sent after it, all within one window: under heavy load an
    // attempt may miss that, and the next one (with a fresh key) tries again.
    for (let attempt = 0; attempt < 5 && !proven; attempt += 1) {
      const app = limitedApp({ name: `boundary-${attempt}`, limit: 2, windowSeconds: windowMs / 1000 });
      const untilBoundary = windowMs - (Date.now() % windowMs);
      await sleep(untilBoundary >= 700 ? untilBoundary - 700 : untilBoundary + windowMs - 700);
      const started = Date.now();
      const boundary = started - (started % windowMs) + windowMs;
      const first = await request(app).get("/limited");
      const second = await request(app).get("/limited");
      const beforeBoundary = Date.now() < boundary;
      await sleep(boundary + 50 - Date.now());
      const third = await request(app).get("/limited");
      const withinOneWindow = Date.now() - started < windowMs;
      expect([first.status, second.status]).toEqual([200, 200]);
      if (!beforeBoundary || !withinOneWindow) continue;
      expect(third.status, JSON.stringify(third.body)).toBe(429);
      proven = true;
    }
    expect(proven, "no attempt managed to straddle a boundary within one window").toBe(true);
  });

  test("the refusal is a rate_limited problem with RateLimit headers and Retry-After; the window starts again after it", async () => {
    const app = limitedApp({ name: "headers", limit: 2, windowSeconds: 1 });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await request(app).get("/limited"));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 429]);
    expect(answers.map((res) => res.headers["ratelimit-limit"])).toEqual(["2", "2", "2"]);
    expect(answers.map((res) => res.headers["ratelimit-remaining"])).toEqual(["1", "0", "0"]);
    const refused = answers[2]!;
    expect(refused.body).toMatchObject({ error: "rate_limited", message: "at most 2 headers requests per 1 s for one token", retryAfterSeconds: 1 });
    expect(refused.body.requestId).toBe(refused.headers["x-request-id"]);
    expect(refused.headers["retry-after"]).toBe("1");
    await sleep(1_050);
    expect((await request(app).get("/limited")).status).toBe(200);
  });

  test("deployments sharing a Redis (another QUEUE_PREFIX) count apart", async () => {
    const other = createTestServices();
    try {
      const rule = { name: "shared-redis", limit: 1, windowSeconds: 60 };
      const mine = limitedApp(rule);
      expect([(await request(mine).get("/limited")).status, (await request(mine).get("/limited")).status]).toEqual([200, 429]);
      expect((await request(limitedApp(rule, other)).get("/limited")).status).toBe(200);
    } finally {
      const keys = await other.redis.keys(`${other.config.QUEUE_PREFIX}:ratelimit:*`);
      if (keys.length > 0) await other.redis.del(...keys);
      await other.dispose();
    }
  });

  test("with Redis unreachable it fails closed: 503 with Retry-After within 2 s", async () => {
    await withUnreachableRedis(async (cut) => {
      const started = Date.now();
      const res = await request(limitedApp({ name: "unreachable", limit: 5, windowSeconds: 60 }, cut)).get("/limited");
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(res.status).toBe(503);
      expect(res.body.error).toBe("unavailable");
      expect(res.headers["retry-after"]).toBe("5");
    });
  });

  test("an API started before its Redis counts once Redis is up, and after Redis restarts empty", async () => {
    const port = await freePort();
    const cut = createTestServices({ REDIS_URL: `redis://127.0.0.1:${port}` });
    let redis: OwnRedis | undefined;
    const remaining = async () => {
      const res = await request(app).get("/limited");
      return res.status === 200 ? Number(res.headers["ratelimit-remaining"]) : undefined;
    };
    // Requests refused while the connection was still connecting may be counted
    // once it is up (redisWithin's work still runs): the checks read the count.
    const counts = async (what: string) => {
      const first = Number(await waitFor(remaining, { timeoutMs: 15_000, what }));
      expect(await remaining()).toBe(first - 1);
      return first;
    };
    const app = limitedApp({ name: "late-redis", limit: 100, windowSeconds: 60 }, cut);
    try {
      expect((await request(app).get("/limited")).status).toBe(503);
      redis = await startOwnRedis(port);
      await counts("the limit to count once Redis is up");
      // A restarted Redis has neither the counts nor the script.
      await redis.restart();
      expect(await counts("the limit to count after the restart")).toBeGreaterThan(90);
    } finally {
      await cut.dispose();
      await redis?.stop();
    }
  });
});
