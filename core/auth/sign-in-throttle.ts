// Sign-in throttling with exponential backoff, counted in Redis so every API
// process shares it, on three keys (issue 14, findings 8 and 9):
//   - account and address together: the guesser is slowed down first, and
//     only there (one attacker's address never blocks the owner elsewhere);
//   - the account from anywhere: many addresses guessing one password, with a
//     short ceiling, so the owner waits at most that long;
//   - the address for any account: password spraying, with a high threshold,
//     so colleagues behind one office address are not locked out by a typo.
// Each key counts failures (forgotten FORGET_AFTER_MS after the last one);
// past its free attempts, each failure blocks the key for 2^(n - free)
// seconds up to its ceiling. A success clears the account's keys.
// Fails closed: when Redis does not answer within a second the sign-in is
// refused with 503 and Retry-After, never let through unthrottled.
// Why not rate-limiter-flexible, which counts the route limits
// (api/middleware/rate-limit.ts): its brute-force recipe (RateLimiterRedis
// per username+IP with blockDuration) counts failures for a duration from the
// first one and blocks for a fixed time, on Redis's clock. Here failures are
// forgotten FORGET_AFTER_MS after the last one (a guesser pacing himself past
// a window from the first failure would start afresh each window), the block
// doubles per failure up to a ceiling per rule (our code on top of the
// library's block() anyway), and time is services.now, so the tests move a
// clock through 1, 2, 4, 8 s backoffs and 25 minutes of guesses instead of
// sleeping through them. What is left to the library would be one HINCRBY
// per key; it stays here.
import type { Redis } from "ioredis";
import { AppError } from "../errors.js";
import { redisWithin } from "../redis-deadline.js";

interface Rule {
  scope: "pair" | "account" | "address";
  free: number;
  maxBackoffSeconds: number;
}

export const SIGN_IN_RULES: readonly Rule[] = [
  { scope: "pair", free: 5, maxBackoffSeconds: 15 * 60 },
  { scope: "account", free: 20, maxBackoffSeconds: 60 },
  { scope: "address", free: 100, maxBackoffSeconds: 60 },
];

const FORGET_AFTER_MS = 15 * 60 * 1000;

export interface SignInAttempt {
  username: string;
  ip: string | undefined;
}

export interface SignInThrottleDeps {
  redis: Redis;
  prefix: string;
  now: () => Date;
}

const backoffMs = (rule: Rule, failures: number) =>
  failures <= rule.free ? 0 : Math.min(2 ** (failures - rule.free - 1), rule.maxBackoffSeconds) * 1000;

function keysOf(deps: SignInThrottleDeps, attempt: SignInAttempt): Record<Rule["scope"], string> {
  const user = encodeURIComponent(attempt.username.trim().toLowerCase());
  const ip = attempt.ip ?? "unknown";
  const base = `${deps.prefix}:signin`;
  return { pair: `${base}:pair:${user}:${ip}`, account: `${base}:account:${user}`, address: `${base}:address:${ip}` };
}

const answered = <T>(redis: SignInThrottleDeps["redis"], work: () => Promise<T>) => redisWithin(redis, work, "sign-in");

/** Refuses with 429 and the seconds to wait while any of the attempt's keys is blocked. */
export async function checkSignInThrottle(deps: SignInThrottleDeps, attempt: SignInAttempt): Promise<void> {
  const keys = keysOf(deps, attempt);
  const until = await answered(deps.redis, () => Promise.all(SIGN_IN_RULES.map((rule) => deps.redis.hget(keys[rule.scope], "until"))));
  const blockedUntil = Math.max(0, ...until.map((value) => Number(value ?? 0)));
  const waitMs = blockedUntil - deps.now().getTime();
  if (waitMs > 0) {
    throw new AppError("rate_limited", "too many failed sign-ins; wait before trying again", { retryAfterSeconds: Math.ceil(waitMs / 1000) });
  }
}

export async function recordSignInFailure(deps: SignInThrottleDeps, attempt: SignInAttempt): Promise<void> {
  const keys = keysOf(deps, attempt);
  const now = deps.now().getTime();
  const counted = new Map<Rule, number>();
  await answered(deps.redis, async () => {
    const multi = deps.redis.multi();
    for (const rule of SIGN_IN_RULES) multi.hincrby(keys[rule.scope], "failures", 1).pexpire(keys[rule.scope], FORGET_AFTER_MS);
    const results = (await multi.exec()) ?? [];
    SIGN_IN_RULES.forEach((rule, index) => counted.set(rule, Number(results[index * 2]?.[1] ?? 0)));
    const blocks = deps.redis.multi();
    for (const rule of SIGN_IN_RULES) {
      const wait = backoffMs(rule, counted.get(rule) ?? 0);
      if (wait > 0) blocks.hset(keys[rule.scope], "until", String(now + wait));
    }
    await blocks.exec();
  });
}

/** A correct password clears the account's own keys (not the address's). */
export async function recordSignInSuccess(deps: SignInThrottleDeps, attempt: SignInAttempt): Promise<void> {
  const keys = keysOf(deps, attempt);
  await answered(deps.redis, () => deps.redis.del(keys.pair, keys.account));
}
