// A re-score chunk whose job fails: a database error inside the chunk's
// transaction keeps the chunk row (its retries and then the reconciler run it),
// and a container whose scoring throws goes back to pending for its own job.
// Meanwhile counts.rescoring and the status counts stay truthful, and in the
// end each (container, version) is scored by exactly one execution.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { rescoringCount } from "../../core/scoring/rescore-chunks.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import type { Profile } from "../../profiling/dsl/profile-types.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { manifestProgress, rescoreSettled, scoredOnce } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

// Two attempts a job, so a chunk that always fails ends failed quickly; the poison container's test has five,
// so its own job's retries outlast the fault.
let services: TestServices;
let patient: TestServices;
let pool: WorkerPool | undefined;

beforeAll(() => {
  services = createTestServices({ SCORE_CHUNK_SIZE: "20", WORKER_CONCURRENCY: "2", SCORE_MAX_ATTEMPTS: "2" });
  patient = createTestServices({ SCORE_CHUNK_SIZE: "20", WORKER_CONCURRENCY: "2", SCORE_MAX_ATTEMPTS: "5" });
});
afterAll(async () => {
  await pool?.close();
  await services.dispose();
  await patient.dispose();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A manifest of `n` upcoming containers, scored by the unit's active versions, with no job left in the queue. */
async function scoredManifest(services: TestServices, unit: TestUnit, officer: Record<string, string>, ref: number, n: number): Promise<{ manifestId: string; ids: string[] }> {
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(officer)
    .send(buildManifest(ref, { departureDate: day(-5), arrivalDate: day(10), shipments: Array.from({ length: n }, (_, i) => buildShipment(i)) }));
  expect(posted.status).toBe(202);
  await services.queues.scoring.obliterate({ force: true });
  const manifestId = posted.body.manifestId as string;
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY id", [manifestId])).rows.map((r) => r.id);
  expect(await scoreShipments(services, unit.id, ids)).toMatchObject({ scored: n });
  return { manifestId, ids };
}

/** Activates a heavier version of the baseline with a re-score of the upcoming containers; returns the new version's id. */
async function activateHeavier(services: TestServices, unit: TestUnit): Promise<string> {
  const baseline = (await loadBaselineProfile()) as Profile;
  const heavier = { ...baseline, indicators: baseline.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + 1 })) };
  const draft = await installProfile(services, unit.id, heavier, { activate: false });
  await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" },
    { profileCode: baseline.code, version: draft.version }, { rescoreUpcoming: true }, { name: "test" });
  return draft.versionId;
}

const assessedBy = async (services: TestServices, ids: readonly string[], versionId: string) =>
  (await services.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM assessment WHERE shipment_id = ANY($1::uuid[]) AND profile_version_id = $2", [ids, versionId])).rows[0]!.n;

test("a chunk whose transaction fails on a database error keeps its row: counts.rescoring stays, and the reconciler's run scores each container once", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const app = createApp(services);
  const { manifestId } = await scoredManifest(services, unit, officer, 1, 40);
  const newVersion = await activateHeavier(services, unit);
  const chunks = (await services.pool.query<{ id: string; shipment_ids: string[] }>("SELECT id, shipment_ids FROM rescore_chunk WHERE unit_id = $1 ORDER BY id", [unit.id])).rows;
  expect(chunks.map((c) => c.shipment_ids.length)).toEqual([20, 20]);
  const [failing, passing] = chunks as [(typeof chunks)[number], (typeof chunks)[number]];

  // Another transaction holds one of the failing chunk's rows; each time the chunk's job waits for it, its statement
  // is cancelled (as a statement timeout would): a database error inside the chunk's transaction, on every attempt.
  const holder = await services.pool.connect();
  try {
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM scoring_state WHERE shipment_id = $1 FOR UPDATE", [failing.shipment_ids[5]]);
    const holderPid = (await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    pool = startWorkerPool(services);
    const failedJob = await waitFor(async () => {
      await services.pool.query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [holderPid]);
      const failed = await services.queues.scoring.getFailed();
      return failed.find((job) => (job.data as { rescoreChunkId?: string }).rescoreChunkId === failing.id);
    }, { what: "the failing chunk's job failed on its last attempt", timeoutMs: 60_000 });
    expect(failedJob).toMatchObject({ attemptsMade: 2, failedReason: expect.stringMatching(/cancel/i) });
    // The other chunk ran; this one's row is still there, and its containers still show their previous verdict.
    await waitFor(async () => ((await rescoringCount(services.pool, unit.id)) === 20 ? true : undefined), { what: "the passing chunk done" });
    const left = await services.pool.query<{ id: string }>("SELECT id FROM rescore_chunk WHERE unit_id = $1", [unit.id]);
    expect(left.rows.map((r) => r.id)).toEqual([failing.id]);
    const during = await request(app).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(officer);
    expect(during.body.counts).toMatchObject({ byStatus: { pending: 0, scored: 40, failed: 0 }, rescoring: 20 });
    expect([await assessedBy(services, failing.shipment_ids, newVersion), await assessedBy(services, passing.shipment_ids, newVersion)]).toEqual([0, 20]);
  } finally {
    await holder.query("ROLLBACK").catch(() => undefined);
    holder.release();
  }

  // The failed job is not retried by BullMQ any more: the reconciler finds the chunk row and enqueues it afresh.
  expect(await reconcilePending(services, { unitId: unit.id, graceSeconds: 0 })).toMatchObject({ reenqueued: 0, rescoreChunks: 1 });
  const done = await waitFor(() => rescoreSettled(services, unit.id, manifestId), { what: "re-score completed", timeoutMs: 60_000 });
  // The first version's 40 assessments and the new version's 40, each by one execution.
  expect(done).toMatchObject({ total: 40, scored: 40, failed: 0, ...scoredOnce(80) });
  expect(await assessedBy(services, failing.shipment_ids, newVersion)).toBe(20);
  const after = await request(app).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(officer);
  expect(after.body.counts).toMatchObject({ byStatus: { pending: 0, scored: 40 }, rescoring: 0 });
});

test("a container whose scoring throws in its chunk goes back to pending and is scored by its own job, each version once", async () => {
  await pool?.close();
  pool = undefined;
  const unit = await createUnitWithBaseline(patient);
  // A second profile stays active through the activation: its assessments are not the re-score's to write again.
  const baseline = (await loadBaselineProfile()) as Profile;
  const other = await installProfile(patient, unit.id, { ...baseline, code: "SECOND-OPINION", name: "Second opinion" }, { activate: true });
  const officer = bearer(await createTestUser(patient, [{ role: "officer", unitCode: unit.code }]));
  const app = createApp(patient);
  const { manifestId, ids } = await scoredManifest(patient, unit, officer, 2, 20);
  expect(await manifestProgress(patient, manifestId)).toMatchObject(scoredOnce(40));
  const newVersion = await activateHeavier(patient, unit);
  expect(await rescoringCount(patient.pool, unit.id, manifestId)).toBe(20);

  // One container's stored data breaks the scorer (as in scoring-pipeline's poison shipment), for now.
  const poison = ids[7]!;
  const saved = await patient.pool.query<{ attributes: unknown }>("UPDATE shipment s SET attributes = '[1, 2]'::jsonb FROM shipment o WHERE s.id = $1 AND o.id = s.id RETURNING o.attributes", [poison]);
  pool = startWorkerPool(patient);
  const repended = await waitFor(async () => {
    const state = await patient.pool.query<{ status: string; attempts: number; last_error: string | null }>("SELECT status, attempts, last_error FROM scoring_state WHERE shipment_id = $1", [poison]);
    return (await rescoringCount(patient.pool, unit.id)) === 0 && state.rows[0]?.status === "pending" ? state.rows[0] : undefined;
  }, { what: "the chunk ran and its poison container went back to pending", timeoutMs: 60_000 });
  expect(repended).toMatchObject({ last_error: expect.stringMatching(/attributes is not an object/) });
  // The chunk is gone; the counts say so: 19 scored by the new version, one waiting for its own job.
  const during = await request(app).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(officer);
  expect(during.body.counts).toMatchObject({ byStatus: { pending: 1, scored: 19, failed: 0 }, rescoring: 0 });

  // The fault goes away: the container's own job (retried with backoff) scores it.
  await patient.pool.query("UPDATE shipment SET attributes = $2::jsonb WHERE id = $1", [poison, JSON.stringify(saved.rows[0]!.attributes)]);
  const done = await waitFor(async () => {
    const progress = await manifestProgress(patient, manifestId);
    return progress.pending === 0 ? progress : undefined;
  }, { what: "the poison container scored by its own job", timeoutMs: 60_000 });
  // Version 1 and the second profile for all 20 before, the new version for all 20 after: each pair by one execution.
  expect(done).toMatchObject({ total: 20, scored: 20, failed: 0, ...scoredOnce(60) });
  expect([await assessedBy(patient, ids, newVersion), await assessedBy(patient, ids, other.versionId)]).toEqual([20, 20]);
});
