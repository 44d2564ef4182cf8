// Per-token rate limits on expensive routes (per address without a token),
// counted by rate-limiter-flexible in Redis so every API process shares them.
// A window starts at a key's first request and lasts windowSeconds (one Lua
// script: SET NX EX, then INCRBY): unlike windows cut from the wall clock,
// requests straddling a minute boundary cannot count in two windows, so
// limit + 1 requests within windowSeconds are always refused.
// They fail closed: if Redis does not answer within a second, the request is
// refused with 503 and Retry-After. The limited routes either need Redis
// anyway (ingest enqueues scoring, back-tests and builds enqueue jobs) or are
// the expensive ones the limit protects (summary exports); letting them
// through unlimited, or waiting on a hung Redis, is how a paused Redis once
// held manifest posts for 21 s.
// (Sign-in has its own throttle: core/auth/sign-in-throttle.ts.)
import type { RequestHandler } from "express";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../../core/errors.js";
import { redisWithin } from "../../core/redis-deadline.js";
import type { Services } from "../../core/services.js";

export interface RateLimit {
  name: string;
  limit: number;
  windowSeconds: number;
}

export function rateLimit(services: Pick<Services, "redis" | "config" | "logger">, rule: RateLimit): RequestHandler {
  const limiter = new RateLimiterRedis({
    storeClient: services.redis,
    // Deployments sharing a Redis keep their counts apart (QUEUE_PREFIX).
    keyPrefix: `${services.config.QUEUE_PREFIX}:ratelimit:${rule.name}`,
    points: rule.limit,
    duration: rule.windowSeconds,
  });
  // consume() rejects with a RateLimiterRes when the limit is spent and with an
  // Error when Redis fails: only the latter is "could not count" (503).
  const count = (key: string) => limiter.consume(key).catch((refused: unknown) => {
    if (refused instanceof RateLimiterRes) return refused;
    throw refused;
  });
  return async (req, res, next) => {
    const who = req.principal?.tokenId ?? req.ip ?? "anonymous";
    const counted = await redisWithin(services.redis, () => count(who), `the ${rule.name} rate limit`);
    const retryAfterSeconds = Math.max(1, Math.ceil(counted.msBeforeNext / 1000));
    res.setHeader("RateLimit-Limit", String(rule.limit));
    res.setHeader("RateLimit-Remaining", String(counted.remainingPoints));
    res.setHeader("RateLimit-Reset", String(retryAfterSeconds));
    if (counted.consumedPoints > rule.limit) {
      // http-errors.ts turns retryAfterSeconds into Retry-After, as for every throttle.
      throw new AppError("rate_limited", `at most ${rule.limit} ${rule.name} requests per ${rule.windowSeconds} s for one token`, { retryAfterSeconds });
    }
    next();
  };
}
