// Builders shared by the profiling tests: a realistic shipment, an empty
// scoring context, and a profile document around a few indicators.
import { compileProfile, type CompiledProfile, type ScoreResult } from "../../../profiling/dsl/compile.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import type { ScoringContext, ShipmentInput } from "../../../profiling/shipment.js";

export const NOW = new Date("2026-03-15T00:00:00Z");

export function shipment(overrides: Partial<ShipmentInput> = {}): ShipmentInput {
  return {
    id: "shp-1",
    transportMode: "sea",
    manifestRef: "MSCU-2026-0311",
    carrierScac: "MSCU",
    vesselImo: "9074729",
    vesselName: "MSC AURORA",
    voyage: "FA611A",
    portOfLoading: "ECGYE",
    transshipmentPorts: ["PAMIT"],
    portOfDischarge: "BEANR",
    departureDate: "2026-02-20",
    arrivalDate: "2026-03-16",
    manifestFiledAt: "2026-03-13T10:00:00Z",
    bookingDate: "2026-02-10",
    billOfLading: "MEDUGY123456",
    containerNumber: "CSQU3054383",
    containerType: "45R1",
    sealNumbers: ["ML1234567"],
    isEmpty: false,
    shipper: { name: "Exportadora Bananera del Pacífico S.A.", address: "Av. 9 de Octubre 100, Guayaquil", country: "EC", id: "0991234567001" },
    consignee: { name: "Fresh Fruit Import BV", address: "Haven 1200, 2030 Antwerpen", country: "BE", id: "BE0412345678" },
    forwarder: { name: "Global Logistics NV", country: "BE", id: "BE0499999999" },
    hsCodes: ["080390"],
    goodsDescription: "Fresh bananas Cavendish in 1,200 cartons",
    packages: 1200,
    packageType: "CT",
    grossWeightKg: 23_500,
    netWeightKg: 21_800,
    declaredValue: 19_620,
    currency: "USD",
    countryOfOrigin: "EC",
    countryOfDeparture: "EC",
    freightTerms: "prepaid",
    stuffingLocation: "Guayaquil, Finca La Esperanza",
    attributes: {},
    ...overrides,
  };
}

export function context(overrides: Partial<ScoringContext> = {}): ScoringContext {
  return {
    now: NOW,
    watchlists: new Map(),
    partyFirstSeen: () => new Date("2020-01-01T00:00:00Z"),
    partyLinkedToSeizure: () => false,
    medianValuePerKg: () => undefined,
    ...overrides,
  };
}

export function profileDoc(indicators: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    language: "portcullis/profile@1",
    code: "TEST-PROFILE",
    name: "Test profile",
    target: { kind: "commodity", commodity: "cocaine" },
    thresholds: { high: 60, medium: 35, low: 15 },
    randomRate: 0,
    indicators,
    ...overrides,
  };
}

export function compile(doc: unknown): CompiledProfile {
  const checked = validateProfile(doc);
  if (!checked.ok) throw new Error(`invalid test profile: ${JSON.stringify(checked.errors)}`);
  return compileProfile(checked.profile);
}

/** Scores one rule indicator (10 points) against a shipment; returns the result. */
export function scoreRule(when: unknown, s: ShipmentInput = shipment(), ctx: ScoringContext = context()): ScoreResult {
  return compile(profileDoc([{ code: "R", label: "rule", points: 10, when }])).score(s, ctx, { shipmentId: s.id, versionId: "v1" });
}

/** True when the single-rule profile matches. */
export function holds(when: unknown, s: ShipmentInput = shipment(), ctx: ScoringContext = context()): boolean {
  return scoreRule(when, s, ctx).indicators.length === 1;
}
