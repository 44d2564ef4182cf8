// Replaced and cancelled CUSCAR manifests over the real database: the queue,
// its counts, the voyages board and the manifest list show the version in
// force only; a replaced or cancelled version's pending scoring is dropped
// (the worker skips it, the reconciler never re-enqueues it); nothing is
// deleted, and a decision on an old version's container stays readable.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { storeReplacement } from "../../core/edifact/store-cuscar-message.js";
import { manifestSchema, type ManifestInput } from "../../core/manifests/manifest-schema.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const actor = { name: "test:manifest-versions" };

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let sequence = 0;

beforeAll(async () => {
  // Every read computed: this file is about which versions the views show, read right after each
  // message; how long the board's shared reads live is board-cache.test.ts's subject.
  services = createTestServices({ QUEUE_READ_CACHE_MS: "0" }, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

/** Sends one CUSCAR message (9 original, 5 replacement, 1 cancellation) and returns its manifest id. */
async function send(manifest: ManifestDocument, functionCode: "9" | "5" | "1"): Promise<string> {
  sequence += 1;
  const controlReference = `MV${sequence}`;
  const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference, sender: "MSCU" });
  const result = await receiveInterchange(services, { unitCode: unit.code, text, actor, source: "cli" });
  expect(result.messages[0]!.errors).toEqual([]);
  return result.messages[0]!.manifestId!;
}

const get = (path: string, query: Record<string, string> = {}) => request(app).get(`/v1/units/${unit.code}${path}`).set(bearer(officer)).query(query);

async function containersInQueue(query: Record<string, string> = {}): Promise<string[]> {
  const page = await get("/shipments", { limit: "200", ...query });
  expect(page.status).toBe(200);
  return (page.body.items as { containerNumber: string }[]).map((i) => i.containerNumber).sort();
}

async function shipmentIds(manifestId: string): Promise<string[]> {
  return (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
}

const numbers = (manifest: ManifestDocument) => manifest.shipments.map((s) => s.containerNumber).sort();

describe("manifest versions in the officer's views", () => {
  test("after a replacement the queue, counts, voyages and manifest list show the new version only; the old one stays readable", async () => {
    const original = buildManifest(3) as unknown as ManifestDocument;
    const v1 = await send(original, "9");
    expect(await containersInQueue()).toEqual(numbers(original));
    const [oldFirst] = await shipmentIds(v1);
    await services.pool.query("UPDATE scoring_state SET decision = 'hold', decision_at = $2 WHERE shipment_id = $1", [oldFirst, NOW]);

    // The replacement drops line 3 and adds two containers the original did not have.
    const replacement = { ...original, shipments: [original.shipments[0]!, original.shipments[1]!, buildShipment(7), buildShipment(8)] } as unknown as ManifestDocument;
    const v2 = await send(replacement, "5");
    expect(v2).not.toBe(v1);
    expect(await containersInQueue()).toEqual(numbers(replacement));
    const counts = await get("/queue/counts");
    expect(counts.body.total).toBe(4);
    expect(counts.body.byDecision).toMatchObject({ hold: 0, none: 4 });
    const page = await get("/shipments", { limit: "2" });
    expect(page.body.total).toBe(4);

    const voyages = await get("/queue/voyages");
    expect(voyages.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ manifestId: v2, containers: 4 })]));
    expect((voyages.body.items as { manifestId: string }[]).map((v) => v.manifestId)).not.toContain(v1);

    const list = await get("/manifests");
    expect((list.body.items as { id: string }[]).map((m) => m.id)).toEqual([v2]);
    const all = await get("/manifests", { versions: "all" });
    expect(all.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: v1, version: 1, supersededAt: expect.any(String) }),
      expect.objectContaining({ id: v2, version: 2, supersededAt: null }),
    ]));
    expect((await get("/manifests", { versions: "old" })).body.errors).toEqual([{ path: "query.versions", message: "expected current or all" }]);

    // Old versions are reached on purpose: by manifest id, or with versions=all.
    expect(await containersInQueue({ manifestId: v1 })).toEqual(numbers(original));
    expect(await containersInQueue({ versions: "all" })).toHaveLength(7);
    expect((await get("/queue/counts", { versions: "all" })).body.total).toBe(7);
    const oldPage = await get(`/manifests/${v1}`);
    expect(oldPage.body).toMatchObject({ version: 1, inForce: false, cancelledAt: null, supersededAt: expect.any(String) });
    expect(oldPage.body.versions).toEqual([expect.objectContaining({ id: v1, version: 1 }), expect.objectContaining({ id: v2, version: 2, supersededAt: null })]);
    const decision = await get(`/shipments/${oldFirst}/decision`);
    expect(decision.status).toBe(200);
    expect(decision.body).toMatchObject({ state: "hold" });
    expect(await shipmentIds(v1)).toHaveLength(3);
  });

  test("after a cancellation nothing of the manifest is in the queue, the counts or the board, and nothing is deleted", async () => {
    const before = (await get("/queue/counts")).body.total as number;
    const original = buildManifest(2, { arrivalDate: "2026-12-07", shipments: [buildShipment(20), buildShipment(21)] }) as unknown as ManifestDocument;
    const id = await send(original, "9");
    expect((await get("/queue/counts")).body.total).toBe(before + 2);
    await send(original, "1");
    expect((await get("/queue/counts")).body.total).toBe(before);
    expect((await get("/shipments", { limit: "200" })).body.total).toBe(before);
    const left = await containersInQueue();
    expect(left).toHaveLength(before);
    for (const number of numbers(original)) expect(left).not.toContain(number);
    expect((await get("/queue/voyages")).body.items.map((v: { manifestId: string }) => v.manifestId)).not.toContain(id);
    expect((await get("/manifests")).body.items.map((m: { id: string }) => m.id)).not.toContain(id);
    expect((await get(`/manifests/${id}`)).body).toMatchObject({ inForce: false, cancelledAt: expect.any(String), shipmentCount: 2 });
    expect(await containersInQueue({ manifestId: id })).toEqual(numbers(original));
    expect(await shipmentIds(id)).toHaveLength(2);
  });
});

describe("scoring of replaced and cancelled versions", () => {
  test("pending scoring is dropped: the worker skips it and the reconciler never re-enqueues it", async () => {
    const unitScope = await createTestUnit(services);
    const original = buildManifest(2) as unknown as ManifestDocument;
    const receive = async (manifest: ManifestDocument, functionCode: "9" | "5" | "1") => {
      sequence += 1;
      const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference: `SC${sequence}`, sender: "MSCU" });
      const result = await receiveInterchange(services, { unitCode: unitScope.code, text, actor, source: "cli" });
      return result.messages[0]!.manifestId!;
    };
    const v1 = await receive(original, "9");
    const v2 = await receive({ ...original, shipments: [buildShipment(5)] } as unknown as ManifestDocument, "5");
    const oldIds = await shipmentIds(v1);
    // Nothing was scored yet (no worker runs here), and the clock stands still: a negative grace
    // sweeps every pending row. Only the version in force is re-enqueued.
    expect(await reconcilePending(services, { unitId: unitScope.id, graceSeconds: -60 })).toMatchObject({ reenqueued: 1 });
    expect(await scoreShipments(services, unitScope.id, oldIds)).toMatchObject({ scored: 0, failed: 0, skipped: 2 });
    const states = await services.pool.query<{ status: string }>("SELECT status FROM scoring_state WHERE shipment_id = ANY($1::uuid[])", [oldIds]);
    expect(states.rows.map((r) => r.status)).toEqual(["pending", "pending"]);

    await receive({ ...original, shipments: [buildShipment(5)] } as unknown as ManifestDocument, "1");
    expect(await reconcilePending(services, { unitId: unitScope.id, graceSeconds: -60 })).toMatchObject({ reenqueued: 0 });
    expect(await scoreShipments(services, unitScope.id, await shipmentIds(v2))).toMatchObject({ scored: 0, skipped: 1 });
  });
});

describe("replacements arriving at the same moment", () => {
  test("both are stored, one after the other: versions 1, 2 and 3, one of them in force", async () => {
    const original = buildManifest(1, { shipments: [buildShipment(30)] }) as unknown as ManifestDocument;
    const v1 = await send(original, "9");
    const replacement = (index: number): ManifestInput => manifestSchema(10).parse({ ...original, shipments: [buildShipment(index)] });
    const results = await Promise.all([storeReplacement(services, unit, replacement(31), actor), storeReplacement(services, unit, replacement(32), actor)]);
    expect(results).toEqual([expect.objectContaining({ ok: true, status: "replaced" }), expect.objectContaining({ ok: true, status: "replaced" })]);
    const rows = await services.pool.query<{ version: number; in_force: boolean }>(
      "SELECT version, superseded_at IS NULL AS in_force FROM manifest WHERE unit_id = $1 AND manifest_ref = $2 ORDER BY version",
      [unit.id, original.manifestRef],
    );
    expect(rows.rows).toEqual([{ version: 1, in_force: false }, { version: 2, in_force: false }, { version: 3, in_force: true }]);
    expect(v1).toBeTruthy();
  });
});
