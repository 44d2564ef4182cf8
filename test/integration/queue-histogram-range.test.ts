// The score histogram of the queue's counts frames the data: a vessel whose
// containers all have the same score is one bar at that score (it had ten
// bins, 51 to 61, nine of them empty past the data), a narrow spread stops at
// the bin holding the highest score, and the unit's broad view, placed from
// the counters' score buckets, has no bin past its data either.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { queueCounts } from "../../core/triage/queue-overview.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const CONTAINERS = 12;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let manifestId: string;
let lines: string[];

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(CONTAINERS));
  expect(posted.status).toBe(202);
  manifestId = posted.body.manifestId as string;
  lines = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
});
afterAll(async () => services.dispose());

/** Writes these scores (one per line, in line order) as a worker would. */
const scoreLines = (scores: number[]) =>
  services.pool.query(
    `UPDATE scoring_state st SET status = 'scored', score = x.score, band = NULL, selected = false, random = false
       FROM unnest($1::uuid[], $2::float8[]) AS x(id, score) WHERE st.shipment_id = x.id`,
    [lines, scores],
  );
/** The counts' histogram, read past the API's short-lived answer cache (the scores change between tests). */
const histogram = async (filters: { manifestId?: string }) => {
  const counts = await queueCounts(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" }, filters);
  expect(counts.total).toBe(CONTAINERS);
  return counts.histogram.map((b) => [b.from, b.to, b.count]);
};

test("every container of the vessel at one score: one bar at that score", async () => {
  await scoreLines(new Array<number>(CONTAINERS).fill(51));
  const res = await request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(officer)).query({ manifestId });
  expect(res.status).toBe(200);
  expect(res.body.histogram).toEqual([{ from: 51, to: 51, count: CONTAINERS }]);
  expect(await histogram({ manifestId })).toEqual([[51, 51, CONTAINERS]]);
  // The unit's broad view, counted from the score buckets: one whole-number bin holding them, none after it.
  const broad = await histogram({});
  expect(broad).toHaveLength(1);
  expect(broad[0]![0]).toBeLessThanOrEqual(51);
  expect(broad[0]![1]).toBeGreaterThan(broad[0]![0]!);
  expect(broad[0]![2]).toBe(CONTAINERS);
});

test("scores over four whole numbers: four bins, the last holding the highest score", async () => {
  await scoreLines([50, 50, 50, 51, 51, 53, 53, 53, 53, 53, 52.5, 50.5]);
  expect(await histogram({ manifestId })).toEqual([[50, 51, 4], [51, 52, 2], [52, 53, 1], [53, 54, 5]]);
});

test("a spread wider than ten: ten bins of a whole width, as before", async () => {
  await scoreLines(Array.from({ length: CONTAINERS }, (_, i) => i * 10));
  expect(await histogram({ manifestId })).toEqual(Array.from({ length: 10 }, (_, i) => [i * 11, (i + 1) * 11, i === 0 || i === 9 ? 2 : 1]));
});
