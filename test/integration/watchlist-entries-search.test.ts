// Reading a watchlist's entries the way the analyst screen does: a page at a
// time with a cursor, searched by value or provenance, and each entry a
// seizure put there carries that seizure and its container, unless the
// seizure is shared with another agency only.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let analyst: TestUser;
let officer: TestUser;
let otherAgencyOfficer: TestUser;
let seizureId: string;
let shipment: { id: string; container_number: string; bill_of_lading: string };

const base = () => `/v1/units/${unit.code}`;
const entries = (query: Record<string, string> = {}) =>
  request(app).get(`${base()}/watchlists/SEIZURE-PARTIES/entries`).query(query).set(bearer(analyst));

async function seize(user: TestUser, shipmentId: string, sharing: "unit" | "agency"): Promise<string> {
  const inspection = await request(app).post(`${base()}/inspections`).set(bearer(user)).send({
    shipmentId, scanned: true, physicallyExamined: true, inspectedBy: "Team 1", inspectedAt: new Date(Date.now() - 60_000).toISOString(), outcome: "seizure", sharing,
  });
  expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
  const seizure = await request(app).post(`${base()}/seizures`).set(bearer(user)).send({
    inspectionId: inspection.body.id, commodity: "cocaine", quantity: 12, quantityUnit: "kg", concealment: "in_cargo", detectionMethod: "profile",
    parties: [{ shipmentRole: "consignee" }],
  });
  expect(seizure.status, JSON.stringify(seizure.body)).toBe(201);
  return seizure.body.id as string;
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  const agency = await createTestAgency(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }], agency.code);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }], agency.code);
  otherAgencyOfficer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  // Consignees "TRADE IMPORT 0 BV" and "TRADE IMPORT 1 BV".
  const posted = await request(app).post(`${base()}/manifests`).set(bearer(officer)).send(buildManifest(2));
  expect(posted.status).toBe(202);
  const rows = await services.pool.query<{ id: string; container_number: string; bill_of_lading: string }>(
    "SELECT id, container_number, bill_of_lading FROM shipment WHERE manifest_id = $1 ORDER BY line_no",
    [posted.body.manifestId],
  );
  shipment = rows.rows[0]!;
  seizureId = await seize(officer, shipment.id, "unit");
  // Shared with the other officer's agency only: the analyst may not see this seizure.
  await seize(otherAgencyOfficer, rows.rows[1]!.id, "agency");
  const added = await request(app).post(`${base()}/watchlists/SEIZURE-PARTIES/entries`).set(bearer(analyst)).send({
    entries: [{ value: "Alpha Trading Ltd", provenance: "alert AL-7" }, { value: "Bravo Imports" }, { value: "Charlie_Co" }],
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
});
afterAll(async () => services.dispose());

describe("watchlist entries: pages, search and provenance", () => {
  test("entries from a seizure say which seizure and container; a seizure the reader may not see says nothing more", async () => {
    const res = await entries();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.nextCursor).toBeNull();
    const byDisplay = new Map(res.body.items.map((e: { display: string }) => [e.display, e]));
    expect(byDisplay.get("TRADE IMPORT 0 BV")).toMatchObject({
      provenance: `seizure:${seizureId}`,
      source: { kind: "seizure", seizureId, shipmentId: shipment.id, commodity: "cocaine", containerNumber: shipment.container_number, billOfLading: shipment.bill_of_lading },
    });
    expect(byDisplay.get("TRADE IMPORT 1 BV")).toMatchObject({ provenance: expect.stringMatching(/^seizure:/), source: null });
    // Not even the hidden seizure's id.
    expect((byDisplay.get("TRADE IMPORT 1 BV") as { provenance: string }).provenance).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(byDisplay.get("Alpha Trading Ltd")).toMatchObject({ provenance: "alert AL-7", source: null });
  });

  test("a cursor walks the list by value; the total stays the whole list", async () => {
    const all = (await entries()).body.items.map((e: { value: string }) => e.value);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await entries({ limit: "2", ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { value: string }) => e.value));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    const bad = await entries({ cursor: "not-a-cursor" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: "query.cursor", message: "not a cursor returned by this API" }]);
  });

  test("search matches the value as entered or normalised and the provenance, any case, pattern characters literally", async () => {
    const displays = async (search: string, extra: Record<string, string> = {}) => {
      const res = await entries({ search, ...extra });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return res.body.items.map((e: { display: string }) => e.display).sort();
    };
    expect(await displays("trade import")).toEqual(["TRADE IMPORT 0 BV", "TRADE IMPORT 1 BV"]);
    // Written with another legal form: found through the normalised value.
    expect(await displays("Trade Import 0 B.V.")).toEqual(["TRADE IMPORT 0 BV"]);
    expect(await displays("al-7")).toEqual(["Alpha Trading Ltd"]);
    expect(await displays(seizureId.slice(0, 8))).toEqual(["TRADE IMPORT 0 BV"]);
    expect(await displays("_")).toEqual(["Charlie_Co"]);
    expect(await displays("%")).toEqual([]);
    expect(await displays("nobody at all")).toEqual([]);
    // Search and pages together.
    const first = await entries({ search: "trade", limit: "1" });
    expect(first.body).toMatchObject({ total: 2, items: [{ display: "TRADE IMPORT 0 BV" }] });
    const second = await entries({ search: "trade", limit: "1", cursor: first.body.nextCursor });
    expect(second.body).toMatchObject({ total: 2, items: [{ display: "TRADE IMPORT 1 BV" }], nextCursor: null });
    const tooLong = await entries({ search: "x".repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].path).toBe("query.search");
  });
});
