// A hung Redis or PostgreSQL (issue 14, finding 5): manifest posts answer 503
// with Retry-After within 2 s instead of waiting out the outage. The Redis is
// this test's own redis-server on its own port, paused with SIGSTOP (a real
// hang: the connection stays open, nothing answers); the PostgreSQL is a
// socket that accepts connections and never speaks, and a port where nothing
// listens. Nothing is stored while refused.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { generateToken } from "../../core/auth/tokens.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { freePort } from "../helpers/own-redis.js";
import { waitFor } from "../helpers/wait-for.js";


let redisServer: ChildProcess;
let paused = false;
let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;

beforeAll(async () => {
  const port = await freePort();
  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  services = createTestServices({ REDIS_URL: `redis://127.0.0.1:${port}`, INGEST_RATE_LIMIT: "1000" });
  await waitFor(async () => (await services.redis.ping().catch(() => "")) === "PONG", { timeoutMs: 10_000, what: "the test's redis-server" });
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});

afterAll(async () => {
  if (paused) process.kill(redisServer.pid!, "SIGCONT");
  await services.dispose();
  redisServer.kill("SIGTERM");
});

const manifestCount = async () => (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM manifest WHERE unit_id = $1", [unit.id])).rows[0]!.n;

async function timedPost(target: ReturnType<typeof createApp>, authorization: Record<string, string>) {
  const started = Date.now();
  const res = await request(target).post(`/v1/units/${unit.code}/manifests`).set(authorization).send(buildManifest(3));
  return { res, ms: Date.now() - started };
}

describe("Redis paused with SIGSTOP", () => {
  test("a manifest post answers 503 with Retry-After within 2 s, stores nothing, and works again after SIGCONT", async () => {
    expect((await timedPost(app, bearer(officer))).res.status).toBe(202);
    const before = await manifestCount();
    process.kill(redisServer.pid!, "SIGSTOP");
    paused = true;
    try {
      for (let i = 0; i < 2; i += 1) {
        const { res, ms } = await timedPost(app, bearer(officer));
        expect(res.status, JSON.stringify(res.body)).toBe(503);
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        expect(ms).toBeLessThan(2_000);
      }
      expect(await manifestCount()).toBe(before);
    } finally {
      process.kill(redisServer.pid!, "SIGCONT");
      paused = false;
    }
    await waitFor(async () => (await timedPost(app, bearer(officer))).res.status === 202, { timeoutMs: 10_000, what: "posts to work again" });
  });
});

describe("PostgreSQL hung or unreachable", () => {
  let hung: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts connections and never answers: what a stopped or wedged server looks like to a client.
    hung = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hung.close(resolve));
  });

  test.each([
    ["hung", () => (hung.address() as { port: number }).port],
    ["unreachable", () => 1],
  ])("%s: a manifest post and a sign-in answer 503 with Retry-After within 2 s", async (_name, portOf) => {
    const cut = createTestServices({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${portOf()}/portcullis` });
    try {
      const { res, ms } = await timedPost(createApp(cut), bearer(generateToken()));
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.headers["retry-after"]).toBe("5");
      expect(ms).toBeLessThan(2_000);
      const started = Date.now();
      const signIn = await request(createApp(cut)).post("/v1/session").send({ username: "someone", password: "anything at all" });
      expect(signIn.status, JSON.stringify(signIn.body)).toBe(503);
      expect(signIn.headers["retry-after"]).toBe("5");
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await cut.dispose();
    }
  });
});
