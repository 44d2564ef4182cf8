// Two deployments (two databases) pointed at one Redis with the same
// QUEUE_PREFIX: each worker takes the other's jobs too. A foreign job is
// refused and failed (never reported done), each deployment's reconciler
// re-enqueues its own pending work under fresh job ids, and every shipment
// and analysis job of both completes, each shipment scored once.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createAnalysisJob } from "../../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../../core/analysis/analysis-runners.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { createExtraDatabase } from "../helpers/test-databases.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

const prefix = `${process.env.QUEUE_PREFIX ?? "pc-test"}-shared-${randomBytes(3).toString("hex")}`;
const saved = { ...ANALYSIS_RUNNERS };
let extra: Awaited<ReturnType<typeof createExtraDatabase>>;
let deployments: TestServices[] = [];
let pools: WorkerPool[] = [];

beforeAll(async () => {
  extra = await createExtraDatabase("second");
  const shared = { QUEUE_PREFIX: prefix, SCORE_CHUNK_SIZE: "40", RECONCILE_GRACE_SECONDS: "1", INGEST_RATE_LIMIT: "1000" };
  deployments = [createTestServices(shared), createTestServices({ ...shared, DATABASE_URL: extra.appUrl, DATABASE_ADMIN_URL: extra.adminUrl })];
  ANALYSIS_RUNNERS.compare = (_services, job) => Promise.resolve({ unit: job.unitId });
});
afterAll(async () => {
  Object.assign(ANALYSIS_RUNNERS, saved);
  await Promise.all(pools.map((pool) => pool.close()));
  // Both share the prefix: the first obliterates the queues, the second only closes.
  await deployments[0]?.dispose();
  await deployments[1]?.close();
  await extra?.drop();
});

test("two deployments on one Redis and one prefix: every shipment and analysis job of both completes", async () => {
  const [a, b] = deployments as [TestServices, TestServices];
  const identities = await Promise.all([a.deployment(), b.deployment()]);
  expect(identities[0].database).not.toBe(identities[1].database);

  const work = await Promise.all(
    [a, b].map(async (services) => {
      const unit = await createUnitWithBaseline(services);
      const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
      const app = createApp(services);
      const manifests: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(200));
        expect(posted.status).toBe(202);
        manifests.push(posted.body.manifestId as string);
      }
      const analyses = [];
      for (let i = 0; i < 4; i += 1) analyses.push((await createAnalysisJob(services, { unitId: unit.id, kind: "compare", params: { i } })).id);
      return { services, unit, manifests, analyses };
    }),
  );

  pools = [startWorkerPool(a), startWorkerPool(b)];
  // Each deployment's reconciler sweeps often, as RECONCILE_CRON would, over this test's units only: deployment a's
  // database is the run's, shared with the other test files, and a sweep of every unit took their pending rows and
  // re-score chunks into this shared prefix (the re-score tests running beside it then lost a chunk's assessments).
  let sweeping = true;
  const sweeps = (async () => {
    while (sweeping) {
      for (const { services, unit } of work) await reconcilePending(services, { graceSeconds: 1, unitId: unit.id }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  try {
    for (const { services, manifests, analyses } of work) {
      for (const manifestId of manifests) {
        const progress = await waitFor(async () => {
          const p = await manifestProgress(services, manifestId);
          return p.scored === 200 ? p : undefined;
        }, { timeoutMs: 90_000, what: `manifest ${manifestId} scored` });
        expect(progress).toMatchObject({ total: 200, scored: 200, failed: 0, pending: 0, ...scoredOnce(200) });
      }
      const statuses = await waitFor(async () => {
        const rows = await services.pool.query<{ status: string }>("SELECT status FROM analysis_job WHERE id = ANY($1::uuid[])", [analyses]);
        return rows.rows.every((row) => row.status === "succeeded") ? rows.rows.map((row) => row.status) : undefined;
      }, { timeoutMs: 90_000, what: "analysis jobs succeeded" });
      expect(statuses).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    }
  } finally {
    sweeping = false;
    await sweeps;
  }
  // The two really did take each other's jobs: those were refused, never reported done.
  const failed = [...(await a.queues.scoring.getFailed(0, 1000)), ...(await a.queues.analysis.getFailed(0, 1000))];
  expect(failed.length).toBeGreaterThan(0);
  for (const job of failed) expect(job.failedReason).toMatch(/belongs to database .* refused/);
}, 180_000);
