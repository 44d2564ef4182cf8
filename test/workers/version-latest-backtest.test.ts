// A version's detail names its latest back-test, the figures the activation
// dialog states: held-out first for a built draft, in-sample only when the
// back-test held no other record, every record for a hand-written version; a
// comparison counts for both its sides; a draft saved again since has not
// been back-tested as it is now, and a build alone is no back-test.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAnalysisWithHistory, type AnalysisWithHistory } from "../helpers/analysis-with-history.js";
import type { TestServices } from "../helpers/test-services.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: AnalysisWithHistory["app"];
let unit: TestUnit;
let analyst: TestUser;
let setup: AnalysisWithHistory;

const run = (path: string, body: object) => setup.run(path, body);

/** The version detail's latestBacktest, which the small route (the activation dialog's read) answers the same. */
async function latest(code: string, version: number) {
  const path = `/v1/units/${unit.code}/profiles/${code}/versions/${version}`;
  const [res, alone] = await Promise.all([request(app).get(path).set(bearer(analyst)), request(app).get(`${path}/latest-backtest`).set(bearer(analyst))]);
  expect(res.status).toBe(200);
  expect(alone.status).toBe(200);
  expect(alone.body).toEqual({ latestBacktest: res.body.latestBacktest });
  return res.body.latestBacktest;
}

const figures = (m: { records: number; hits: number; selected: number; selectionRate: number | null; precision: number | null; recall: number | null }) => ({
  records: m.records, hits: m.hits, selected: m.selected, selectionRate: m.selectionRate, precision: m.precision, recall: m.recall,
});

beforeAll(async () => {
  setup = await startAnalysisWithHistory({ locode: "KRLBT", baseline: true, records: 1500, expensiveRateLimit: 20, jobTimeoutMs: 90_000 });
  ({ services, app, unit, analyst } = setup);
}, 180_000);
afterAll(async () => {
  await setup?.close();
});

test("a built draft: none until back-tested, then its held-out figures; in-sample only when no held-out record was back-tested", async () => {
  await run("/profile-builds", { from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", code: "LATEST-BT", name: "Latest back-test" });
  // The build measured the draft, but no back-test of the stored version ran yet.
  expect(await latest("LATEST-BT", 1)).toBeNull();

  const whole = await run("/backtests", { profile: { profileCode: "LATEST-BT", version: 1 } });
  const sample = whole.result.profile.sample;
  expect(sample.kind).toBe("built");
  expect(sample.heldOut.records).toBeGreaterThan(0);
  const first = await latest("LATEST-BT", 1);
  expect(first).toMatchObject({ analysisJobId: whole.jobId, kind: "backtest", basis: "heldOut", from: null, to: null, ...figures(sample.heldOut) });
  // Not the figures over every record, which mix in the records it learned from.
  expect(first.records).toBeLessThan(whole.result.profile.records);
  expect(Date.parse(first.finishedAt)).not.toBeNaN();

  // A later back-test over its training months only: the newest one, said to be in-sample.
  const trained = await run("/backtests", { profile: { profileCode: "LATEST-BT", version: 1 }, from: "2020-01-01", to: "2020-06-30" });
  expect(trained.result.profile.sample.heldOut.records).toBe(0);
  expect(await latest("LATEST-BT", 1)).toMatchObject({ analysisJobId: trained.jobId, basis: "inSample", from: "2020-01-01", to: "2020-06-30", ...figures(trained.result.profile.sample.inSample) });
}, 240_000);

test("a hand-written draft: a comparison it was a side of counts, over every record; saved again, it has no back-test as it is now", async () => {
  const base = await request(app).get(`/v1/units/${unit.code}/profiles/LATEST-BT/versions/1`).set(bearer(analyst));
  const definition = base.body.definition as { thresholds: { select: number } };
  const created = await request(app).post(`/v1/units/${unit.code}/profiles/LATEST-BT/versions`).set(bearer(analyst)).send(definition);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const version = created.body.version as number;
  expect(await latest("LATEST-BT", version)).toBeNull();

  const compared = await run("/backtest-comparisons", { baseline: { profileCode: "LATEST-BT", version: 1 }, candidate: { profileCode: "LATEST-BT", version } });
  expect(compared.result.candidate.sample.kind).toBe("not-built");
  expect(await latest("LATEST-BT", version)).toMatchObject({ analysisJobId: compared.jobId, kind: "compare", basis: "notBuilt", ...figures(compared.result.candidate) });
  // The baseline's newest back-test is now this comparison, held-out first as before.
  expect(await latest("LATEST-BT", 1)).toMatchObject({ analysisJobId: compared.jobId, kind: "compare", basis: "heldOut", ...figures(compared.result.baseline.sample.heldOut) });

  const saved = await request(app)
    .put(`/v1/units/${unit.code}/profiles/LATEST-BT/versions/${version}`)
    .set(bearer(analyst))
    .send({ ...definition, thresholds: { ...definition.thresholds, select: definition.thresholds.select + 1 } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(await latest("LATEST-BT", version)).toBeNull();
}, 240_000);

test("the latest back-test alone: 404 for an unknown version or profile; the detail's readers read it, a user of another unit is answered as by the detail", async () => {
  const path = `/v1/units/${unit.code}/profiles/LATEST-BT/versions`;
  const unknown = await request(app).get(`${path}/999/latest-backtest`).set(bearer(analyst));
  expect(unknown.status).toBe(404);
  expect(JSON.stringify(unknown.body)).toMatch(/version 999/);
  const noProfile = await request(app).get(`/v1/units/${unit.code}/profiles/NO-SUCH/versions/1/latest-backtest`).set(bearer(analyst));
  expect(noProfile.status).toBe(404);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const read = await request(app).get(`${path}/1/latest-backtest`).set(bearer(officer));
  expect(read.status).toBe(200);
  expect(read.body.latestBacktest).toMatchObject({ kind: "compare", basis: "heldOut" });
  expect(read.body).not.toHaveProperty("definition");
  const stranger = await createTestUser(services, []);
  const [detail, alone] = await Promise.all([request(app).get(`${path}/1`).set(bearer(stranger)), request(app).get(`${path}/1/latest-backtest`).set(bearer(stranger))]);
  expect(detail.status).toBe(404);
  expect(alone.status).toBe(404);
});
