// Large manifests answered before their shipment rows exist (core/manifests/
// staged-manifests.ts), over the real database and Redis, with the threshold
// lowered to 5 shipments: the 202 means committed (manifest, payload, audit),
// GET says "expanding" until a worker writes the rows, the rows are the ones
// the one-transaction path writes, an expansion runs once however often it is
// asked for, a lost job is re-enqueued by the reconciler, and duplicates,
// conflicts, idempotency keys and CUSCAR replacements behave as before.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { storeOriginal, storeReplacement } from "../../core/edifact/store-cuscar-message.js";
import { getManifest as getManifestCase } from "../../core/manifests/get-manifest.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { expandStagedManifest, reconcileStagedManifests } from "../../core/manifests/staged-manifests.js";
import { payloadJson } from "../../core/manifests/staged-payload.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { startWorkerPool } from "../../workers/pool.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { manifestsPartlyQueued } from "../helpers/queue-invariants.js";

const actor = { name: "test:manifest-staged" };
const STAGED_FROM = 5;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;

beforeAll(async () => {
  // The job path, step by step: here nothing expands unless a test asks (the answering process's own expansion is tested below).
  services = createTestServices({ MANIFEST_STAGED_FROM: String(STAGED_FROM), QUEUE_READ_CACHE_MS: "0", MANIFEST_EXPAND_IN_API: "false" });
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

const post = (body: unknown, unitCode = unit.code, key?: string) => {
  const req = request(app).post(`/v1/units/${unitCode}/manifests`).set(bearer(officer));
  return (key ? req.set("Idempotency-Key", key) : req).send(body as object);
};
const getManifest = (id: string, unitCode = unit.code) => request(app).get(`/v1/units/${unitCode}/manifests/${id}`).set(bearer(officer));

async function stored(manifestId: string): Promise<{ shipments: number; pending: number; staged: number }> {
  const result = await services.pool.query<{ shipments: number; pending: number; staged: number }>(
    `SELECT (SELECT count(*)::int FROM shipment WHERE manifest_id = $1) AS shipments,
            (SELECT count(*)::int FROM scoring_state WHERE manifest_id = $1 AND status = 'pending') AS pending,
            (SELECT count(*)::int FROM manifest_staged WHERE manifest_id = $1) AS staged`,
    [manifestId],
  );
  return result.rows[0]!;
}

async function expansionJobs(manifestId: string): Promise<number> {
  const jobs = await services.queues.maintenance.getJobs(["waiting", "delayed", "active", "prioritized"]);
  return jobs.filter((job) => job.name === "expand-manifest" && (job.data as { manifestId: string }).manifestId === manifestId).length;
}

describe("a manifest of MANIFEST_STAGED_FROM shipments or more", () => {
  test("is answered once committed, reads as expanding, then holds the rows the one-transaction path writes", async () => {
    // Two consignees, each on lines in both parts of the expansion: their sightings must add up.
    const consignee = (i: number) => ({ name: `TRADE IMPORT ${i % 2} BV`, address: "Havenstraat 1, Antwerpen", country: "BE" });
    const body = buildManifest(6, { shipments: Array.from({ length: 6 }, (_, i) => buildShipment(i, { consignee: consignee(i) })) });
    const res = await post(body);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: "accepted", shipmentCount: 6, state: "expanding", unitCode: unit.code });
    const manifestId = res.body.manifestId as string;
    // Committed: the manifest, its payload and its audit row; no shipment yet, one expansion job waiting.
    expect(await stored(manifestId)).toEqual({ shipments: 0, pending: 0, staged: 1 });
    const audit = await services.pool.query("SELECT 1 FROM audit_event WHERE action = 'manifest.ingested' AND entity_id = $1", [manifestId]);
    expect(audit.rows).toHaveLength(1);
    expect(await expansionJobs(manifestId)).toBe(1);
    const before = await getManifest(manifestId);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ state: "expanding", shipmentCount: 6, shipmentsStored: 0, counts: { byStatus: { pending: 0 } } });

    // In two parts (4 and 2 lines), each committed and enqueued for scoring on its own.
    expect(await expandStagedManifest(services, manifestId, { partSize: 4 })).toEqual({ shipments: 6 });
    expect(await stored(manifestId)).toEqual({ shipments: 6, pending: 6, staged: 0 });
    const after = await getManifest(manifestId);
    expect(after.body).toMatchObject({ state: "stored", shipmentCount: 6, shipmentsStored: 6, counts: { byStatus: { pending: 6 } } });
    // Asked again (a retried job, the reconciler's copy): nothing more is written.
    expect(await expandStagedManifest(services, manifestId)).toEqual({ shipments: 0 });
    expect(await stored(manifestId)).toEqual({ shipments: 6, pending: 6, staged: 0 });
    // Its scoring was enqueued by the expansion, part by part.
    const scoring = await Promise.all([`ingest-${manifestId}-0-0`, `ingest-${manifestId}-4-0`].map((id) => services.queues.scoring.getJob(id)));
    expect(scoring.map((job) => (job?.data as { shipmentIds: string[] } | undefined)?.shipmentIds.length)).toEqual([4, 2]);

    // The same manifest through the one-transaction path, in another unit: the same rows, parties and sightings.
    const other = await createTestUnit(services);
    const parsed = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS).parse(body);
    const direct = await ingestManifest(services, { unit: { id: other.id, code: other.code, country: "BE", programme: "CCP" }, manifest: parsed, actor });
    expect(direct.body.state).toBeUndefined();
    const rows = (id: string) =>
      services.pool.query(
        `SELECT s.line_no, s.bill_of_lading, s.container_number, s.seal_numbers, s.parties, s.hs_codes, s.declared_value, s.attributes, s.arrival_date,
                sh.identity_key AS shipper, cn.identity_key AS consignee, ps.first_seen_at, ps.shipments AS sightings, st.status, st.arrival_date AS state_arrival
           FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id
           LEFT JOIN party sh ON sh.id = s.shipper_id LEFT JOIN party cn ON cn.id = s.consignee_id
           LEFT JOIN party_sighting ps ON ps.party_id = s.consignee_id AND ps.unit_id = s.unit_id
          WHERE s.manifest_id = $1 ORDER BY s.line_no`,
        [id],
      );
    const viaStage = (await rows(manifestId)).rows;
    expect(viaStage).toHaveLength(6);
    expect(viaStage[0]).toMatchObject({ shipper: expect.any(String), consignee: expect.any(String), sightings: 3 });
    expect(viaStage).toEqual((await rows(direct.body.manifestId)).rows);
  });

  test("a smaller one is stored in the answer's own transaction, as before", async () => {
    const res = await post(buildManifest(STAGED_FROM - 1));
    expect(res.status).toBe(202);
    expect(res.body.state).toBeUndefined();
    expect(await stored(res.body.manifestId as string)).toEqual({ shipments: STAGED_FROM - 1, pending: STAGED_FROM - 1, staged: 0 });
    expect((await getManifest(res.body.manifestId as string)).body).toMatchObject({ state: "stored", shipmentsStored: STAGED_FROM - 1 });
  });

  test("GET never reads stored with fewer rows than stored: an expansion committing between its reads shows as expanding", async () => {
    const res = await post(buildManifest(STAGED_FROM + 1));
    const manifestId = res.body.manifestId as string;
    // A worker's expansion commits right after GET has counted the rows (as one may at any moment under load):
    // the state must not then be read as "stored" beside the count taken before it.
    let expanded = false;
    const racing = {
      prisma: services.prisma,
      pool: {
        query: async (text: string, values?: unknown[]) => {
          const result = await services.pool.query(text, values);
          if (!expanded && text.includes("FROM scoring_state st JOIN shipment s")) {
            expanded = true;
            await expandStagedManifest(services, manifestId);
          }
          return result;
        },
      } as unknown as typeof services.pool,
    };
    const page = await getManifestCase(racing, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" }, manifestId);
    expect(expanded).toBe(true);
    expect([page.state, page.shipmentsStored]).toEqual(["expanding", 0]);
    expect((await getManifest(manifestId)).body).toMatchObject({ state: "stored", shipmentsStored: STAGED_FROM + 1 });
  });

  test("while expanding: the same manifest is a duplicate, other content a conflict, a repeated key the first answer", async () => {
    const body = buildManifest(6);
    const key = `staged-${Date.now()}`;
    const first = await post(body, unit.code, key);
    expect(first.status).toBe(202);
    const manifestId = first.body.manifestId as string;
    const repeat = await post(body, unit.code, key);
    expect([repeat.status, repeat.body]).toEqual([202, first.body]);
    const duplicate = await post(body);
    expect(duplicate.status).toBe(200);
    expect(duplicate.body).toMatchObject({ manifestId, status: "duplicate", shipmentCount: 6 });
    const changed = await post({ ...body, shipments: [...body.shipments.slice(0, 5), buildShipment(99)] });
    expect(changed.status).toBe(409);
    expect(changed.body.errors).toEqual([{ path: "manifestRef", message: "already received with different content; amendments need a new manifestRef" }]);
    // One manifest, one payload, one expansion job: the repeats staged nothing.
    const manifests = await services.pool.query("SELECT 1 FROM manifest WHERE unit_id = $1 AND manifest_ref = $2", [unit.id, body.manifestRef]);
    expect(manifests.rows).toHaveLength(1);
    expect(await expansionJobs(manifestId)).toBe(1);
    expect(await expandStagedManifest(services, manifestId)).toEqual({ shipments: 6 });
    expect(await stored(manifestId)).toEqual({ shipments: 6, pending: 6, staged: 0 });
  });

  test("the payload is stored compressed, and one staged as text before migration 0044 still expands", async () => {
    const body = buildManifest(12);
    const res = await post(body);
    expect(res.status).toBe(202);
    const manifestId = res.body.manifestId as string;
    const row = async () =>
      (
        await services.pool.query<{ payload: string | null; payload_brotli: Buffer | null; text_bytes: number | null; compressed_bytes: number | null }>(
          "SELECT payload, payload_brotli, octet_length(payload) AS text_bytes, octet_length(payload_brotli) AS compressed_bytes FROM manifest_staged WHERE manifest_id = $1",
          [manifestId],
        )
      ).rows[0]!;
    const staged = await row();
    // Brotli's bytes, a fraction of the canonical JSON they decode to: the manifest as validated (its hash's text).
    expect(staged.payload).toBeNull();
    const json = payloadJson(staged);
    expect(JSON.parse(json)).toEqual(manifestSchema(100).parse(body));
    expect(staged.compressed_bytes!).toBeLessThan(Buffer.byteLength(json) / 3);
    // A row as the previous release staged it (its JSON as text): the same expansion reads it.
    await services.pool.query("UPDATE manifest_staged SET payload = $2, payload_brotli = NULL WHERE manifest_id = $1", [manifestId, json]);
    expect(await row()).toMatchObject({ payload_brotli: null, text_bytes: Buffer.byteLength(json) });
    expect(await expandStagedManifest(services, manifestId, { partSize: 5 })).toEqual({ shipments: 12 });
    expect(await stored(manifestId)).toEqual({ shipments: 12, pending: 12, staged: 0 });
    // Neither or both is refused: a row has exactly one payload.
    const other = await post(buildManifest(6));
    await expect(services.pool.query("UPDATE manifest_staged SET payload = 'x' WHERE manifest_id = $1", [other.body.manifestId])).rejects.toThrow(/manifest_staged_one_payload/);
  });

  test("a crash between the answer and the expansion: the reconciler re-enqueues it and a worker writes the rows, scored once", async () => {
    const scored = await createUnitWithBaseline(services);
    const feeder = await createTestUser(services, [{ role: "officer", unitCode: scored.code }]);
    const res = await request(app).post(`/v1/units/${scored.code}/manifests`).set(bearer(feeder)).send(buildManifest(8));
    expect(res.status).toBe(202);
    const manifestId = res.body.manifestId as string;
    // Redis lost the job before any worker took it.
    await services.queues.maintenance.obliterate({ force: true });
    expect(await expansionJobs(manifestId)).toBe(0);
    // Within its grace period the payload is not due; after it, it is, once per sweep.
    expect(await reconcileStagedManifests(services, { unitId: scored.id, graceSeconds: 3_600 })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await reconcileStagedManifests(services, { unitId: scored.id, graceSeconds: 0.001 })).toBe(1);
    expect(await reconcileStagedManifests(services, { unitId: scored.id, graceSeconds: 3_600 })).toBe(0);
    expect(await expansionJobs(manifestId)).toBe(1);

    // A worker died after the first part: the expansion carries on from there, each line written once.
    expect(await expandStagedManifest(services, manifestId, { partSize: 3, maxParts: 1 })).toEqual({ shipments: 3 });
    expect(await stored(manifestId)).toMatchObject({ shipments: 3, staged: 1 });
    const partial = await request(app).get(`/v1/units/${scored.code}/manifests/${manifestId}`).set(bearer(feeder));
    expect(partial.body).toMatchObject({ state: "expanding", shipmentCount: 8, shipmentsStored: 3 });

    const pool = startWorkerPool(services);
    try {
      const done = await waitFor(async () => {
        const page = await request(app).get(`/v1/units/${scored.code}/manifests/${manifestId}`).set(bearer(feeder));
        return page.body.state === "stored" && page.body.counts.byStatus.scored === 8 ? page.body : undefined;
      }, { timeoutMs: 60_000, what: "the staged manifest expanded and scored" });
      expect(done).toMatchObject({ shipmentsStored: 8, counts: { byStatus: { pending: 0, scored: 8, failed: 0 } } });
    } finally {
      await pool.close();
    }
    const assessments = await services.pool.query<{ n: number; twice: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE a.executions > 1)::int AS twice
         FROM assessment a JOIN shipment s ON s.id = a.shipment_id WHERE s.manifest_id = $1`,
      [manifestId],
    );
    expect(assessments.rows[0]).toEqual({ n: 8, twice: 0 });
    const lines = await services.pool.query<{ line_no: number }>("SELECT line_no FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId]);
    expect(lines.rows.map((row) => row.line_no)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test("a CUSCAR original is staged too; replaced while expanding, its rows arrive out of force and are never scored", async () => {
    const cuscarUnit = await createTestUnit(services);
    const scope = { id: cuscarUnit.id, code: cuscarUnit.code, country: "BE", programme: "CCP" };
    const schema = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS);
    const original = schema.parse(buildManifest(6));
    const first = await storeOriginal(services, scope, original, actor);
    expect(first).toMatchObject({ ok: true, status: "accepted", shipmentCount: 6 });
    const oldId = (first as { manifestId: string }).manifestId;
    expect(await stored(oldId)).toMatchObject({ shipments: 0, staged: 1 });

    const replacement = schema.parse({ ...buildManifest(2), manifestRef: original.manifestRef });
    const replaced = await storeReplacement(services, cuscarUnit, replacement, actor);
    expect(replaced).toMatchObject({ ok: true, status: "replaced", shipmentCount: 2 });
    const newId = (replaced as { manifestId: string }).manifestId;

    expect(await expandStagedManifest(services, oldId)).toEqual({ shipments: 6 });
    expect(await stored(oldId)).toMatchObject({ shipments: 6, staged: 0 });
    // Read by the unit's own officer: the old version is stored, not in force, and left the queue.
    const reader = await createTestUser(services, [{ role: "officer", unitCode: cuscarUnit.code }]);
    const oldView = await request(app).get(`/v1/units/${cuscarUnit.code}/manifests/${oldId}`).set(bearer(reader));
    expect(oldView.body).toMatchObject({ state: "stored", inForce: false, shipmentsStored: 6 });
    const queue = await request(app).get(`/v1/units/${cuscarUnit.code}/shipments`).set(bearer(reader)).query({ limit: "50" });
    expect(queue.status).toBe(200);
    expect((queue.body.items as { manifestId?: string }[]).length).toBe(2);
    // Only the version in force is re-enqueued: the old one's pending rows are dropped.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await reconcilePending(services, { unitId: cuscarUnit.id, graceSeconds: 0.001 })).toMatchObject({ reenqueued: 2 });
    expect(await stored(newId)).toMatchObject({ shipments: 2, staged: 0 });
  });
});

describe("with MANIFEST_EXPAND_IN_API (the default)", () => {
  test("the answering process writes the rows right after the answer, with no worker, and the delayed fallback job then finds nothing to do", async () => {
    const own = createTestServices({ MANIFEST_STAGED_FROM: String(STAGED_FROM), QUEUE_READ_CACHE_MS: "0" });
    try {
      const ownApp = createApp(own);
      const res = await request(ownApp).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(7, { manifestRef: `INAPI-${Date.now()}` }));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: "accepted", shipmentCount: 7, state: "expanding" });
      const manifestId = res.body.manifestId as string;
      // No worker runs in this test: only the answering process can write them.
      await waitFor(async () => (await stored(manifestId)).staged === 0, { timeoutMs: 20_000 });
      expect(await stored(manifestId)).toEqual({ shipments: 7, pending: 7, staged: 0 });
      const after = await request(ownApp).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(bearer(officer));
      expect(after.body).toMatchObject({ state: "stored", shipmentsStored: 7, counts: { byStatus: { pending: 7 } } });
      // The fallback is waiting, delayed, in case this process had died; when it runs it writes nothing more.
      const fallback = await own.queues.maintenance.getJob(`expand-${manifestId}`);
      expect(await fallback?.getState()).toBe("delayed");
      expect(await expandStagedManifest(own, manifestId)).toEqual({ shipments: 0 });
      await fallback?.remove();
    } finally {
      await own.dispose();
    }
  });
});

test("after every expansion above, whole or in parts, a manifest's shipments are all in the queue or none is", async () => {
  expect(await manifestsPartlyQueued(services.pool, [unit.id])).toEqual([]);
});
