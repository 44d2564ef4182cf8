// A seizure report shared with another unit points at that unit's
// containers: the same box, the same bill of lading, or a party of the seized
// shipment on a route from the same country, arriving around the seizure —
// also when the container arrives after the report.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { matchAlertsForShipments } from "../../core/alerts/match-alerts.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");

let services: TestServices;
let app: ReturnType<typeof createApp>;
let rotterdam: TestUnit;
let antwerp: TestUnit;
let rtmOfficer: TestUser;
let anrOfficer: TestUser;
let seized: Record<string, unknown>;
let alertId: string;

async function post(unit: TestUnit, officer: TestUser, manifest: Record<string, unknown>): Promise<Map<string, string>> {
  const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
  expect(res.status).toBe(202);
  const rows = await services.pool.query<{ id: string; bill_of_lading: string }>("SELECT id, bill_of_lading FROM shipment WHERE manifest_id = $1", [res.body.manifestId]);
  return new Map(rows.rows.map((r) => [r.bill_of_lading, r.id]));
}

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  rotterdam = await createTestUnit(services, "NLRTM");
  antwerp = await createTestUnit(services, "BEANR");
  rtmOfficer = await createTestUser(services, [{ role: "officer", unitCode: rotterdam.code }]);
  anrOfficer = await createTestUser(services, [{ role: "officer", unitCode: antwerp.code }]);
  seized = buildShipment(1, { billOfLading: "MEDUEC55500001", consignee: { name: "NORDIC FRESH IMPORTS BV", address: "Kade 4, Rotterdam", country: "NL" } });
  const rtm = await post(rotterdam, rtmOfficer, buildManifest(0, { portOfDischarge: "NLRTM", arrivalDate: "2026-12-01", shipments: [seized] }));
  const seizedId = rtm.get("MEDUEC55500001")!;
  const inspection = await request(app).post(`/v1/units/${rotterdam.code}/inspections`).set(bearer(rtmOfficer)).send({
    shipmentId: seizedId, scanned: true, physicallyExamined: true, inspectedBy: "Officer de Vries", inspectedAt: "2026-12-02T09:00:00Z", outcome: "seizure",
  });
  const seizure = await request(app).post(`/v1/units/${rotterdam.code}/seizures`).set(bearer(rtmOfficer)).send({
    inspectionId: inspection.body.id, commodity: "cocaine", quantity: 312.5, quantityUnit: "kg", concealment: "in_cargo", detectionMethod: "scanner",
  });
  expect(seizure.status).toBe(201);
  seizedSeizureId = seizure.body.id as string;
});
let seizedSeizureId: string;
afterAll(async () => services.dispose());

describe("seizure reports between units", () => {
  let antwerpIds: Map<string, string>;

  test("the receiving unit's related containers are matched, each with what it matched on", async () => {
    antwerpIds = await post(antwerp, anrOfficer, buildManifest(0, {
      arrivalDate: "2026-12-09",
      shipments: [
        // The same box, moved on to Antwerp under another bill of lading.
        buildShipment(1, { billOfLading: "ONEYAN0000001" }),
        // The seized shipment's consignee, loaded in the same country.
        buildShipment(7, { billOfLading: "ONEYAN0000002", consignee: seized.consignee }),
        // The same consignee from China: a party alone is not enough.
        buildShipment(8, { billOfLading: "ONEYAN0000003", consignee: seized.consignee, countryOfOrigin: "CN" }),
        buildShipment(9, { billOfLading: "ONEYAN0000004" }),
      ],
    }));
    // Route: the manifest loads every shipment in ECGYE; the third is rerouted from Shanghai.
    await services.pool.query("UPDATE shipment SET port_of_loading = 'CNSHA' WHERE id = $1", [antwerpIds.get("ONEYAN0000003")]);
    const sent = await request(app).post(`/v1/units/${rotterdam.code}/alerts`).set(bearer(rtmOfficer)).send({
      subject: { kind: "seizure_report" }, seizureId: seizedSeizureId, message: "312.5 kg cocaine in a banana reefer", recipients: [antwerp.code],
    });
    expect(sent.status).toBe(201);
    alertId = sent.body.id as string;
    const matches = await request(app).get(`/v1/units/${antwerp.code}/alert-matches`).set(bearer(anrOfficer)).query({ alertId });
    const byBl = new Map((matches.body.items as { billOfLading: string; matchedOn: string }[]).map((m) => [m.billOfLading, m.matchedOn]));
    expect(Object.fromEntries(byBl)).toEqual({ ONEYAN0000001: "container", ONEYAN0000002: "party_and_route" });
  });

  test("the report carries the seized shipment's B/L, route and manifest parties, though the seizure named no party", async () => {
    const seen = await request(app).get(`/v1/units/${antwerp.code}/alerts/${alertId}`).set(bearer(anrOfficer));
    expect(seen.status).toBe(200);
    const report = seen.body.seizureReport as { parties: string[]; billOfLading: string; portOfDischarge: string; shipmentParties: { role: string; name: string; country: string }[] };
    expect(report.parties).toEqual([]);
    expect(report).toMatchObject({ billOfLading: "MEDUEC55500001", portOfDischarge: "NLRTM" });
    expect(report.shipmentParties).toContainEqual({ role: "consignee", name: "NORDIC FRESH IMPORTS BV", country: "NL" });
    expect(report.shipmentParties.map((p) => p.role)).toEqual(expect.arrayContaining(["shipper", "consignee"]));
  });

  test("the matched containers are flagged in the receiving queue with the report", async () => {
    const queue = await request(app).get(`/v1/units/${antwerp.code}/shipments`).set(bearer(anrOfficer)).query({ flagged: true });
    const flagged = queue.body.items as { billOfLading: string; alerts: { fromUnit: string; matchedOn: string }[] }[];
    expect(flagged.map((i) => i.billOfLading).sort()).toEqual(["ONEYAN0000001", "ONEYAN0000002"]);
    expect(flagged.find((i) => i.billOfLading === "ONEYAN0000001")?.alerts).toEqual([expect.objectContaining({ fromUnit: rotterdam.code, matchedOn: "container" })]);
  });

  test("a container arriving after the report is matched when scored; one far outside the window is not", async () => {
    const later = await post(antwerp, anrOfficer, buildManifest(0, {
      arrivalDate: "2027-01-15",
      shipments: [buildShipment(20, { billOfLading: "MEDUEC55500001" }), buildShipment(21, { billOfLading: "ONEYAN0000009" })],
    }));
    const far = await post(antwerp, anrOfficer, buildManifest(0, { arrivalDate: "2027-09-01", shipments: [buildShipment(1, { billOfLading: "ONEYAN0000010" })] }));
    // What scoring does for every chunk it scores (core/scoring/score-shipments.ts).
    const n = await matchAlertsForShipments(services.pool, antwerp.id, [...later.values(), ...far.values()], NOW);
    expect(n).toBe(1);
    const matches = await request(app).get(`/v1/units/${antwerp.code}/alert-matches`).set(bearer(anrOfficer)).query({ alertId });
    expect((matches.body.items as { billOfLading: string; matchedOn: string }[]).find((m) => m.billOfLading === "MEDUEC55500001")).toMatchObject({ matchedOn: "bill_of_lading" });
  });
});
