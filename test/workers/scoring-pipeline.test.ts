// The pipeline end to end on real PostgreSQL and Redis: a posted manifest is
// scored by the worker pool, survives a lost queue, and a poison shipment
// fails alone.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { enqueueScoring } from "../../core/scoring/enqueue-scoring.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { manifestProgress } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool | undefined;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  services = createTestServices({ SCORE_CHUNK_SIZE: "25", SCORE_MAX_ATTEMPTS: "2" });
  app = createApp(services);
});
afterAll(async () => {
  await pool?.close();
  await services.dispose();
});

/** A unit with the baseline profile and an officer's token. */
async function unitWithOfficer(): Promise<{ id: string; code: string; versionId: string; auth: Record<string, string> }> {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  return { ...unit, auth: bearer(officer) };
}

const allScored = (manifestId: string, total: number) =>
  waitFor(async () => {
    const progress = await manifestProgress(services, manifestId);
    return progress.scored + progress.failed === total ? progress : undefined;
  }, { what: `manifest ${manifestId} scored` });

describe("scoring pipeline", () => {
  test("every shipment of a posted manifest gets one assessment per active profile, with its reasons", async () => {
    pool ??= startWorkerPool(services);
    const unit = await unitWithOfficer();
    const manifest = buildManifest(120);
    // A suspicious one the baseline profile must flag: generic description, collect freight, no seal.
    manifest.shipments[7] = buildShipment(7, {
      goodsDescription: "SAID TO CONTAIN GENERAL CARGO",
      freightTerms: "collect",
      sealNumbers: [],
      consignee: { name: "NEW HOLDINGS 7 BVBA", address: "Appartement 3, Kerkstraat 12, Antwerpen", country: "BE" },
    });
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(unit.auth).send(manifest);
    expect(posted.status).toBe(202);
    const progress = await allScored(posted.body.manifestId as string, 120);
    expect(progress).toMatchObject({ total: 120, scored: 120, failed: 0, duplicates: 0, assessments: 120 });

    const queue = await request(app).get(`/v1/units/${unit.code}/shipments`).set(unit.auth).query({ limit: 5 });
    expect(queue.status).toBe(200);
    const scores = (queue.body.items as { scoring: { score: number } }[]).map((i) => i.scoring.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const suspicious = await request(app).get(`/v1/units/${unit.code}/shipments`).set(unit.auth).query({ billOfLading: "MEDUEC20000007" });
    const item = suspicious.body.items[0];
    expect(item.scoring.score).toBeGreaterThan(0);
    expect(item.reasons.length).toBeGreaterThan(0);
    const detail = await request(app).get(`/v1/units/${unit.code}/shipments/${item.id as string}`).set(unit.auth);
    expect(detail.status).toBe(200);
    expect(detail.body.assessments).toHaveLength(1);
    expect(detail.body.assessments[0].profile.versionId).toBe(unit.versionId);
    const indicator = detail.body.assessments[0].indicators[0];
    expect(indicator).toEqual(expect.objectContaining({ code: expect.any(String), label: expect.any(String), points: expect.any(Number) }));
    expect(indicator.evidence).toBeDefined();
  });

  test("a lost queue loses nothing: the reconciler re-enqueues what is still pending", async () => {
    await pool?.close();
    pool = undefined;
    const unit = await unitWithOfficer();
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(unit.auth).send(buildManifest(80));
    expect(posted.status).toBe(202);
    // Redis forgets every job of this queue, as after a restart without persistence.
    await services.queues.scoring.obliterate({ force: true });
    expect(await services.queues.scoring.count()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { reenqueued } = await reconcilePending(services, { unitId: unit.id });
    expect(reenqueued).toBeGreaterThanOrEqual(80);
    pool = startWorkerPool(services);
    const progress = await allScored(posted.body.manifestId as string, 80);
    expect(progress).toMatchObject({ scored: 80, duplicates: 0, assessments: 80 });
  });

  test("a poison shipment is marked failed with its error and does not hold back its batch", async () => {
    pool ??= startWorkerPool(services);
    const unit = await unitWithOfficer();
    // Ingest through a queue nobody consumes, so the row can be corrupted before scoring.
    const idle = createTestServices();
    const posted = await request(createApp(idle)).post(`/v1/units/${unit.code}/manifests`).set(unit.auth).send(buildManifest(30));
    await idle.dispose();
    const manifestId = posted.body.manifestId as string;
    const poison = await services.pool.query<{ id: string }>(
      "UPDATE shipment SET attributes = '[1, 2]'::jsonb WHERE manifest_id = $1 AND line_no = 4 RETURNING id",
      [manifestId],
    );
    const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [manifestId])).rows.map((r) => r.id);
    await enqueueScoring(services, unit.id, ids, "ingest", `poison-${manifestId}`);
    const progress = await allScored(manifestId, 30);
    expect(progress).toMatchObject({ scored: 29, failed: 1, duplicates: 0 });
    const detail = await request(app).get(`/v1/units/${unit.code}/shipments/${poison.rows[0]!.id}`).set(unit.auth);
    expect(detail.body.scoring).toMatchObject({ status: "failed", attempts: 2, lastError: expect.stringMatching(/attributes is not an object/) });
    const failedList = await request(app).get(`/v1/units/${unit.code}/shipments`).set(unit.auth).query({ status: "failed" });
    expect(failedList.body.items.map((i: { id: string }) => i.id)).toEqual([poison.rows[0]!.id]);
  });

  test("scoring the same batch twice writes nothing new", async () => {
    pool ??= startWorkerPool(services);
    const unit = await unitWithOfficer();
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(unit.auth).send(buildManifest(10));
    const manifestId = posted.body.manifestId as string;
    await allScored(manifestId, 10);
    const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [manifestId])).rows.map((r) => r.id);
    // Force the same shipments back to pending and enqueue them twice at once.
    await services.pool.query("UPDATE scoring_state SET status = 'pending' WHERE shipment_id = ANY($1::uuid[])", [ids]);
    await Promise.all([
      enqueueScoring(services, unit.id, ids, "rescore", `twice-a-${manifestId}`),
      enqueueScoring(services, unit.id, ids, "rescore", `twice-b-${manifestId}`),
    ]);
    const progress = await allScored(manifestId, 10);
    expect(progress).toMatchObject({ scored: 10, assessments: 10, duplicates: 0 });
  });
});
