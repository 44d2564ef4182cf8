// Dry-run of a profile on the unit's latest manifest shipments (the editor's
// "sample of recent shipments"), on real PostgreSQL: latest arrival first,
// only the unit's own manifest shipments, one target per request.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let analyst: TestUser;
let officer: TestUser;
let older: string[];
let newer: string[];

const profileDoc = {
  language: "portcullis/profile@1",
  code: "COC-RECENT",
  name: "Cocaine in fruit from source ports",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20, select: 60 },
  indicators: [
    { code: "SRC", label: "Loaded in a source port", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } },
    { code: "FRUIT", label: "Fresh fruit", points: 20, when: { op: "hsPrefix", prefixes: ["0803"] } },
  ],
};

const base = () => `/v1/units/${unit.code}/profiles`;
const post = (user: TestUser, path: string, body: unknown) => request(app).post(`${base()}${path}`).set(bearer(user)).send(body as object);

async function ingest(manifest: Record<string, unknown>): Promise<string[]> {
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
  expect(posted.status).toBe(202);
  const rows = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId]);
  return rows.rows.map((r) => r.id);
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createUnitWithBaseline(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  older = await ingest(buildManifest(4, { arrivalDate: "2026-10-02", departureDate: "2026-09-15", manifestFiledAt: "2026-09-14T10:00:00Z" }));
  // Loaded in Cartagena, not a source port of this profile: only bananas score (20 points, low).
  newer = await ingest(buildManifest(3, { portOfLoading: "COCTG", arrivalDate: "2026-12-08" }));
  expect((await post(analyst, "", profileDoc)).status).toBe(201);
});

afterAll(async () => {
  await services.dispose();
});

describe("dry-run on recent shipments", () => {
  test("scores the latest manifest shipments, latest arrival first, with a band summary", async () => {
    const res = await post(analyst, "/COC-RECENT/versions/1/dry-run", { recent: { limit: 5 } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { shipmentId: string }) => r.shipmentId)).toEqual([...newer, ...older.slice(0, 2)]);
    expect(res.body.results[0]).toMatchObject({ arrivalDate: "2026-12-08", billOfLading: expect.stringMatching(/^MEDUEC/), score: 20, band: "low", selected: false });
    expect(res.body.results[3]).toMatchObject({ arrivalDate: "2026-10-02", score: 70, band: "high", selected: true, indicators: [{ code: "SRC" }, { code: "FRUIT" }] });
    expect(res.body.summary).toEqual({ shipments: 5, applicable: 5, selected: 1, random: 0, byBand: { high: 1, medium: 1, low: 1, none: 2 } });
  });

  test("an unsaved document too; the default sample takes every recent shipment up to 200", async () => {
    const res = await post(analyst, "/dry-run", { definition: { ...profileDoc, thresholds: { high: 50, medium: 40, low: 20 } }, recent: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: null, summary: { shipments: 7, selected: 4 } });
  });

  test("another unit's shipments are never in the sample", async () => {
    const other = await createUnitWithBaseline(services);
    const otherAnalyst = await createTestUser(services, [{ role: "analyst", unitCode: other.code }]);
    const res = await request(app).post(`/v1/units/${other.code}/profiles/dry-run`).set(bearer(otherAnalyst)).send({ definition: profileDoc, recent: { limit: 1000 } });
    expect(res.status).toBe(200);
    expect(res.body.summary.shipments).toBe(0);
    expect(res.body.results).toEqual([]);
  });

  test("one target per request, a bounded sample, analysts only", async () => {
    const both = await post(analyst, "/COC-RECENT/versions/1/dry-run", { recent: { limit: 5 }, shipmentId: newer[0] });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ path: "shipmentId", message: "give one of shipmentId, sample or recent" }]);
    const tooMany = await post(analyst, "/COC-RECENT/versions/1/dry-run", { recent: { limit: 1001 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ path: "recent.limit", message: "at most 1000" }]);
    expect((await post(officer, "/COC-RECENT/versions/1/dry-run", { recent: { limit: 5 } })).status).toBe(403);
  });
});
