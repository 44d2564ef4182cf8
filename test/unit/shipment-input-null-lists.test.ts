// Shipments loaded by COPY without a list column (the demo year has no seal
// numbers) store NULL there, not '{}'. The boundary where DB rows become
// ShipmentInput must hand the pure profiling code empty lists: the build from
// own records failed with "this.s.sealNumbers is not iterable".
import { expect, it } from "vitest";
import { toShipmentInput, type ShipmentRow } from "../../core/scoring/shipment-input.js";
import { ShipmentFacts } from "../../profiling/derived.js";
import { compileProfile } from "../../profiling/dsl/compile.js";
import { validateProfile } from "../../profiling/dsl/validate.js";

const row = {
  id: "00000000-0000-0000-0000-000000000001", transport_mode: "sea", manifest_ref: null, carrier_scac: null, vessel_imo: null, vessel_name: null,
  voyage: null, port_of_loading: "COCTG", transshipment_ports: null, port_of_discharge: "BEANR", place_of_delivery: null,
  departure_date: null, arrival_date: "2025-03-01", manifest_filed_at: null, manifest_amended_at: null, booking_date: null,
  bill_of_lading: "BL1", house_bill_of_lading: null, container_number: "MSCU1234565", container_type: "45G1", seal_numbers: null,
  is_empty: false, parties: {}, party_ids: [], hs_codes: null, goods_description: "bananas", packages: null, package_type: null,
  gross_weight_kg: null, net_weight_kg: null, declared_value: null, currency: null, country_of_origin: "CO", country_of_departure: null,
  freight_terms: null, stuffing_location: null, attributes: {},
} as unknown as ShipmentRow;

it("turns NULL seal numbers, transshipment ports and HS codes into empty lists the derived facts can read", () => {
  const input = toShipmentInput(row);
  expect([input.sealNumbers, input.transshipmentPorts, input.hsCodes]).toEqual([[], [], []]);
  const facts = new ShipmentFacts(input, { now: new Date("2025-03-02T00:00:00Z"), watchlists: new Map(), partyFirstSeen: () => undefined, partyLinkedToSeizure: () => false, medianValuePerKg: () => undefined });
  expect(facts.sealCount()).toBe(0);
});

it("a NULL seal list is unknown, not missing: the seal rule does not fire; an empty list reported still does", () => {
  const at = { shipmentId: row.id, versionId: "v1" };
  const ctx = { now: new Date("2025-03-02T00:00:00Z"), watchlists: new Map(), partyFirstSeen: () => undefined, partyLinkedToSeizure: () => false, medianValuePerKg: () => undefined };
  const profile = compileProfile(validated({ language: "portcullis/profile@1", code: "SEALS", name: "Seals", target: { kind: "commodity", commodity: "cocaine" }, rationale: "seal rule",
    thresholds: { high: 10, medium: 5, low: 1 }, randomRate: 0, indicators: [{ code: "SEAL_ISSUE", label: "Seal missing or repeated", points: 10, when: { op: "sealIssue" } }] }));
  expect(profile.score(toShipmentInput(row), ctx, at).score).toBe(0);
  expect(profile.score(toShipmentInput({ ...row, seal_numbers: [] }), ctx, at).score).toBe(10);
  expect(profile.score(toShipmentInput({ ...row, seal_numbers: ["S1", "s1"] }), ctx, at).score).toBe(10);
  expect(profile.score(toShipmentInput({ ...row, seal_numbers: ["S1"] }), ctx, at).score).toBe(0);
});

function validated(document: unknown) {
  const checked = validateProfile(document);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.profile;
}
