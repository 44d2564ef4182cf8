// Issue 15, item 5: a back-test says which records a version learned from.
// A draft built from the unit's history reports its figures on the records
// it never saw (held-out, first) apart from those on its own training records
// (in-sample); a hand-written version says it was built from none. The built
// draft names its author by user name, not by id.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { declarationsCsv, plantedHistory } from "../helpers/declarations-csv.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;
let unit: TestUnit;
let analyst: TestUser;

async function job(id: string) {
  return waitFor(async () => {
    const res = await request(app).get(`/v1/units/${unit.code}/analysis-jobs/${id}`).set(bearer(analyst));
    return res.body.status === "succeeded" || res.body.status === "failed" ? res.body : undefined;
  }, { what: `analysis job ${id}`, timeoutMs: 90_000 });
}

async function run(path: string, body: object) {
  const res = await request(app).post(`/v1/units/${unit.code}${path}`).set(bearer(analyst)).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const done = await job(res.body.jobId as string);
  expect(done.status, done.error).toBe("succeeded");
  return done.result;
}

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "20" });
  app = createApp(services);
  workers = startWorkerPool(services);
  unit = await createUnitWithBaseline(services, "KRINC");
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  const imported = await request(app)
    .post(`/v1/units/${unit.code}/history-imports`)
    .query({ format: "customs-declarations" })
    .set(bearer(analyst))
    .set("Content-Type", "text/csv")
    .send(declarationsCsv(plantedHistory(1500, 300)));
  expect(imported.status).toBe(202);
  await job(imported.body.jobId as string);
}, 180_000);
afterAll(async () => {
  await workers.close();
  await services.dispose();
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
