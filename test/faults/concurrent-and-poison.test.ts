// The same manifest posted 20 times at once is stored once; a poison job that
// always throws ends failed without holding back the rest of the queue.
// (A poison *shipment* is covered in test/workers/scoring-pipeline.test.ts.)
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { JOBS } from "../../core/jobs/job-catalog.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool | undefined;

beforeAll(() => {
  services = createTestServices({ INGEST_RATE_LIMIT: "1000", SCORE_CHUNK_SIZE: "50" });
});
afterAll(async () => {
  await pool?.close();
  await services.dispose();
});

test("the same manifest posted concurrently 20 times is stored once and scored once", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const app = createApp(services);
  const manifest = buildManifest(120);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest)),
  );
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses.filter((s) => s === 202)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(19);
  expect(new Set(answers.map((a) => a.body.manifestId as string)).size).toBe(1);
  const stored = await services.pool.query<{ manifests: number; shipments: number }>(
    `SELECT count(DISTINCT m.id)::int AS manifests, count(s.id)::int AS shipments
       FROM manifest m LEFT JOIN shipment s ON s.manifest_id = m.id WHERE m.unit_id = $1 AND m.manifest_ref = $2`,
    [unit.id, manifest.manifestRef],
  );
  expect(stored.rows[0]).toEqual({ manifests: 1, shipments: 120 });

  pool ??= startWorkerPool(services);
  const manifestId = answers[0]!.body.manifestId as string;
  const progress = await waitFor(async () => {
    const p = await manifestProgress(services, manifestId);
    return p.scored === 120 ? p : undefined;
  }, { what: "120 shipments scored" });
  expect(progress).toMatchObject({ total: 120, scored: 120, failed: 0, pending: 0, ...scoredOnce(120) });
});

test("a poison job that always throws ends failed and does not block the queue", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  // A payload the handler's schema refuses on every attempt, enqueued ahead of a real manifest.
  const poison = await services.queues.scoring.add(
    JOBS.scoreShipments.name,
    { unitId: "not-a-uuid", shipmentIds: [], reason: "ingest" },
    { jobId: `poison-${unit.id}`, attempts: 3, backoff: { type: "fixed", delay: 100 } },
  );
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(200));
  expect(posted.status).toBe(202);
  pool ??= startWorkerPool(services);
  const progress = await waitFor(async () => {
    const p = await manifestProgress(services, posted.body.manifestId as string);
    return p.scored === 200 ? p : undefined;
  }, { what: "the real manifest scored despite the poison job" });
  expect(progress).toMatchObject({ scored: 200, failed: 0, ...scoredOnce(200) });
  const state = await waitFor(async () => ((await poison.getState()) === "failed" ? "failed" : undefined), { what: "poison job failed" });
  expect(state).toBe("failed");
  const failed = await services.queues.scoring.getJob(poison.id!);
  expect(failed?.attemptsMade).toBe(3);
  expect(failed?.failedReason).toMatch(/uuid|Invalid/i);
});
