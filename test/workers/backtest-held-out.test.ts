// Issue 15, item 5: a back-test says which records a version learned from.
// A draft built from the unit's history reports its figures on the records
// it never saw (held-out, first) apart from those on its own training records
// (in-sample); a hand-written version says it was built from none. The built
// draft names its author by user name, not by id.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startAnalysisWithHistory, type AnalysisWithHistory } from "../helpers/analysis-with-history.js";
import type { TestServices } from "../helpers/test-services.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: AnalysisWithHistory["app"];
let unit: TestUnit;
let analyst: TestUser;
let setup: AnalysisWithHistory;

const run = async (path: string, body: object) => (await setup.run(path, body)).result;

beforeAll(async () => {
  setup = await startAnalysisWithHistory({ locode: "KRINC", baseline: true, records: 1500, expensiveRateLimit: 20, jobTimeoutMs: 90_000 });
  ({ services, app, unit, analyst } = setup);
}, 180_000);
afterAll(async () => {
  await setup?.close();
});

test("a built draft: held-out and in-sample figures apart, and its author by name", async () => {
  const built = await run("/profile-builds", { from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", code: "HELD-OUT", name: "Held out" });
  const version = await services.pool.query<{ created_by: string }>("SELECT created_by FROM profile_version WHERE id = $1", [built.profile.versionId]);
  expect(version.rows[0]!.created_by).toBe(analyst.username);
  const detail = await request(app).get(`/v1/units/${unit.code}/profiles/HELD-OUT/versions/1`).set(bearer(analyst));
  expect(detail.body.createdBy).toBe(analyst.username);

  const result = await run("/backtests", { profile: { profileCode: "HELD-OUT", version: 1 } });
  const sample = result.profile.sample;
  expect(sample).toMatchObject({ kind: "built", learnedFrom: "2020-01-01", learnedTo: "2020-10-26" });
  // The held-out records are the build's evaluation records; together with the training ones, every record.
  expect(sample.heldOut.records).toBe(built.backtest.evaluationRecords);
  expect(sample.heldOut.records + sample.inSample.records).toBe(result.records);
  expect(sample.heldOut.hits + sample.inSample.hits).toBe(result.hits);
  expect(sample.inSample.records).toBeGreaterThan(0);
});

test("over imported history, the build's held-out figures are the back-test of the stored draft over the same records", async () => {
  const built = await run("/profile-builds", { from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", code: "HELD-AGREE", name: "Held out, agreeing" });
  const reported = built.backtest;
  const result = await run("/backtests", { profile: { profileCode: "HELD-AGREE", version: 1 }, from: reported.evaluateFrom, to: reported.evaluateTo });
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const editor = result.profile;
  expect(reported.selected.count).toBeGreaterThan(0);
  expect({ records: result.records, hits: result.hits, selected: editor.selected, random: editor.random.selected, precision: round(editor.precision), recall: round(editor.recall) }).toEqual({
    records: reported.evaluationRecords,
    hits: reported.hits,
    selected: reported.selected.count,
    random: reported.selected.random,
    precision: reported.selected.precision,
    recall: reported.selected.recall,
  });
});

test("a version written by hand says it was built from no record", async () => {
  const result = await run("/backtests", { profile: { profileCode: "BASELINE-SEA", version: 1 } });
  expect(result.records).toBeGreaterThan(0);
  expect(result.profile.sample).toEqual({ kind: "not-built" });
});
