// A unit's past manifests with their outcomes, imported as they are
// (format manifest-jsonl) through the API upload and the worker pool, on real
// PostgreSQL and Redis: every contract field stored and read back as the
// scorer sees it, the outcome with its selection, commodity and quantity,
// uninspected lines kept as context, hostile lines refused by field while good
// lines stay, re-imports adding nothing; and a custom CSV mapping filling the
// contract fields a manifest line has.
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { loadShipmentInputs, toShipmentInput } from "../../core/scoring/shipment-input.js";
import type { ShipmentInput } from "../../profiling/shipment.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

const example = readFileSync(new URL("../../fixtures/contract/history.example.jsonl", import.meta.url), "utf8");
const [bananaLine, furnitureLine] = example.trim().split("\n") as [string, string];
const banana = JSON.parse(bananaLine) as Record<string, unknown>;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;

beforeAll(() => {
  services = createTestServices();
  app = createApp(services);
  workers = startWorkerPool(services);
});
afterAll(async () => {
  await workers.close();
  await services.dispose();
});

async function analystUnit(): Promise<{ unit: TestUnit; analyst: TestUser }> {
  const unit = await createTestUnit(services, "BEANR");
  return { unit, analyst: await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]) };
}

function upload(who: { unit: TestUnit; analyst: TestUser }, body: string, query: Record<string, string> = { format: "manifest-jsonl" }, contentType = "application/x-ndjson") {
  return request(app).post(`/v1/units/${who.unit.code}/history-imports`).query(query).set(bearer(who.analyst)).set("Content-Type", contentType).send(body);
}

async function imported(who: { unit: TestUnit; analyst: TestUser }, body: string, query?: Record<string, string>, contentType?: string) {
  const res = await upload(who, body, query, contentType);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const importId = res.body.importId as string;
  const done = await waitFor(async () => {
    const got = await request(app).get(`/v1/units/${who.unit.code}/history-imports/${importId}`).set(bearer(who.analyst));
    return got.body.status === "succeeded" || got.body.status === "failed" ? got.body : undefined;
  }, { what: `history import ${importId}`, timeoutMs: 60_000 });
  return { importId, done };
}

/** A line of the contract's banana example with some fields replaced (undefined removes one). */
function line(changes: Record<string, unknown>): string {
  const copy = structuredClone(banana);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return JSON.stringify(copy);
}

interface StoredInspection {
  external_ref: string;
  outcome: string;
  commodity: string | null;
  selection: string | null;
  seized_quantity: number | null;
  seized_unit: string | null;
  inspected_at: Date;
}

async function inspections(importId: string): Promise<StoredInspection[]> {
  const found = await services.pool.query<StoredInspection>(
    `SELECT s.external_ref, i.outcome, i.commodity, i.selection, i.seized_quantity, i.seized_unit, i.inspected_at
       FROM shipment s JOIN inspection i ON i.shipment_id = s.id WHERE s.history_import_id = $1 ORDER BY s.external_ref`,
    [importId],
  );
  return found.rows;
}

/** The stored shipments of an import as the scorer reads them, by external ref. */
async function readBack(importId: string): Promise<Map<string, ShipmentInput>> {
  const ids = await services.pool.query<{ id: string; external_ref: string }>("SELECT id, external_ref FROM shipment WHERE history_import_id = $1", [importId]);
  const client = await services.pool.connect();
  try {
    const loaded = await loadShipmentInputs(client, ids.rows.map((r) => r.id));
    const refOf = new Map(ids.rows.map((r) => [r.id, r.external_ref]));
    return new Map(loaded.map((l) => [refOf.get(l.id)!, toShipmentInput(l.row)]));
  } finally {
    client.release();
  }
}

describe("manifest-jsonl", () => {
  test("the contract's examples and more: every field stored, outcomes with selection, commodity and quantity; uninspected lines are context", async () => {
    const who = await analystUnit();
    const lines = [
      bananaLine,
      furnitureLine,
      // An officer's own choice, a cannabis find: stored as selection 'self'.
      line({ billOfLading: "MAEU231004418", containerNumber: "CSQU3054383", sealNumbers: ["ML-4471024", "ML-4471025"], houseBillOfLading: "ANDES-HB-0042",
        outcome: { inspected: true, hit: true, commodity: "cannabis", quantity: { value: 1200, unit: "kg" }, selectedBy: "officer" } }),
      // Intelligence-led, nothing found; every optional field null.
      line({ billOfLading: "MAEU231004419", containerNumber: "MEDU7345671", carrier: null, vessel: null, departureDate: null, notifyParty: null, forwarder: null,
        netWeightKg: null, attributes: null, freightTerms: null, outcome: { inspected: true, hit: false, commodity: null, quantity: null, selectedBy: "intelligence", inspectedAt: null } }),
      // Not inspected: context for party sightings and value medians, no inspection.
      line({ billOfLading: "MAEU231004420", containerNumber: "HLXU8231749", arrivalDate: "2025-01-10", departureDate: "2024-12-26", outcome: { inspected: false } }),
      line({ billOfLading: "MAEU231004421", containerNumber: "TGHU6112833", arrivalDate: "2025-01-11", departureDate: "2024-12-27", outcome: null }),
      // Selection unknown: stored as NULL. An air waybill on a flight, a unit load device.
      JSON.stringify({ manifestRef: "KL0751-UIO-AMS-20250301", transportMode: "air", carrier: { scac: "KL", name: "KLM Cargo" }, flightNumber: "KL0751",
        portOfLoading: "ECUIO", portOfDischarge: "NLAMS", departureDate: "2025-03-01", arrivalDate: "2025-03-02", billOfLading: "074-86852695",
        containerNumber: "PMC30462KL", shipper: { name: "ECUAGYPSO S.A.", country: "EC", id: "1791887410001" }, hsCodes: ["060311"],
        goodsDescription: "FRESH CUT ROSES", grossWeightKg: 1180, outcome: { inspected: true, hit: false, selectedBy: "unknown" } }),
    ];
    const { importId, done } = await imported(who, lines.join("\n") + "\n");
    expect(done, JSON.stringify(done.errors)).toMatchObject({ status: "succeeded", counts: { total: 7, imported: 7, duplicate: 0, rejected: 0 } });

    const stored = await readBack(importId);
    const reefer = stored.get("MAEU231004417/MSKU9070323")!;
    expect(reefer).toMatchObject({
      transportMode: "sea", manifestRef: "MAEU-312W-COCTG-0007", carrierScac: "MAEU", vesselImo: "9619907", vesselName: "MAERSK ESSEN", voyage: "312W",
      portOfLoading: "COCTG", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR", departureDate: "2025-03-02", arrivalDate: "2025-03-17",
      billOfLading: "MAEU231004417", containerNumber: "MSKU9070323", containerType: "45R1", sealNumbers: ["ML-4471023"], isEmpty: false,
      hsCodes: ["080390"], goodsDescription: "FRESH BANANAS", packages: 1080, packageType: "CT", grossWeightKg: 21450, netWeightKg: 19980,
      declaredValue: 18200, currency: "USD", countryOfOrigin: "CO", freightTerms: "collect", attributes: { sealChangedAfterLoading: true },
      shipper: { name: "FRUTAS DEL CARIBE S.A.S.", address: "Cra 3 #8-129, Cartagena", country: "CO", id: "CO900123456" },
      consignee: { name: "VERSHANDEL NOORD BV", country: "BE", id: "BE0456123789" },
      forwarder: { name: "ANDES FREIGHT", country: "CO", id: "CO800765432" },
    });
    expect(reefer.notify).toBeUndefined();
    expect(stored.get("MAEU231004418/CSQU3054383/ANDES-HB-0042")).toMatchObject({ houseBillOfLading: "ANDES-HB-0042", sealNumbers: ["ML-4471024", "ML-4471025"] });
    const bare = stored.get("MAEU231004419/MEDU7345671")!;
    expect(bare).toMatchObject({ manifestRef: "MAEU-312W-COCTG-0007", attributes: {} });
    expect([bare.carrierScac, bare.vesselImo, bare.departureDate, bare.forwarder, bare.netWeightKg, bare.freightTerms]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(stored.get("CMDUSHA1180022/CMAU4720195")).toMatchObject({ containerType: "42G1", freightTerms: "prepaid", packageType: "PK", transshipmentPorts: [] });
    expect(stored.get("074-86852695/PMC30462KL")).toMatchObject({ transportMode: "air", carrierScac: "KL", manifestRef: "KL0751-UIO-AMS-20250301", departureDate: "2025-03-01" });
    const voyage = await services.pool.query<{ voyage: unknown }>("SELECT voyage FROM shipment WHERE history_import_id = $1 AND external_ref = $2", [importId, "074-86852695/PMC30462KL"]);
    expect(voyage.rows[0]!.voyage).toMatchObject({ flightNumber: "KL0751", carrierName: "KLM Cargo" });

    expect(await inspections(importId)).toEqual([
      { external_ref: "074-86852695/PMC30462KL", outcome: "nothing_found", commodity: null, selection: null, seized_quantity: null, seized_unit: null, inspected_at: new Date("2025-03-02T00:00:00Z") },
      { external_ref: "CMDUSHA1180022/CMAU4720195", outcome: "nothing_found", commodity: null, selection: "random", seized_quantity: null, seized_unit: null, inspected_at: new Date("2025-03-19T00:00:00Z") },
      { external_ref: "MAEU231004417/MSKU9070323", outcome: "seizure", commodity: "cocaine", selection: "profile", seized_quantity: 212.4, seized_unit: "kg", inspected_at: new Date("2025-03-18T00:00:00Z") },
      { external_ref: "MAEU231004418/CSQU3054383/ANDES-HB-0042", outcome: "seizure", commodity: "cannabis", selection: "self", seized_quantity: 1200, seized_unit: "kg", inspected_at: new Date("2025-03-17T00:00:00Z") },
      { external_ref: "MAEU231004419/MEDU7345671", outcome: "nothing_found", commodity: null, selection: "intelligence", seized_quantity: null, seized_unit: null, inspected_at: new Date("2025-03-17T00:00:00Z") },
    ]);
    // The shipper was first seen on the earliest line's date (an uninspected one), not on the upload day.
    const sighting = await services.pool.query<{ first_seen_at: Date; shipments: number }>(
      "SELECT s.first_seen_at, s.shipments FROM party_sighting s JOIN party p ON p.id = s.party_id WHERE s.unit_id = $1 AND p.external_id = 'CO900123456'",
      [who.unit.id],
    );
    expect(sighting.rows[0]).toEqual({ first_seen_at: new Date("2025-01-10T00:00:00Z"), shipments: 5 });
  });

  test("malformed and hostile lines are refused by field and line; good lines in the same file are kept", async () => {
    const who = await analystUnit();
    const deep = `{"billOfLading":"X","attributes":{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`;
    const lines = [
      bananaLine, // 1
      "{not json", // 2
      "[1, 2, 3]", // 3
      deep, // 4
      '{"__proto__": {"polluted": true}, "billOfLading": "MAEU231004499"}', // 5
      line({ billOfLading: "MAEU231004422", containerNumber: "CSQU3054383", colour: "red" }), // 6
      line({ billOfLading: "MAEU231004423", containerNumber: "MSKU9070324" }), // 7
      line({ billOfLading: "MAEU231004424", containerNumber: "CSQU3054383", goodsDescription: "X".repeat(1_100_000) }), // 8
      line({ billOfLading: "MAEU231004425", containerNumber: "CSQU3054383", arrivalDate: undefined, departureDate: undefined, outcome: { inspected: false } }), // 9
      line({ billOfLading: "MAEU231004426", containerNumber: "CSQU3054383", consignee: { name: "VERSHANDEL NOORD BV", country: "XX" } }), // 10
      furnitureLine, // 11
    ];
    const { importId, done } = await imported(who, lines.join("\n"));
    expect(done.counts).toEqual({ total: 11, imported: 2, duplicate: 0, rejected: 9 });
    const byLine = Object.fromEntries((done.errors as { line: number; reasons: string[] }[]).map((e) => [e.line, e.reasons]));
    expect(byLine[2]![0]).toMatch(/^not valid JSON/);
    expect(byLine[3]).toEqual(["not a JSON object: one shipment per line"]);
    expect(byLine[4]).toEqual(["attributes.a[0][0]: nested deeper than the manifest contract allows"]);
    expect(byLine[5]).toEqual(["__proto__: reserved key name"]);
    expect(byLine[6]).toEqual(["colour: unknown field (extra data belongs in attributes)"]);
    expect(byLine[7]).toEqual(["containerNumber: check digit should be 3"]);
    expect(byLine[8]![0]).toMatch(/^line longer than 1048576 bytes/);
    expect(byLine[9]).toEqual(["arrivalDate: required, or departureDate, or outcome.inspectedAt: the record needs a date"]);
    expect(byLine[10]).toEqual(["consignee.country: not an ISO 3166 alpha-2 country code"]);
    expect((done.errors as { line: number; externalRef?: string }[]).find((e) => e.line === 7)?.externalRef).toBe("MAEU231004423/MSKU9070324");
    expect((await inspections(importId)).map((i) => i.external_ref)).toEqual(["CMDUSHA1180022/CMAU4720195", "MAEU231004417/MSKU9070323"]);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("re-importing adds nothing: the same file is the same import, another file with the same lines adds only its new ones", async () => {
    const who = await analystUnit();
    const first = await imported(who, [bananaLine, furnitureLine].join("\n") + "\n");
    expect(first.done.counts).toEqual({ total: 2, imported: 2, duplicate: 0, rejected: 0 });
    const again = await upload(who, [bananaLine, furnitureLine].join("\n") + "\n");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ importId: first.importId, duplicate: true });
    const extra = line({ billOfLading: "MAEU231004430", containerNumber: "SEGU9001239" });
    const second = await imported(who, [furnitureLine, extra, bananaLine].join("\n"));
    expect(second.done.counts).toEqual({ total: 3, imported: 1, duplicate: 2, rejected: 0 });
    const all = await services.pool.query<{ n: number; i: number }>(
      "SELECT count(DISTINCT s.id)::int AS n, count(i.id)::int AS i FROM shipment s LEFT JOIN inspection i ON i.shipment_id = s.id WHERE s.unit_id = $1",
      [who.unit.id],
    );
    expect(all.rows[0]).toEqual({ n: 3, i: 3 });
  });

  test("the upload says what manifest-jsonl takes: JSON lines, no mapping", async () => {
    const who = await analystUnit();
    const csv = await upload(who, "a,b\n1,2\n", { format: "manifest-jsonl" }, "text/csv");
    expect(csv.status).toBe(400);
    expect(csv.body.errors[0]).toMatchObject({ path: "headers.content-type", message: "send a manifest-jsonl file as application/x-ndjson" });
    const mapped = await upload(who, bananaLine, { format: "manifest-jsonl", mapping: JSON.stringify({ externalRef: "x" }) });
    expect(mapped.status).toBe(400);
    expect(mapped.body.errors[0].path).toBe("mapping");
    const notJson = await upload(who, "billOfLading\n");
    expect(notJson.status).toBe(400);
  });
});

describe("custom CSV mapping with contract fields", () => {
  test("attributes, transshipment port and seal lists, party countries, voyage and outcome fields are stored", async () => {
    const who = await analystUnit();
    const mapping = {
      externalRef: "ref", date: "arrived", outcome: "result", commodity: "drug", quantity: "qty", quantityUnit: "qty_unit", selectedBy: "why", inspectedAt: "checked",
      billOfLading: "bl", containerNumber: "box", containerType: "iso", sealNumbers: "seals", transshipmentPorts: "via", portOfLoading: "pol", portOfDischarge: "pod",
      manifestRef: "manifest", carrierScac: "scac", vesselImo: "imo", vesselName: "vessel", voyage: "voy", departureDate: "sailed",
      shipperName: "shipper", shipperCountry: "shipper_cc", consigneeName: "consignee", consigneeCountry: "consignee_cc", forwarderName: "fwd", forwarderCountry: "fwd_cc",
      hsCodes: "hs", freightTerms: "freight", packages: "pkgs", packageType: "pkg_type", "attributes.sealChangedAfterLoading": "seal_changed", "attributes.reeferSetPoint": "setpoint",
    };
    const header = ["ref", "arrived", "result", "drug", "qty", "qty_unit", "why", "checked", "bl", "box", "iso", "seals", "via", "pol", "pod", "manifest", "scac", "imo", "vessel", "voy",
      "sailed", "shipper", "shipper_cc", "consignee", "consignee_cc", "fwd", "fwd_cc", "hs", "freight", "pkgs", "pkg_type", "seal_changed", "setpoint"];
    const rows = [
      ["R-1", "2025-03-17", "1", "cocaine", "212.4", "kg", "profile", "2025-03-18", "MAEU231004417", "MSKU9070323", "45R1", "ML-4471023;ML-4471099", "PAMIT|ESALG", "COCTG", "BEANR",
        "MAEU-312W-COCTG-0007", "MAEU", "9619907", "MAERSK ESSEN", "312W", "2025-03-02", "FRUTAS DEL CARIBE S.A.S.", "co", "VERSHANDEL NOORD BV", "BE", "ANDES FREIGHT", "CO",
        "080390, 080310", "collect", "1080", "CT", "true", "-0.5"],
      ["R-2", "2025-03-19", "not_inspected", "", "", "", "", "", "CMDUSHA1180022", "CMAU4720195", "42G1", "C1982231", "", "CNSHA", "BEANR",
        "", "", "", "", "", "", "NINGBO BRIGHT HOME CO., LTD.", "CN", "HOMESTYLE DISTRIBUTION NV", "BE", "", "", "940360", "prepaid", "310", "PK", "false", "n/a"],
      ["R-3", "2025-03-20", "0", "", "", "", "officer", "", "MAEU231004440", "CSQU3054383", "45R9", "", "PAMIT", "COCTG", "BEANR",
        "", "", "", "", "", "", "X", "XX", "Y", "BE", "", "", "080390", "cash", "1", "CT", "", ""],
    ];
    const csv = [header, ...rows].map((r) => r.map((v) => (v.includes(",") ? `"${v}"` : v)).join(",")).join("\n") + "\n";
    const { importId, done } = await imported(who, csv, { format: "custom", mapping: JSON.stringify(mapping) }, "text/csv");
    expect(done.counts).toEqual({ total: 3, imported: 2, duplicate: 0, rejected: 1 });
    expect(done.errors[0].line).toBe(4);
    expect([...done.errors[0].reasons].sort()).toEqual([
      'freight: not prepaid or collect ("cash")',
      'iso: R9 is not an assigned reefer type ("45R9")',
      'shipper_cc: not an ISO 3166 alpha-2 country code ("XX")',
    ].sort());
    const stored = await readBack(importId);
    expect(stored.get("R-1")).toMatchObject({
      manifestRef: "MAEU-312W-COCTG-0007", carrierScac: "MAEU", vesselImo: "9619907", vesselName: "MAERSK ESSEN", voyage: "312W", departureDate: "2025-03-02",
      containerType: "45R1", sealNumbers: ["ML-4471023", "ML-4471099"], transshipmentPorts: ["PAMIT", "ESALG"], hsCodes: ["080390", "080310"],
      shipper: { name: "FRUTAS DEL CARIBE S.A.S.", country: "CO" }, consignee: { name: "VERSHANDEL NOORD BV", country: "BE" }, forwarder: { name: "ANDES FREIGHT", country: "CO" },
      freightTerms: "collect", packages: 1080, packageType: "CT", attributes: { sealChangedAfterLoading: true, reeferSetPoint: -0.5 },
    });
    expect(stored.get("R-2")).toMatchObject({ attributes: { sealChangedAfterLoading: false, reeferSetPoint: "n/a" }, shipper: { country: "CN" } });
    expect(await inspections(importId)).toEqual([
      { external_ref: "R-1", outcome: "seizure", commodity: "cocaine", selection: "profile", seized_quantity: 212.4, seized_unit: "kg", inspected_at: new Date("2025-03-18T00:00:00Z") },
    ]);
  });
});
