// An analyst's recent profile builds (GET /v1/units/{unit}/profile-builds):
// the build screen lists them newest first, with who started each, its state
// and its headline figures, and reopens one by its job id. Only the unit's own
// builds: another unit's analyst is refused, and a build of another unit is
// neither listed nor readable through this unit. A bad filter names its field.
// The list is read a page at a time (limit, then the previous page's
// nextCursor), keyset on the start time and id: every build once, in order,
// even builds started in the same instant (created_at keeps milliseconds:
// times apart by microseconds are stored as one).
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let other: TestUnit;
let analyst: TestUser;
let colleague: TestUser;
let officer: TestUser;
let otherAnalyst: TestUser;
const ids: Record<string, string> = {};

const request2020 = { from: "2020-01-01", to: "2020-12-31", sources: "all" };
/** The fields of a build job's result the list reads; the rest of a real report left out. */
const buildResult = (code: string, version: number) => ({
  profile: { code, version, name: code, status: "draft", indicators: 12, learnedFrom: "2020-01-01 to the day before 2020-10-27" },
  explanation: "Learned from 540 inspected declarations",
  report: { strongest: [], indicators: Array.from({ length: 50 }, (_, i) => ({ code: `IND_${i}` })) },
  backtest: { evaluateFrom: "2020-10-27", evaluateTo: "2020-12-31", buildRecords: 480, evaluationRecords: 120, hits: 18, selected: { count: 12, share: 0.1, precision: 0.75, recall: 0.5 } },
});

async function insertJob(unitId: string, kind: string, status: string, createdBy: string | null, minutesAgo: number, result: unknown = null, error: string | null = null): Promise<string> {
  const inserted = await services.pool.query<{ id: string }>(
    `INSERT INTO analysis_job (id, unit_id, kind, status, progress, params, result, error, created_by, created_at, finished_at)
     VALUES (gen_random_uuid(), $1, $2::analysis_kind, $3::analysis_status, $4, $5, $6, $7, $8, now() - make_interval(mins => $9), CASE WHEN $3 IN ('succeeded', 'failed') THEN now() - make_interval(mins => $9 - 1) END)
     RETURNING id`,
    [unitId, kind, status, status === "succeeded" ? 1 : status === "running" ? 0.4 : 0, JSON.stringify(request2020), result === null ? null : JSON.stringify(result), error, createdBy, minutesAgo],
  );
  return inserted.rows[0]!.id;
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services, "BEANR");
  other = await createTestUnit(services, "NLRTM");
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  colleague = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  otherAnalyst = await createTestUser(services, [{ role: "analyst", unitCode: other.code }]);
  ids.succeeded = await insertJob(unit.id, "build", "succeeded", analyst.id, 50, buildResult("LEARNED-A", 1));
  ids.failed = await insertJob(unit.id, "build", "failed", colleague.id, 40, { failure: { code: "build.noHits", params: { records: 7, from: "2020-01-01", to: "2020-12-31" } } }, "none of the 7 inspected records found anything");
  ids.backtest = await insertJob(unit.id, "backtest", "succeeded", analyst.id, 30, { records: 10 });
  ids.running = await insertJob(unit.id, "build", "running", colleague.id, 20, { phase: "scoring" });
  ids.otherUnits = await insertJob(other.id, "build", "succeeded", otherAnalyst.id, 10, buildResult("THEIRS", 1));
});

afterAll(async () => services.dispose());

const list = (path: string, who: TestUser = analyst) => request(app).get(`/v1/units/${unit.code}/profile-builds${path}`).set(bearer(who));

describe("a unit's recent profile builds", () => {
  test("newest first, builds only, each with who started it, its state and its headline figures", async () => {
    // A build asked for now comes first, queued, started by the analyst who asked.
    const started = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2020-01-01", to: "2020-06-30", code: "LEARNED-B" });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    ids.queued = started.body.jobId as string;

    const res = await list("").expect(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((b) => b.id)).toEqual([ids.queued, ids.running, ids.failed, ids.succeeded]);
    expect(items[0]).toMatchObject({ status: "queued", startedBy: { username: analyst.username }, request: { from: "2020-01-01", to: "2020-06-30", code: "LEARNED-B" }, headline: null, failure: null });
    expect(items[1]).toMatchObject({ status: "running", progress: 0.4, startedBy: { username: colleague.username }, headline: null });
    expect(items[2]).toMatchObject({ status: "failed", failure: { code: "build.noHits", params: { records: 7 } }, error: "none of the 7 inspected records found anything", headline: null });
    expect(items[3]).toMatchObject({
      status: "succeeded",
      startedBy: { username: analyst.username, displayName: analyst.username },
      request: request2020,
      headline: { profileCode: "LEARNED-A", version: 1, evaluationRecords: 120, hits: 18, precision: 0.75, recall: 0.5 },
      failure: null,
    });
    expect(Date.parse(items[3]!.createdAt as string)).toBeLessThan(Date.parse(items[2]!.createdAt as string));
    // The headline, not the report: a long list stays small.
    expect(JSON.stringify(res.body)).not.toContain("IND_0");

    expect((await list("?limit=2").expect(200)).body.items.map((b: { id: string }) => b.id)).toEqual([ids.queued, ids.running]);
    expect((await list("?status=succeeded").expect(200)).body.items.map((b: { id: string }) => b.id)).toEqual([ids.succeeded]);
    // The screen reopens a listed build by its job id.
    const job = await request(app).get(`/v1/units/${unit.code}/analysis-jobs/${ids.succeeded}`).set(bearer(analyst)).expect(200);
    expect(job.body.result.profile.code).toBe("LEARNED-A");
  });

  test("a page at a time: nextCursor continues after the last build shown, null on the last page; the status filter holds across pages", async () => {
    const first = (await list("?limit=3").expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
    expect(first.items.map((b) => b.id)).toEqual([ids.queued, ids.running, ids.failed]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await list(`?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`).expect(200)).body as typeof first;
    expect(second.items.map((b) => b.id)).toEqual([ids.succeeded]);
    expect(second.nextCursor).toBeNull();
    // Everything on one page: no cursor.
    expect((await list("?limit=20").expect(200)).body.nextCursor).toBeNull();
    // A filter and its cursor: the next page of the same filter.
    const done = (await list("?limit=1&status=failed").expect(200)).body as typeof first;
    expect(done.items.map((b) => b.id)).toEqual([ids.failed]);
    expect(done.nextCursor).toBeNull();
  });

  test("paging visits every build once, in order, when start times tie (also once stored: the column keeps milliseconds)", async () => {
    const paged = await createTestUnit(services, "BEANR");
    const starts = ["2026-03-01 10:00:00.123456+00", "2026-03-01 10:00:00.123456+00", "2026-03-01 10:00:00.123401+00", "2026-03-01 10:00:00.123+00", "2026-02-28 09:00:00+00"];
    const made: { id: string; at: string }[] = [];
    for (const at of starts) {
      const inserted = await services.pool.query<{ id: string }>(
        `INSERT INTO analysis_job (id, unit_id, kind, status, params, created_by, created_at) VALUES (gen_random_uuid(), $1, 'build', 'queued', $2, $3, $4::timestamptz) RETURNING id`,
        [paged.id, JSON.stringify(request2020), analyst.id, at],
      );
      made.push({ id: inserted.rows[0]!.id, at });
    }
    const pagedAnalyst = await createTestUser(services, [{ role: "analyst", unitCode: paged.code }]);
    const whole = (await request(app).get(`/v1/units/${paged.code}/profile-builds?limit=100`).set(bearer(pagedAnalyst)).expect(200)).body.items.map((b: { id: string }) => b.id) as string[];
    expect([...whole].sort()).toEqual(made.map((m) => m.id).sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = cursor === null ? "?limit=1" : `?limit=1&cursor=${encodeURIComponent(cursor)}`;
      const body = (await request(app).get(`/v1/units/${paged.code}/profile-builds${query}`).set(bearer(pagedAnalyst)).expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((b) => b.id));
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(whole);
  });

  test("a cursor this API did not give is refused naming query.cursor, whatever is wrong with it", async () => {
    const encoded = (value: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64url"));
    for (const cursor of [
      "not-a-cursor",
      encoded(["yesterday", "not-an-id"]),
      encoded(["2026-13-45T99:00:00.000000Z", "00000000-0000-4000-8000-000000000000"]),
      encoded({ createdAt: "2026-03-01T10:00:00.123456Z", id: "00000000-0000-4000-8000-000000000000" }),
      encoded(["2026-03-01T10:00:00.123456Z", "00000000-0000-4000-8000-000000000000", "extra"]),
    ]) {
      const res = await list(`?cursor=${cursor}`);
      expect(res.status, `${cursor} ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.errors, cursor).toEqual([{ path: "query.cursor", message: "not a cursor returned by this API" }]);
    }
    // Longer than any cursor given: refused before it is decoded.
    const long = await list(`?cursor=${"x".repeat(401)}`);
    expect(long.status).toBe(400);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(["query.cursor"]);
  });

  test("bad query values are refused naming the field", async () => {
    for (const [query, path] of [
      ["?limit=0", "query.limit"],
      ["?limit=101", "query.limit"],
      ["?limit=ten", "query.limit"],
      ["?limit=2.5", "query.limit"],
      ["?status=done", "query.status"],
      ["?kind=backtest", "query.kind"],
    ] as const) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), query).toEqual([path]);
    }
  });

  test("only the unit's own builds: another unit's analyst is refused, an officer too, and another unit's build is not reachable here", async () => {
    // Another unit's analyst: the unit is none of theirs (404, so it does not leak that it exists).
    expect((await list("", otherAnalyst)).status).toBe(404);
    // An officer of the unit: not an analyst's list.
    expect((await list("", officer)).status).toBe(403);
    // Their own list holds their build only.
    const theirs = await request(app).get(`/v1/units/${other.code}/profile-builds`).set(bearer(otherAnalyst)).expect(200);
    expect(theirs.body.items.map((b: { id: string }) => b.id)).toEqual([ids.otherUnits]);
    // The other unit's build through this unit, as a link with its id would ask: not found.
    expect((await request(app).get(`/v1/units/${unit.code}/analysis-jobs/${ids.otherUnits}`).set(bearer(analyst))).status).toBe(404);
    expect((await request(app).get(`/v1/units/${other.code}/analysis-jobs/${ids.otherUnits}`).set(bearer(analyst))).status).toBe(404);
  });
});
