// A re-score after an activation is stored as chunks (rescore_chunk): losing
// every queued job, a chunk whose worker died mid-transaction, and chunks
// enqueued twice by the reconciler still end with every upcoming container
// scored by the new version exactly once, and nothing left to re-score.
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
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool | undefined;

beforeAll(() => {
  services = createTestServices({ SCORE_CHUNK_SIZE: "20", WORKER_CONCURRENCY: "2" });
  pool = startWorkerPool(services);
});
afterAll(async () => {
  await pool?.close();
  await services.dispose();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("lost and killed re-score chunks are completed by the reconciler, each container scored once by the new version", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const app = createApp(services);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(officer)
    .send(buildManifest(1, { departureDate: day(-5), arrivalDate: day(10), shipments: Array.from({ length: 100 }, (_, i) => buildShipment(i)) }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  expect(await waitFor(async () => {
    const progress = await manifestProgress(services, manifestId);
    return progress.pending === 0 ? progress : undefined;
  }, { what: "first scoring", timeoutMs: 90_000 })).toMatchObject({ total: 100, scored: 100, ...scoredOnce(100) });
  await pool?.close();
  pool = undefined;

  const baseline = (await loadBaselineProfile()) as Profile;
  const heavier = { ...baseline, indicators: baseline.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + 1 })) };
  const draft = await installProfile(services, unit.id, heavier, { activate: false });
  const activated = await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" },
    { profileCode: baseline.code, version: draft.version }, { rescoreUpcoming: true }, { name: "test" });
  expect(activated.shipmentsRescored).toBe(100);
  // The re-score is in the database, not in the outbox rows: nothing is pending, 100 are being re-scored.
  expect(await manifestProgress(services, manifestId)).toMatchObject({ pending: 0, scored: 100 });
  expect(await rescoringCount(services.pool, unit.id, manifestId)).toBe(100);
  expect(await rescoringCount(services.pool, unit.id)).toBe(100);
  const during = await request(app).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(officer);
  expect(during.body.counts).toMatchObject({ byStatus: { pending: 0, scored: 100 }, rescoring: 100 });
  const chunks = await services.pool.query<{ id: string; shipment_ids: string[] }>("SELECT id, shipment_ids FROM rescore_chunk WHERE unit_id = $1 ORDER BY id", [unit.id]);
  expect(chunks.rows.length).toBe(5);

  // Redis forgets every queued chunk job.
  await services.queues.scoring.obliterate({ force: true });
  expect(await services.queues.scoring.count()).toBe(0);

  // One chunk runs, then runs again: the second run finds its chunk done and writes nothing.
  const [first, second] = chunks.rows;
  expect(await scoreShipments(services, unit.id, first!.shipment_ids, { rescoreChunkId: first!.id })).toMatchObject({ scored: 20, skipped: 0 });
  expect(await scoreShipments(services, unit.id, first!.shipment_ids, { rescoreChunkId: first!.id })).toMatchObject({ scored: 0, skipped: 20 });
  expect(await rescoringCount(services.pool, unit.id)).toBe(80);

  // A worker takes the second chunk and dies inside its transaction: while it holds the chunk, the reconciler leaves it alone.
  const dying = await services.pool.connect();
  const dyingPid = (await dying.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  await dying.query("BEGIN");
  await dying.query("SELECT 1 FROM rescore_chunk WHERE id = $1 FOR UPDATE", [second!.id]);
  await dying.query("DELETE FROM rescore_chunk WHERE id = $1", [second!.id]);
  await dying.query("SELECT 1 FROM scoring_state WHERE shipment_id = ANY($1::uuid[]) FOR UPDATE", [second!.shipment_ids]);
  expect(await reconcilePending(services, { unitId: unit.id, graceSeconds: 0 })).toMatchObject({ reenqueued: 0, rescoreChunks: 3 });
  // The connection drops: PostgreSQL rolls the chunk's transaction back and the chunk is due again.
  dying.release(true);
  // Its delete was never visible (the count read 80 throughout): its backend gone is what says the locks are released.
  await waitFor(async () => ((await services.pool.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [dyingPid])).rows.length === 0 ? true : undefined),
    { what: "the dead worker's transaction rolled back", timeoutMs: 10_000 });
  expect(await rescoringCount(services.pool, unit.id)).toBe(80);
  await new Promise((resolve) => setTimeout(resolve, 5));
  // This sweep enqueues the second chunk and the three others again: each chunk has two jobs now.
  expect(await reconcilePending(services, { unitId: unit.id, graceSeconds: 0 })).toMatchObject({ reenqueued: 0, rescoreChunks: 4 });
  expect(await services.queues.scoring.count()).toBe(7);

  pool = startWorkerPool(services);
  const done = await waitFor(() => rescoreSettled(services, unit.id, manifestId), { what: "re-score completed", timeoutMs: 90_000 });
  // Version 1's 100 assessments and version 2's 100, each written by one execution.
  expect(done).toMatchObject({ total: 100, scored: 100, failed: 0, ...scoredOnce(200) });
  const byVersion = await services.pool.query<{ n: number }>(
    "SELECT count(DISTINCT a.shipment_id)::int AS n FROM assessment a JOIN shipment s ON s.id = a.shipment_id WHERE s.manifest_id = $1 AND a.profile_version_id = $2",
    [manifestId, draft.versionId],
  );
  expect(byVersion.rows[0]?.n).toBe(100);
  const after = await request(app).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(officer);
  expect(after.body.counts).toMatchObject({ byStatus: { pending: 0, scored: 100 }, rescoring: 0 });
});

test("a second activation before the first re-score ran folds its chunks in: each container is in one chunk and scored once, by the version then active", async () => {
  await pool?.close();
  pool = undefined;
  const unit = await createUnitWithBaseline(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(officer)
    .send(buildManifest(2, { departureDate: day(-5), arrivalDate: day(10), shipments: Array.from({ length: 50 }, (_, i) => buildShipment(i)) }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY id", [manifestId])).rows.map((r) => r.id);
  expect(await scoreShipments(services, unit.id, ids)).toMatchObject({ scored: 50 });
  await services.queues.scoring.obliterate({ force: true });

  const baseline = (await loadBaselineProfile()) as Profile;
  const activate = async (extra: number) => {
    const heavier = { ...baseline, indicators: baseline.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + extra })) };
    const draft = await installProfile(services, unit.id, heavier, { activate: false });
    await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" },
      { profileCode: baseline.code, version: draft.version }, { rescoreUpcoming: true }, { name: "test" });
    return draft.versionId;
  };
  const second = await activate(1);
  // One of the first re-score's chunks has run: the next activation folds the others in, with every upcoming container.
  const chunk = (await services.pool.query<{ id: string; shipment_ids: string[] }>("SELECT id, shipment_ids FROM rescore_chunk WHERE unit_id = $1 ORDER BY id LIMIT 1", [unit.id])).rows[0]!;
  expect(await scoreShipments(services, unit.id, chunk.shipment_ids, { rescoreChunkId: chunk.id })).toMatchObject({ scored: chunk.shipment_ids.length });
  const third = await activate(2);
  const stored = await services.pool.query<{ id: string }>("SELECT unnest(shipment_ids) AS id FROM rescore_chunk WHERE unit_id = $1", [unit.id]);
  expect(stored.rows.map((r) => r.id).sort()).toEqual(ids);

  pool = startWorkerPool(services);
  const done = await waitFor(() => rescoreSettled(services, unit.id, manifestId), { what: "re-score completed", timeoutMs: 90_000 });
  // Version 1 for all 50, version 2 for the chunk that ran before the next activation, version 3 for all 50: each once.
  expect(done).toMatchObject({ total: 50, scored: 50, failed: 0, ...scoredOnce(100 + chunk.shipment_ids.length) });
  const counts = await services.pool.query<{ v: string; n: number }>(
    "SELECT profile_version_id AS v, count(*)::int AS n FROM assessment WHERE shipment_id = ANY($1::uuid[]) GROUP BY 1", [ids]);
  const byVersion = new Map(counts.rows.map((r) => [r.v, r.n]));
  expect([byVersion.get(second), byVersion.get(third)]).toEqual([chunk.shipment_ids.length, 50]);
});

test("containers still pending at the activation and scored by their own job before their chunk runs are not scored again", async () => {
  await pool?.close();
  pool = undefined;
  const unit = await createUnitWithBaseline(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(officer)
    .send(buildManifest(3, { departureDate: day(-5), arrivalDate: day(10), shipments: Array.from({ length: 30 }, (_, i) => buildShipment(i)) }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  await services.queues.scoring.obliterate({ force: true });
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY id", [manifestId])).rows.map((r) => r.id);
  // Twenty are scored before the activation; ten are still pending when it commits.
  expect(await scoreShipments(services, unit.id, ids.slice(0, 20))).toMatchObject({ scored: 20 });
  const baseline = (await loadBaselineProfile()) as Profile;
  const heavier = { ...baseline, indicators: baseline.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + 1 })) };
  const draft = await installProfile(services, unit.id, heavier, { activate: false });
  const activated = await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" },
    { profileCode: baseline.code, version: draft.version }, { rescoreUpcoming: true }, { name: "test" });
  expect(activated.shipmentsRescored).toBe(30);
  // The pending ten are scored by their own job, with the new version, before the re-score's chunks run.
  expect(await scoreShipments(services, unit.id, ids.slice(20))).toMatchObject({ scored: 10 });
  const chunks = await services.pool.query<{ id: string; shipment_ids: string[] }>("SELECT id, shipment_ids FROM rescore_chunk WHERE unit_id = $1 ORDER BY id", [unit.id]);
  for (const chunk of chunks.rows) await scoreShipments(services, unit.id, chunk.shipment_ids, { rescoreChunkId: chunk.id });
  expect(await rescoringCount(services.pool, unit.id)).toBe(0);
  // Version 1 for the twenty, version 2 for all thirty: each (shipment, version) by one execution.
  expect(await manifestProgress(services, manifestId)).toMatchObject({ total: 30, scored: 30, pending: 0, ...scoredOnce(50) });
});
