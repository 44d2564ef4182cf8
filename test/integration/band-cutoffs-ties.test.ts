// The unit's lanes over tied scores: profiles often score in whole steps (5,
// 10, 15 points), so many containers share the score where a share of the
// window ends. Each cut-off is the score whose share at or above it is
// nearest the target, never a percentile that swallows a whole tie.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
/** Score tiers of a 200-container vessel, from the top: 2 %, then 8 % more, 15 % more, 65 % more, and 10 % that matched nothing. */
const TIERS: [score: number, containers: number][] = [
  [60, 4],
  [55, 16],
  [40, 30],
  [5, 130],
  [0, 20],
];
const CONTAINERS = TIERS.reduce((sum, [, n]) => sum + n, 0);

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let manifestId: string;
let top: string;

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(CONTAINERS));
  expect(posted.status).toBe(202);
  manifestId = posted.body.manifestId as string;
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
  const scores = TIERS.flatMap(([score, n]) => Array<number>(n).fill(score));
  top = ids[0]!;
  await services.pool.query(
    `UPDATE scoring_state st SET status = 'scored', score = x.score, band = NULL, selected = false, random = false
       FROM unnest($1::uuid[], $2::float8[]) AS x(id, score) WHERE st.shipment_id = x.id`,
    [ids, scores],
  );
});
afterAll(async () => services.dispose());

describe("lanes over tied scores", () => {
  test("3 % hold and 5 % documentary give the 2 % tier as high and the next 8 % as medium, not 10 % high and no medium", async () => {
    const counts = await request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(officer)).query({ manifestId });
    expect(counts.status).toBe(200);
    // A percentile would put both cut-offs inside the tie at 55: 20 high (10 %, over three times the target) and 0 medium.
    expect(counts.body.byBand).toEqual({ high: 4, medium: 16, low: 160, none: 20 });
    expect(counts.body.flagged).toBe(20);
    const page = await request(app).get(`/v1/units/${unit.code}/shipments/${top}`).set(bearer(officer));
    expect(page.body).toMatchObject({ band: "high", lanes: { holdShare: 0.03, documentaryShare: 0.05, holdCutoff: 60, documentaryCutoff: 55 } });
  });

  test("a target between two tiers takes the nearer one; on equal distance the smaller share", async () => {
    const analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
    const put = (holdShare: number, documentaryShare: number) =>
      request(app).put(`/v1/units/${unit.code}/selection-targets`).set(bearer(analyst)).send({ targets: [{ transportMode: "sea", holdShare, documentaryShare }] });
    const bands = async () => (await request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(officer)).query({ manifestId })).body.byBand as Record<string, number>;
    // 7 % hold: 10 % (the tie at 55) is 3 points off, 2 % is 5 off → 20 high. 13 % documentary on top (20 %): 25 % is nearer than 10 %.
    expect((await put(0.07, 0.13)).status).toBe(200);
    expect(await bands()).toMatchObject({ high: 20, medium: 30 });
    // 6 % hold: 2 % and 10 % are both 4 points off → the smaller, 4 high; no documentary share → no medium.
    expect((await put(0.06, 0)).status).toBe(200);
    expect(await bands()).toMatchObject({ high: 4, medium: 0 });
    await put(0.03, 0.05);
  });
});
