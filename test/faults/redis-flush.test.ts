// This run's queue keys are deleted from Redis in the middle of a batch (never
// FLUSHALL/FLUSHDB: other runs share the Redis). PostgreSQL still says what
// is pending; the reconciler re-enqueues it and every shipment is scored once.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { spawnWorker, stopWorker, type WorkerProcess } from "../helpers/worker-process.js";

let services: TestServices;
let worker: WorkerProcess | undefined;

beforeAll(() => {
  services = createTestServices({ SCORE_CHUNK_SIZE: "50" });
});
afterAll(async () => {
  if (worker) await stopWorker(worker);
  await services.dispose();
});

async function deleteRunKeys(): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await services.redis.scan(cursor, "MATCH", `${services.config.QUEUE_PREFIX}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) deleted += await services.redis.del(...keys);
  } while (cursor !== "0");
  return deleted;
}

test("deleting this run's queue keys mid-batch loses nothing and scores nothing twice", async () => {
  // The unit first: the worker's sweeps keep to it (WORKER_UNITS), never taking other files' pending rows.
  const unit = await createUnitWithBaseline(services);
  worker = spawnWorker(services.config, { WORKER_CONCURRENCY: "1", SCORE_CHUNK_SIZE: "50", WORKER_UNITS: unit.code });
  await worker.ready;
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(800));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;

  await waitFor(async () => (await manifestProgress(services, manifestId)).scored > 0, { what: "first scores" });
  expect(await deleteRunKeys()).toBeGreaterThan(0);
  const after = await manifestProgress(services, manifestId);
  expect(after.scored).toBeLessThan(800);

  // The sweep runs at every poll here (the worker's cron sweep is once a minute: too slow for a bounded test).
  const progress = await waitFor(async () => {
    await reconcilePending(services, { unitId: unit.id, graceSeconds: 2 });
    const p = await manifestProgress(services, manifestId);
    return p.scored === 800 ? p : undefined;
  }, { timeoutMs: 100_000, intervalMs: 1_000, what: "every shipment scored after the queue was lost" });
  expect(progress).toMatchObject({ total: 800, scored: 800, failed: 0, pending: 0, ...scoredOnce(800) });
}, 120_000);
