// Per-token rate limits on expensive routes, counted in Redis so every API
// process shares them (fixed window). If Redis does not answer, the request
// goes through: the limit protects capacity, it is not an access control.
import type { RequestHandler } from "express";
import { AppError } from "../../core/errors.js";
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
    let count: number;
    try {
      const [[, incremented]] = (await services.redis.multi().incr(key).expire(key, rule.windowSeconds + 1).exec()) as [[Error | null, number]];
      count = incremented;
    } catch (error) {
      services.logger.warn({ err: error, rule: rule.name }, "rate limit not checked: Redis unavailable");
      return next();
    }
    res.setHeader("RateLimit-Limit", String(rule.limit));
    res.setHeader("RateLimit-Remaining", String(Math.max(0, rule.limit - count)));
    if (count > rule.limit) {
      res.setHeader("Retry-After", String(rule.windowSeconds - (Math.floor(Date.now() / 1000) % rule.windowSeconds)));
      throw new AppError("rate_limited", `at most ${rule.limit} ${rule.name} requests per ${rule.windowSeconds} s for one token`);
    }
    next();
  };
}
