// The "scored exactly once" evidence of the fault tests must be able to fail.
// Assessment rows cannot show double work (the unique key and the idempotent
// write cap them at one per shipment and version); the executions counter the
// scoring transaction bumps can. Here a batch is deliberately scored twice,
// bypassing the pending-row lock, as a lost guard would.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { withTransaction } from "../../core/db/pool.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

let services: TestServices;

beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  await services.dispose();
});

/** A posted manifest nobody has scored yet (no worker runs in this file). */
async function unscoredManifest(size: number): Promise<{ unitId: string; manifestId: string; ids: string[] }> {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(size));
  const manifestId = posted.body.manifestId as string;
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [manifestId])).rows.map((r) => r.id);
  return { unitId: unit.id, manifestId, ids };
}

test("one scoring of each shipment counts one execution per (shipment, version)", async () => {
  const { unitId, manifestId, ids } = await unscoredManifest(20);
  await scoreShipments(services, unitId, ids);
  await scoreShipments(services, unitId, ids); // a duplicate delivery: nothing pending, nothing executed
  expect(await manifestProgress(services, manifestId)).toMatchObject({ scored: 20, ...scoredOnce(20) });
});

test("a deliberate double score is caught by the executions count, not by the row counts", async () => {
  const { unitId, manifestId, ids } = await unscoredManifest(20);
  await scoreShipments(services, unitId, ids);
  // Put the first 5 back to pending, as a lost lock or a stale read would let a second worker see them.
  await withTransaction(services.pool, (client) =>
    client.query("UPDATE scoring_state SET status = 'pending' WHERE shipment_id = ANY($1::uuid[])", [ids.slice(0, 5)]),
  );
  await scoreShipments(services, unitId, ids);
  const progress = await manifestProgress(services, manifestId);
  // The old evidence still looks perfect...
  expect(progress).toMatchObject({ scored: 20, assessments: 20, duplicates: 0 });
  // ...while the counter shows the five shipments scored twice.
  expect(progress).toMatchObject({ executions: 25, scoredTwice: 5 });
  expect(() => expect(progress).toMatchObject(scoredOnce(20))).toThrow();
});
