// Per-token rate limits on expensive routes, counted in Redis so every API
// process shares them (fixed window). They fail closed: if Redis does not
// answer within a second, the request is refused with 503 and Retry-After.
// The limited routes either need Redis anyway (ingest enqueues scoring,
// back-tests and builds enqueue jobs) or are the expensive ones the limit
// protects (summary exports); letting them through unlimited, or waiting on
// a hung Redis, is how a paused Redis once held manifest posts for 21 s.
// (Sign-in has its own throttle: core/auth/sign-in-throttle.ts.)
import type { RequestHandler } from "express";
import { AppError } from "../../core/errors.js";
import { redisWithin } from "../../core/redis-deadline.js";
import type { Services } from "../../core/services.js";

export interface RateLimit {
  name: string;
  limit: number;
  windowSeconds: number;
}

export function rateLimit(services: Pick<Services, "redis" | "config" | "logger">, rule: RateLimit): RequestHandler {
  return async (req, res, next) => {
    const who = req.principal?.tokenId ?? req.ip ?? "anonymous";
    const window = Math.floor(Date.now() / 1000 / rule.windowSeconds);
    const key = `${services.config.QUEUE_PREFIX}:ratelimit:${rule.name}:${who}:${window}`;
    const counted = await redisWithin(services.redis, () => services.redis.multi().incr(key).expire(key, rule.windowSeconds + 1).exec(), `the ${rule.name} rate limit`);
    const count = Number(counted?.[0]?.[1]);
    if (!Number.isFinite(count)) throw new AppError("unavailable", `the ${rule.name} rate limit could not be counted; retry shortly`);
    res.setHeader("RateLimit-Limit", String(rule.limit));
    res.setHeader("RateLimit-Remaining", String(Math.max(0, rule.limit - count)));
    if (count > rule.limit) {
      res.setHeader("Retry-After", String(rule.windowSeconds - (Math.floor(Date.now() / 1000) % rule.windowSeconds)));
      throw new AppError("rate_limited", `at most ${rule.limit} ${rule.name} requests per ${rule.windowSeconds} s for one token`);
    }
    next();
  };
}
