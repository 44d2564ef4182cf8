// The profile builder as an analyst job, end to end on real PostgreSQL and
// Redis: a synthetic labelled year is imported through the API, a build is
// asked for, and the worker pool stores a DRAFT version whose report names
// the planted pattern. The evaluation period never reaches the builder.
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

const job = (id: string) => setup.job(id);

beforeAll(async () => {
  setup = await startAnalysisWithHistory({ locode: "KRINC", baseline: false, records: 3000, expensiveRateLimit: 6, jobTimeoutMs: 60_000 });
  ({ services, app, unit, analyst } = setup);
});
afterAll(async () => {
  await setup?.close();
});

test("a build job stores a draft version and reports the planted pattern with held-out metrics", async () => {
  const res = await request(app)
    .post(`/v1/units/${unit.code}/profile-builds`)
    .set(bearer(analyst))
    .send({ from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", code: "LEARNED-TEST", name: "Learned in test" });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const done = await job(res.body.jobId as string);
  expect(done.status, done.error).toBe("succeeded");
  const result = done.result;
  expect(result.profile).toMatchObject({ code: "LEARNED-TEST", status: "draft", version: 1 });
  expect(result.explanation).toEqual(expect.any(String));
  const strongest = result.report.strongest.map((e: { text: string }) => e.text).join("\n");
  expect(strongest).toMatch(/BADCO01/);
  // Held out: 2020-10-27 onwards, never given to the builder.
  expect(result.backtest.evaluateFrom).toBe("2020-10-27");
  expect(result.report.history.to < "2020-10-27").toBe(true);
  expect(result.backtest.buildRecords + result.backtest.evaluationRecords).toBe(3000);
  expect(result.backtest.precisionAtTop["5%"]).toBeGreaterThan(0.6);

  const version = await services.pool.query<{ status: string; definition: unknown }>("SELECT status, definition FROM profile_version WHERE id = $1", [result.profile.versionId]);
  expect(version.rows[0]!.status).toBe("draft");
  const definition = JSON.stringify(version.rows[0]!.definition);
  expect(definition).toContain("BADCO01");
  // LATECO9 only appears from day 300 (2020-10-27): a leak would put it in the profile.
  expect(definition).not.toContain("LATECO9");
  const active = await services.pool.query("SELECT 1 FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND v.status = 'active'", [unit.id]);
  expect(active.rowCount).toBe(0);
});

test("refitOnAll stores a profile learned from the whole range, the back-test still held out", async () => {
  const res = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", code: "LEARNED-TEST", refitOnAll: true });
  const done = await job(res.body.jobId as string);
  expect(done.status, done.error).toBe("succeeded");
  expect(done.result.profile.version).toBe(2);
  expect(done.result.report.history.to).toBe("2020-12-31");
  expect(done.result.backtest.note).toMatch(/refitted/);
});

test("bad requests name the field; an empty range fails the job with a clear message; builds are rate-limited", async () => {
  const bad = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2020-13-01", to: "2020-01-01", evaluateFrom: "2019-01-01", colour: 1 });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["colour", "evaluateFrom", "from", "to"]);
  const order = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2020-06-01", to: "2020-01-01" });
  expect(order.body.errors[0]).toMatchObject({ path: "to", message: "must not be before from" });

  const empty = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2015-01-01", to: "2015-12-31" });
  expect(empty.status).toBe(202);
  const failed = await job(empty.body.jobId as string);
  expect(failed.status).toBe("failed");
  expect(failed.error).toMatch(/no inspected shipments between 2015-01-01 and 2015-12-31/);

  // A fresh token: the limit (6 per minute here) counts before validation; a
  // window boundary in the middle at most doubles the calls needed.
  const eager = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  const statuses: number[] = [];
  for (let i = 0; i < 13 && !statuses.includes(429); i += 1) {
    statuses.push((await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(eager)).send({})).status);
  }
  expect(statuses).toContain(429);
  expect(statuses.filter((status) => status !== 400 && status !== 429)).toEqual([]);
});
