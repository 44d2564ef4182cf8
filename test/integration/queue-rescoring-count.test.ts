// The queue's counts answer says how many of the unit's containers wait in a
// re-score after a profile change (`rescoring`), whatever the view's filters:
// it rises with an activation that re-scores, falls chunk by chunk as the
// re-score runs, reaches 0 when it is done, and never counts another unit's.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import type { Profile } from "../../profiling/dsl/profile-types.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { manifestProgress } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool | undefined;

beforeAll(() => {
  // Chunks of 10: a unit's 40 upcoming containers are re-scored in 4 chunks, another's 20 in 2.
  services = createTestServices({ SCORE_CHUNK_SIZE: "10" });
});
afterAll(async () => {
  await pool?.close();
  await services.dispose();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("GET queue/counts says how many of the unit's containers are being re-scored, until none are", async () => {
  const app = createApp(services);
  const a = await createUnitWithBaseline(services);
  const b = await createUnitWithBaseline(services);
  const officerA = bearer(await createTestUser(services, [{ role: "officer", unitCode: a.code }]));
  const officerB = bearer(await createTestUser(services, [{ role: "officer", unitCode: b.code }]));
  const analystA = bearer(await createTestUser(services, [{ role: "analyst", unitCode: a.code }]));
  const rescoring = async (unit: TestUnit, auth: Record<string, string>, query = "") => {
    const res = await request(app).get(`/v1/units/${unit.code}/queue/counts${query}`).set(auth);
    expect(res.status).toBe(200);
    return res.body.rescoring as number;
  };

  // Each unit's upcoming vessel, scored by a worker pool that then stops, so the re-score's chunks wait.
  pool = startWorkerPool(services);
  const manifests: string[] = [];
  for (const [unit, auth, n] of [[a, officerA, 40], [b, officerB, 20]] as const) {
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(auth).send(buildManifest(n, { departureDate: day(-3), arrivalDate: day(5) }));
    expect(posted.status).toBe(202);
    manifests.push(posted.body.manifestId as string);
  }
  for (const [i, manifestId] of manifests.entries()) {
    await waitFor(async () => ((await manifestProgress(services, manifestId)).scored === [40, 20][i] ? true : undefined), { what: "the vessels scored", timeoutMs: 60_000 });
  }
  expect(await rescoring(a, officerA)).toBe(0);
  await pool.close();
  pool = undefined;

  // Version 2 of the baseline, every weighted indicator a point heavier, activated with a re-score in each unit:
  // in A by its analyst through the API (which makes the board's next reads fresh), in B directly.
  const baseline = (await loadBaselineProfile()) as Profile;
  const heavier = { ...baseline, indicators: baseline.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + 1 })) };
  const draftA = await installProfile(services, a.id, heavier, { activate: false });
  const draftB = await installProfile(services, b.id, heavier, { activate: false });
  const activated = await request(app).post(`/v1/units/${a.code}/profiles/${baseline.code}/versions/${draftA.version}/activate`).set(analystA).send({ rescoreUpcoming: true });
  expect(activated.status).toBe(200);
  expect(await rescoring(a, officerA)).toBe(40);
  expect(await rescoring(b, officerB)).toBe(0);
  await activateVersion(services, { id: b.id, code: b.code, country: "BE", programme: "CCP" }, { profileCode: baseline.code, version: draftB.version }, { rescoreUpcoming: true }, { name: "test" });
  await waitFor(async () => ((await rescoring(b, officerB)) === 20 ? true : undefined), { what: "B's re-score counted" });
  // Unit-wide whatever the view: a view of no container still says 40.
  expect(await rescoring(a, officerA, "?band=high&flagged=true")).toBe(40);
  expect(await rescoring(a, officerA)).toBe(40);

  // One of A's chunks runs: A's count falls by its 10, B's stays.
  const chunk = await services.pool.query<{ id: string; shipment_ids: string[] }>("SELECT id, shipment_ids FROM rescore_chunk WHERE unit_id = $1 ORDER BY id LIMIT 1", [a.id]);
  const first = chunk.rows[0]!;
  expect(first.shipment_ids).toHaveLength(10);
  expect((await scoreShipments(services, a.id, first.shipment_ids, { rescoreChunkId: first.id })).scored).toBe(10);
  await waitFor(async () => ((await rescoring(a, officerA)) === 30 ? true : undefined), { what: "A's count after one chunk", timeoutMs: 5_000 });
  expect(await rescoring(b, officerB)).toBe(20);

  // The workers run the rest: both counts reach 0.
  pool = startWorkerPool(services);
  await waitFor(async () => ((await rescoring(a, officerA)) === 0 && (await rescoring(b, officerB)) === 0 ? true : undefined), { what: "the re-scores done", timeoutMs: 60_000 });
  const left = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM rescore_chunk WHERE unit_id = ANY($1)", [[a.id, b.id]]);
  expect(left.rows[0]!.n).toBe(0);
});
