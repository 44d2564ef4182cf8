// Jobs that cannot get stuck: a worker fails (never reports done) a job of
// another deployment or one whose rows are not in its database, and with the
// default settings a poison shipment's job chain ends with the shipment
// `failed`, without waiting for the reconciler.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { configSchema } from "../../core/config.js";
import { addJob } from "../../core/jobs/typed-jobs.js";
import { enqueueScoring } from "../../core/scoring/enqueue-scoring.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { manifestProgress } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool;

beforeAll(() => {
  // The defaults of SCORE_MAX_ATTEMPTS and the job options, as shipped.
  services = createTestServices();
  pool = startWorkerPool(services);
});
afterAll(async () => {
  await pool.close();
  await services.dispose();
});

const finalState = async (queue: "scoring" | "analysis", jobId: string) =>
  (await waitFor(async () => {
    const job = await services.queues[queue].getJob(jobId);
    const state = await job?.getState();
    // Read the job again once it has finished: the copy read before holds no failedReason yet.
    return state === "failed" || state === "completed" ? { state, job: (await services.queues[queue].getJob(jobId))! } : undefined;
  }, { what: `job ${jobId} finished` }))!;

test("a scoring job whose shipments are not in this database fails at once instead of being reported done", async () => {
  const unit = await createUnitWithBaseline(services);
  await enqueueScoring(services, unit.id, [randomUUID(), randomUUID()], "ingest", `missing-${unit.id}`);
  const { state, job } = await finalState("scoring", `missing-${unit.id}-0`);
  expect(state).toBe("failed");
  expect(job.failedReason).toMatch(/2 of the job's 2 shipments .* not in this database/);
  expect(job.attemptsMade).toBe(1);
});

test("an analysis job whose row is not in this database fails instead of being reported done", async () => {
  const deployment = await services.deployment();
  const id = randomUUID();
  await addJob(services.queues, "runAnalysis", { deployment, analysisJobId: id }, { jobId: `missing-${id}` });
  const { state, job } = await finalState("analysis", `missing-${id}`);
  expect(state).toBe("failed");
  expect(job.failedReason).toMatch(/not in this database/);
});

test("a job of another deployment sharing the Redis and prefix is refused, and this database's row is left alone", async () => {
  const unit = await createUnitWithBaseline(services);
  const own = await services.deployment();
  // A queued row of this database (not enqueued), named by a job that claims
  // to come from a deployment whose database has another name.
  const row = await services.pool.query<{ id: string }>(
    "INSERT INTO analysis_job (id, unit_id, kind, params) VALUES (gen_random_uuid(), $1, 'compare', '{}') RETURNING id",
    [unit.id],
  );
  const id = row.rows[0]!.id;
  const foreign = { ...own, database: `${own.database}_elsewhere` };
  await addJob(services.queues, "runAnalysis", { deployment: foreign, analysisJobId: id }, { jobId: `foreign-${id}` });
  const { state, job } = await finalState("analysis", `foreign-${id}`);
  expect(state).toBe("failed");
  expect(job.failedReason).toMatch(/belongs to database ".*_elsewhere".* refused/);
  expect(job.attemptsMade).toBe(1);
  const after = await services.pool.query<{ status: string }>("SELECT status FROM analysis_job WHERE id = $1", [id]);
  expect(after.rows[0]!.status).toBe("queued");
});

test("a producer cannot enqueue a payload its consumer would refuse", async () => {
  const deployment = await services.deployment();
  // Types allow any string here; the zod schema is what stops it at run time.
  await expect(addJob(services.queues, "scoreShipments", { deployment, unitId: "x", shipmentIds: [], reason: "ingest" })).rejects.toThrow(/uuid|Too small/i);
});

test("with the default settings, a poison shipment's job chain ends with it failed, not pending", async () => {
  expect(services.config.SCORE_MAX_ATTEMPTS).toBe(configSchema.shape.SCORE_MAX_ATTEMPTS.parse(undefined));
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  // Ingest through a queue nobody consumes, so one row can be corrupted before scoring.
  const idle = createTestServices();
  const posted = await request(createApp(idle)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(5));
  await idle.dispose();
  const manifestId = posted.body.manifestId as string;
  await services.pool.query("UPDATE shipment SET attributes = '[1, 2]'::jsonb WHERE manifest_id = $1 AND line_no = 2", [manifestId]);
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [manifestId])).rows.map((r) => r.id);
  // Out of reach of every reconciler sweep: worker processes other test files
  // start sweep the whole database, and would score the poison row between
  // this job's retries.
  await services.pool.query("UPDATE scoring_state SET enqueued_at = now() + interval '1 day' WHERE shipment_id = ANY($1::uuid[])", [ids]);
  await enqueueScoring(services, unit.id, ids, "ingest", `poison-defaults-${manifestId}`);
  // No reconciler runs here: only the job's own retries can finish the shipment.
  const { state, job } = await finalState("scoring", `poison-defaults-${manifestId}-0`);
  const progress = await manifestProgress(services, manifestId);
  expect(progress).toMatchObject({ scored: 4, failed: 1, pending: 0 });
  expect(job.attemptsMade).toBe(services.config.SCORE_MAX_ATTEMPTS);
  expect(state).toBe("completed");
}, 60_000);
