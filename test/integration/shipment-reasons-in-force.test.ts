// What the container page and the queue's search hint tell an officer, on
// real PostgreSQL and Redis with the worker pool scoring:
// - after a re-score, the reasons are the version in force's, listed first
//   even when the retired version scored higher, and the retired version's
//   assessment says it is retired and since when (the page once listed every
//   version's assessment by score, the retired one first, unmarked);
// - a container only in the unit's imported history (no scoring state, never
//   queued) is not "no shipment of this unit": the hint says it is a past
//   shipment and gives the id of its page;
// - the manifest list says which manifests have containers in the queue
//   (inQueue), so the queue's manifest filter offers no past voyage.
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

const CODE = "FRUIT-GYE";
/** The contract's history example's first line: a banana reefer from Cartagena, inspected, cocaine found (MSKU9070323, B/L MAEU231004417). */
const HISTORY_LINE = readFileSync(new URL("../../fixtures/contract/history.example.jsonl", import.meta.url), "utf8").trim().split("\n")[0]!;

/** Loaded at Guayaquil: 50 points; fresh bananas (0803): 20 more. Version 2 gives the route 10 points only. */
function profile(routePoints: number) {
  return {
    language: "portcullis/profile@1",
    code: CODE,
    name: "Cocaine in fruit from source ports",
    target: { kind: "commodity", commodity: "cocaine" },
    thresholds: { high: 60, medium: 40, low: 20, select: 60 },
    indicators: [
      { code: "SRC", label: "Loaded in a source port", points: routePoints, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } },
      { code: "FRUIT", label: "Fresh fruit", points: 20, when: { op: "hsPrefix", prefixes: ["0803"] } },
    ],
  };
}

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;
let unit: TestUnit;
let officer: TestUser;
let analyst: TestUser;
let manifestId: string;

async function scoredBy(versionId: string, containers: number) {
  await waitFor(async () => {
    const r = await services.pool.query<{ assessed: number; open: number }>(
      `SELECT (SELECT count(*)::int FROM assessment WHERE profile_version_id = $2) AS assessed,
              (SELECT count(*)::int FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = $1 AND st.status <> 'scored') AS open`,
      [manifestId, versionId],
    );
    return r.rows[0]!.assessed === containers && r.rows[0]!.open === 0;
  }, { what: "scoring", timeoutMs: 60_000 });
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  workers = startWorkerPool(services);
  unit = await createTestUnit(services, "BEANR");
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  const v1 = await installProfile(services, unit.id, profile(50), { activate: true, createdBy: "test" });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(4, { arrivalDate: tomorrow, departureDate: tomorrow }));
  expect(posted.status).toBe(202);
  manifestId = posted.body.manifestId as string;
  await scoredBy(v1.versionId, 4);
  const v2 = await installProfile(services, unit.id, profile(10), { activate: false, createdBy: "test" });
  const activated = await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" }, { profileCode: CODE, version: v2.version }, { rescoreUpcoming: true }, { name: "test" });
  expect(activated.shipmentsRescored).toBe(4);
  await scoredBy(v2.versionId, 4);
}, 120_000);
afterAll(async () => {
  await workers?.close();
  await services?.dispose();
});

interface AssessmentView {
  profile: { code: string; version: number; status: string; retiredAt: string | null };
  inForce: boolean;
  score: number;
}

describe("the container page after a re-score", () => {
  test("the version in force comes first as the reasons; the retired one, though it scored higher, follows, marked retired and since when", async () => {
    const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows;
    for (const { id } of ids) {
      const res = await request(app).get(`/v1/units/${unit.code}/shipments/${id}`).set(bearer(officer));
      expect(res.status).toBe(200);
      const mine = (res.body.assessments as AssessmentView[]).filter((a) => a.profile.code === CODE);
      expect(mine.map((a) => [a.profile.version, a.inForce, a.profile.status])).toEqual([[2, true, "active"], [1, false, "retired"]]);
      // The retired version scored higher: it may not come first, as it did when the page sorted by score alone.
      expect(mine[1]!.score).toBeGreaterThan(mine[0]!.score);
      expect(mine[0]!.profile.retiredAt).toBeNull();
      expect(Date.parse(mine[1]!.profile.retiredAt!)).not.toBeNaN();
      // Every version in force comes before every retired one, whatever the profile.
      const flags = (res.body.assessments as AssessmentView[]).map((a) => a.inForce);
      expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
      // The page's score is the one the version in force gave, as in the queue.
      expect(res.body.scoring.score).toBe(Math.max(...(res.body.assessments as AssessmentView[]).filter((a) => a.inForce).map((a) => a.score)));
    }
  });
});

describe("searching the queue for a container only in the unit's history", () => {
  beforeAll(async () => {
    const res = await request(app).post(`/v1/units/${unit.code}/history-imports`).query({ format: "manifest-jsonl" }).set(bearer(analyst))
      .set("Content-Type", "application/x-ndjson").send(`${HISTORY_LINE}\n`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const importId = res.body.importId as string;
    const done = await waitFor(async () => {
      const got = await request(app).get(`/v1/units/${unit.code}/history-imports/${importId}`).set(bearer(analyst));
      return got.body.status === "succeeded" || got.body.status === "failed" ? (got.body as { status: string }) : undefined;
    }, { what: "history import", timeoutMs: 60_000 });
    expect(done?.status).toBe("succeeded");
  }, 90_000);

  const search = (query: Record<string, string>) => request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(officer)).query(query);

  test("the hint says it is a past shipment of the unit, not in the queue, and gives its page's id", async () => {
    for (const containerNumber of ["MSKU9070323", "msku 907"]) {
      const res = await search({ containerNumber });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
      expect(res.body.hint).toMatchObject({ reason: "inHistoryOnly", field: "containerNumber", pastMatches: 1, pastMatchesCapped: false });
      expect(res.body.hint.message).not.toMatch(/no shipment of this unit/);
      const [past] = res.body.hint.pastShipments as { id: string; containerNumber: string; billOfLading: string; arrivalDate: string }[];
      expect(past).toMatchObject({ containerNumber: "MSKU9070323", billOfLading: "MAEU231004417", arrivalDate: "2025-03-17" });
      // Its page opens: the officer can read what was found in it.
      const page = await request(app).get(`/v1/units/${unit.code}/shipments/${past!.id}`).set(bearer(officer));
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ containerNumber: "MSKU9070323", scoring: null });
    }
  });

  test("a bill of lading only in the history gets the same answer; a number nowhere is still 'no match'; another unit learns nothing", async () => {
    expect((await search({ billOfLading: "maeu2310" })).body.hint).toMatchObject({ reason: "inHistoryOnly", field: "billOfLading", pastMatches: 1 });
    expect((await search({ containerNumber: "MSKU9070339" })).body.hint).toMatchObject({ reason: "noMatch" });
    const other = await createTestUnit(services, "BEANR");
    const stranger = await createTestUser(services, [{ role: "officer", unitCode: other.code }]);
    const res = await request(app).get(`/v1/units/${other.code}/shipments`).set(bearer(stranger)).query({ containerNumber: "MSKU9070323" });
    expect(res.body.hint).toMatchObject({ reason: "noMatch" });
  });
});

describe("the manifest list says which manifests are in the queue", () => {
  test("the live manifest is; a past voyage of the unit's history (shipments without scoring state, as the demo loads them) is not", async () => {
    const past = (await services.pool.query<{ id: string }>(
      `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipment_count, content_hash)
       VALUES (gen_random_uuid(), $1, 'MAEU-PAST-0001', 'sea', 'MAERSK ESSEN', '101W', 'ECGYE', '{}', 'BEANR', '2026-03-02', 1, 'past-voyage') RETURNING id`,
      [unit.id],
    )).rows[0]!.id;
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, manifest_id, line_no, bill_of_lading, container_number, transport_mode, port_of_loading,
         transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
       VALUES (gen_random_uuid(), $1, 'manifest', $2, 0, 'MAEUPAST0', 'HLBU5257845', 'sea', 'ECGYE', '{}', 'BEANR', '2026-03-02', '{}', ARRAY['080390'], 'bananas')`,
      [unit.id, past],
    );
    const res = await request(app).get(`/v1/units/${unit.code}/manifests`).set(bearer(officer));
    expect(res.status).toBe(200);
    const inQueue = Object.fromEntries((res.body.items as { id: string; inQueue: boolean }[]).map((m) => [m.id, m.inQueue]));
    expect(inQueue).toEqual({ [manifestId]: true, [past]: false });
  });
});
