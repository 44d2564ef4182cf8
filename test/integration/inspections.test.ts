// Inspection results and seizures: what officers record, who sees it, and
// a field-named error for each kind of bad input.
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
let customs: TestUser;
let police: TestUser;
let analyst: TestUser;
let shipmentIds: string[];

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  customs = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  police = await createTestUser(services, [{ role: "officer", unitCode: unit.code }], (await createTestAgency(services)).code);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(customs)).send(buildManifest(4));
  shipmentIds = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId])).rows.map((r) => r.id);
});
afterAll(async () => services.dispose());

const inspectionBody = (overrides: Record<string, unknown> = {}) => ({
  shipmentId: shipmentIds[0],
  scanned: true,
  physicallyExamined: false,
  inspectedBy: "Officer Janssens",
  inspectedAt: "2026-11-01T10:00:00Z",
  outcome: "nothing_found",
  ...overrides,
});

const seizureBody = (inspectionId: string, overrides: Record<string, unknown> = {}) => ({
  inspectionId,
  commodity: "heroin",
  quantity: 12,
  quantityUnit: "kg",
  concealment: "in_structure",
  detectionMethod: "scanner",
  ...overrides,
});

const paths = (res: request.Response) => (res.body.errors as { path: string }[]).map((e) => e.path).sort();

describe("inspections", () => {
  test("an officer records a self-selected inspection; analysts read it", async () => {
    const res = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(customs)).send(inspectionBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ selection: "self", scanned: true, physicallyExamined: false, methods: ["scan"], ownerAgency: customs.agencyCode });
    const list = await request(app).get(`/v1/units/${unit.code}/inspections`).set(bearer(analyst)).query({ shipmentId: shipmentIds[0] });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
    expect((await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(analyst)).send(inspectionBody())).status).toBe(403);
  });

  test("each bad input is named", async () => {
    const post = (body: unknown) => request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(customs)).send(body as object);
    const missing = await post({});
    expect(missing.status).toBe(400);
    expect(paths(missing)).toEqual(["inspectedAt", "inspectedBy", "outcome", "physicallyExamined", "scanned", "shipmentId"]);
    const wrong = await post(inspectionBody({ shipmentId: "nope", outcome: "found_it", inspectedAt: "yesterday", sharing: "world", extra: 1 }));
    expect(paths(wrong)).toEqual(["extra", "inspectedAt", "outcome", "sharing", "shipmentId"]);
    const nothing = await post(inspectionBody({ scanned: false }));
    expect(nothing.body.errors).toEqual([{ path: "scanned", message: expect.stringMatching(/at least one/) }]);
    const future = await post(inspectionBody({ inspectedAt: "2099-01-01T00:00:00Z" }));
    expect(future.body.errors).toEqual([{ path: "inspectedAt", message: "is in the future" }]);
    const unknown = await post(inspectionBody({ shipmentId: "00000000-0000-4000-8000-000000000000" }));
    expect(unknown.status).toBe(404);
    const badQuery = await request(app).get(`/v1/units/${unit.code}/inspections`).set(bearer(customs)).query({ from: "12/08/2026" });
    expect(paths(badQuery)).toEqual(["query.from"]);
  });

  test("an agency-only inspection and its seizure are invisible to another agency's officer", async () => {
    const recorded = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(police))
      .send(inspectionBody({ shipmentId: shipmentIds[1], outcome: "seizure", physicallyExamined: true, sharing: "agency", notes: "informant" }));
    expect(recorded.status).toBe(201);
    const id = recorded.body.id as string;
    expect((await request(app).get(`/v1/units/${unit.code}/inspections/${id}`).set(bearer(police))).status).toBe(200);
    expect((await request(app).get(`/v1/units/${unit.code}/inspections/${id}`).set(bearer(customs))).status).toBe(404);
    const customsList = await request(app).get(`/v1/units/${unit.code}/inspections`).set(bearer(customs));
    expect(customsList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const seizure = await request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(police)).send(seizureBody(id));
    expect(seizure.status).toBe(201);
    expect(seizure.body.sharing).toBe("agency");
    // The same form sent twice stores one seizure; a second, different quantity is a second seizure.
    const twice = await request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(police)).send(seizureBody(id));
    expect(twice.status).toBe(409);
    expect(twice.body.seizureId).toBe(seizure.body.id);
    expect((await request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(police)).send(seizureBody(id, { quantity: 3 }))).status).toBe(201);
    expect((await request(app).get(`/v1/units/${unit.code}/seizures/${seizure.body.id as string}`).set(bearer(customs))).status).toBe(404);
    expect((await request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(customs)).send(seizureBody(id))).status).toBe(404);
    const shipment = await request(app).get(`/v1/units/${unit.code}/shipments/${shipmentIds[1]}`).set(bearer(customs));
    expect(shipment.body.inspections).toEqual([]);
  });
});

describe("seizures", () => {
  test("a seizure needs an inspection whose outcome is seizure (409 otherwise)", async () => {
    const clean = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(customs)).send(inspectionBody({ shipmentId: shipmentIds[2] }));
    const res = await request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(customs)).send(seizureBody(clean.body.id as string));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/nothing_found/);
  });

  test("each bad input is named, and nothing is stored", async () => {
    const found = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(customs))
      .send(inspectionBody({ shipmentId: shipmentIds[3], outcome: "seizure" }));
    const post = (body: unknown) => request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(customs)).send(body as object);
    const shape = await post(seizureBody("x", { commodity: "gold", quantity: 0, quantityUnit: "bags", concealment: "pocket", detectionMethod: "luck", personsArrested: -1, parties: [{}] }));
    expect(shape.status).toBe(400);
    expect(paths(shape)).toEqual(["commodity", "concealment", "detectionMethod", "inspectionId", "parties[0].name", "personsArrested", "quantity", "quantityUnit"]);
    const both = await post(seizureBody(found.body.id as string, { parties: [{ name: "Real Name SA", shipmentRole: "shipper" }] }));
    expect(both.body.errors).toEqual([{ path: "parties[0].shipmentRole", message: "give either shipmentRole or name, not both" }]);
    // References are checked once the shape is right, all at once.
    const refs = await post(seizureBody(found.body.id as string, {
      agencies: [customs.agencyCode, "NO-SUCH-AGENCY"],
      parties: [{ shipmentRole: "shipper" }, { shipmentRole: "forwarder" }],
    }));
    expect(refs.status).toBe(400);
    expect(refs.body.errors).toEqual([
      { path: "agencies[1]", message: "unknown agency NO-SUCH-AGENCY" },
      { path: "parties[1].shipmentRole", message: "the shipment has no forwarder" },
    ]);
    const stored = await services.pool.query("SELECT count(*)::int AS n FROM seizure WHERE inspection_id = $1", [found.body.id]);
    expect(stored.rows[0]).toEqual({ n: 0 });
    const ok = await post(seizureBody(found.body.id as string, { parties: [{ shipmentRole: "shipper" }], quantity: 250, quantityUnit: "g" }));
    expect(ok.status).toBe(201);
    const listed = await request(app).get(`/v1/units/${unit.code}/seizures`).set(bearer(analyst)).query({ commodity: "heroin" });
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(ok.body.id);
  });
});
