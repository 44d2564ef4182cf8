// Real Redis faults, on a redis-server of this test's own (test/helpers/own-redis.ts):
// restarted (every job lost), every client connection dropped, and paused with
// SIGSTOP, each in the middle of a batch that a worker pool is scoring.
// PostgreSQL says what is pending, the reconciler re-enqueues it, and every
// shipment ends scored by exactly one execution.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { startOwnRedis, type OwnRedis } from "../helpers/own-redis.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let redis: OwnRedis;
let services: TestServices;
let pool: WorkerPool;

beforeAll(async () => {
  redis = await startOwnRedis();
  services = createTestServices({ REDIS_URL: redis.url, SCORE_CHUNK_SIZE: "25", WORKER_CONCURRENCY: "1" });
  pool = startWorkerPool(services);
});
afterAll(async () => {
  await pool?.close();
  await services?.dispose();
  await redis?.stop();
});

async function scoreThrough(fault: () => Promise<unknown>): Promise<void> {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(600));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  await waitFor(async () => (await manifestProgress(services, manifestId)).scored > 0, { what: "first scores" });
  await fault();
  expect((await manifestProgress(services, manifestId)).scored).toBeLessThan(600);
  // The sweep runs at every poll here (RECONCILE_CRON's minute is too slow for a bounded test).
  const progress = await waitFor(async () => {
    await reconcilePending(services, { unitId: unit.id, graceSeconds: 2 }).catch(() => undefined);
    const p = await manifestProgress(services, manifestId);
    return p.scored === 600 ? p : undefined;
  }, { timeoutMs: 90_000, intervalMs: 1_000, what: "every shipment scored after the fault" });
  expect(progress).toMatchObject({ total: 600, scored: 600, failed: 0, pending: 0, ...scoredOnce(600) });
}

test("Redis restarted mid-batch (every queued job lost): nothing lost, nothing scored twice", async () => {
  await scoreThrough(async () => {
    await redis.restart();
    // The restarted server holds no key at all: the jobs really are gone.
    expect(await waitFor(async () => ((await services.redis.dbsize().catch(() => -1)) === 0 ? "empty" : undefined), { what: "reconnected to an empty Redis" })).toBe("empty");
  });
}, 120_000);

test("every Redis client connection dropped mid-batch: nothing lost, nothing scored twice", async () => {
  await scoreThrough(async () => expect(await redis.dropClients()).toBeGreaterThan(0));
}, 120_000);

test("Redis paused (SIGSTOP) for 3 s mid-batch: nothing lost, nothing scored twice", async () => {
  await scoreThrough(() => redis.pause(3_000));
}, 120_000);
