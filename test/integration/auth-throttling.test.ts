// Failed authentications (issue 14, findings 3, 8 and 9): counted per source
// address and audited as aggregated rows; sign-in throttled per account and
// address with exponential backoff, never locking out the rest of an office,
// and closed (503) when the throttle's Redis is unreachable.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createUser } from "../../core/admin/manage-users.js";
import { failedAuthLog } from "../../core/auth/failed-auth-log.js";
import { generateToken } from "../../core/auth/tokens.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestAgency, createTestUser, bearer } from "../helpers/test-users.js";
import { withUnreachableRedis } from "../helpers/unreachable-redis.js";
import { waitFor } from "../helpers/wait-for.js";

const PASSWORD = "correct horse battery staple";
let clock = new Date("2026-03-02T10:00:00Z").getTime();
const advance = (ms: number) => (clock += ms);

let services: TestServices;
let app: ReturnType<typeof createApp>;
let agencyCode: string;

beforeAll(async () => {
  // A frozen clock the tests move: backoffs are computed from it, not from the wall.
  services = createTestServices({ TRUST_PROXY: "true", AUTH_FAILURE_WINDOW_SECONDS: "3", AUTH_FAILURE_LIMIT: "100000" }, () => new Date(clock));
  app = createApp(services);
  agencyCode = (await createTestAgency(services)).code;
});
afterAll(async () => services.dispose());

let userCount = 0;
async function userWithPassword(): Promise<string> {
  userCount += 1;
  const username = `throttle-${userCount}-${Math.random().toString(36).slice(2, 8)}`;
  await createUser(services, { username, displayName: username, agencyCode, memberships: [], password: PASSWORD }, { name: "test-setup" });
  return username;
}

const signIn = (username: string, password: string, from: string) =>
  request(app).post("/v1/session").set("X-Forwarded-For", from).send({ username, password });

describe("failed bearer tokens", () => {
  test("500 bad tokens from one address leave a handful of audit rows whose counts add up to 500", async () => {
    const source = "203.0.113.7";
    // Default one-minute windows on the wall clock: the 500 fall into one or two of them.
    const counting = createTestServices({ TRUST_PROXY: "true" });
    try {
      const countingApp = createApp(counting);
      for (let batch = 0; batch < 20; batch += 1) {
        const answers = await Promise.all(
          Array.from({ length: 25 }, () => request(countingApp).get("/v1/me").set("X-Forwarded-For", source).set(bearer(generateToken()))),
        );
        expect(answers.map((res) => res.status)).toEqual(Array(25).fill(401));
      }
      // The first failure of a window is written at once, the rest when the window closes (here: now).
      await failedAuthLog(counting).flush();
      const rows = await counting.pool.query<{ count: number; window_start: string; window_end: string }>(
        `SELECT (details->>'count')::int AS count, details->>'windowStart' AS window_start, details->>'windowEnd' AS window_end
           FROM audit_event WHERE action = 'auth.failed' AND ip = $1`,
        [source],
      );
      expect(rows.rows.reduce((sum, row) => sum + row.count, 0)).toBe(500);
      expect(rows.rows.length).toBeLessThanOrEqual(4);
      expect(rows.rows.every((row) => row.window_start < row.window_end)).toBe(true);
    } finally {
      await counting.dispose();
    }
  });

  test("a window's remainder is written when the window closes, without a flush", async () => {
    const source = "203.0.113.9";
    for (let i = 0; i < 3; i += 1) expect((await request(app).get("/v1/me").set("X-Forwarded-For", source).set(bearer(generateToken()))).status).toBe(401);
    const total = async () =>
      (await services.pool.query<{ n: number }>("SELECT coalesce(sum((details->>'count')::int), 0)::int AS n FROM audit_event WHERE action = 'auth.failed' AND ip = $1", [source])).rows[0]!.n;
    expect(await total()).toBe(1);
    await waitFor(async () => (await total()) === 3, { timeoutMs: 10_000, what: "the 3 s window to close" });
  });

  test("past the limit an address is answered 429, while a valid token from it still works", async () => {
    const strict = createTestServices({ TRUST_PROXY: "true", AUTH_FAILURE_LIMIT: "5" });
    try {
      const strictApp = createApp(strict);
      const user = await createTestUser(strict, []);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        statuses.push((await request(strictApp).get("/v1/me").set("X-Forwarded-For", "203.0.113.8").set(bearer(generateToken()))).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const throttled = await request(strictApp).get("/v1/me").set("X-Forwarded-For", "203.0.113.8").set(bearer(generateToken()));
      expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
      expect((await request(strictApp).get("/v1/me").set("X-Forwarded-For", "203.0.113.8").set(bearer(user))).status).toBe(200);
    } finally {
      await strict.dispose();
    }
  });
});

describe("sign-in throttle", () => {
  test("an account guessed from one address is blocked there only: the owner elsewhere and colleagues there sign in", async () => {
    const alice = await userWithPassword();
    const bob = await userWithPassword();
    for (let i = 0; i < 6; i += 1) expect((await signIn(alice, `guess-${i}`, "198.51.100.1")).status).toBe(401);
    const blocked = await signIn(alice, PASSWORD, "198.51.100.1");
    expect(blocked.status).toBe(429);
    expect(blocked.headers["retry-after"]).toBe("1");
    expect((await signIn(alice, PASSWORD, "198.51.100.2")).status).toBe(201);
    expect((await signIn(bob, PASSWORD, "198.51.100.1")).status).toBe(201);
  });

  test("the backoff doubles with each failure past the free attempts", async () => {
    const carol = await userWithPassword();
    const from = "198.51.100.3";
    for (let i = 0; i < 5; i += 1) expect((await signIn(carol, "wrong", from)).status).toBe(401);
    const waits: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      expect((await signIn(carol, "wrong", from)).status).toBe(401);
      const refused = await signIn(carol, PASSWORD, from);
      expect(refused.status).toBe(429);
      waits.push(String(refused.headers["retry-after"]));
      advance(Number(refused.headers["retry-after"]) * 1000);
    }
    expect(waits).toEqual(["1", "2", "4", "8"]);
    expect((await signIn(carol, PASSWORD, from)).status).toBe(201);
  });

  test("twenty-two failures from one address over many accounts do not lock out another account there", async () => {
    const dave = await userWithPassword();
    const office = "198.51.100.4";
    for (let i = 0; i < 22; i += 1) expect((await signIn(`nobody-${i}`, "wrong", office)).status).toBe(401);
    expect((await signIn(dave, PASSWORD, office)).status).toBe(201);
  });

  test("guesses at one account from many addresses delay its owner by the backoff, no more", async () => {
    const erin = await userWithPassword();
    // One guess a minute from each of 25 addresses: never blocked themselves, they add up on the account.
    for (let i = 0; i < 25; i += 1) {
      expect((await signIn(erin, "wrong", `192.0.2.${i + 1}`)).status).toBe(401);
      advance(61_000);
    }
    advance(-61_000);
    const delayed = await signIn(erin, PASSWORD, "198.51.100.5");
    expect(delayed.status).toBe(429);
    const wait = Number(delayed.headers["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    advance(wait * 1000);
    expect((await signIn(erin, PASSWORD, "198.51.100.5")).status).toBe(201);
  });

  test("with the throttle's Redis unreachable, sign-in fails closed with 503 and Retry-After within 2 s", async () => {
    await withUnreachableRedis(async (cut) => {
      const frank = await userWithPassword();
      const started = Date.now();
      const res = await request(createApp(cut)).post("/v1/session").send({ username: frank, password: PASSWORD });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBeDefined();
    });
  });
});
