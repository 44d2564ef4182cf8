// The batch scorer (profiling/batch/) against score() on the conditions the
// two other equivalence tests do not draw: field comparisons (numbers, text,
// dates, a factor), weight and seal rules, exists/missing, between, ordered
// comparisons of derived measures, a field and a table key read from the
// context (value per kg over the median), hs:N table keys, and profiles
// scoped by transport mode, unit and validity dates. Every result is
// materialised with its evidence and compared with score() whole.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { BatchContext, ShipmentBatch } from "../../../profiling/batch/shipment-batch.js";
import { compileBatchScorer } from "../../../profiling/batch/batch-scorer.js";
import type { ScoringContext, ShipmentInput } from "../../../profiling/shipment.js";
import { randomParts } from "../../helpers/random-profile-parts.js";
import { compile, context, profileDoc, shipment } from "./support.js";

const NOW = new Date("2026-03-15T00:00:00Z");
const DAY = 86_400_000;
const NAMES = ["Acme Trading Ltd", "ACME TRADING LIMITED", "Frutas del Sur S.A.", "Global Logistics NV", " ", ""];
const COUNTRIES = ["EC", "ec ", "BE", "CO", "", " "];
const PORTS = ["ECGYE", "coctg", "BEANR", "E", " "];
const HS = ["080390", "0803.90", "440890", "09", ""];
const TYPES = ["45R1", "22G1", "L5G1", "XXXX", undefined];
type Cond = Record<string, unknown> & { op: string };

function generator(seed: number) {
  const { r, pick, maybe, some, party: partyNamed, condition: tree } = randomParts(seed);
  const party = () => partyNamed(NAMES);
  const date = (spread: number) => new Date(NOW.getTime() + Math.floor(r() * spread * 2 - spread) * DAY).toISOString().slice(0, 10);
  const shipmentAt = (i: number): ShipmentInput =>
    shipment({
      id: `batch-${seed}-${i}`,
      transportMode: pick(["sea", "sea", "air", "road"] as const),
      portOfLoading: maybe(0.9, () => pick(PORTS)),
      transshipmentPorts: r() < 0.4 ? [] : some(PORTS, 3),
      containerNumber: maybe(0.8, () => "CSQU3054383"),
      containerType: pick(TYPES),
      sealNumbers: r() < 0.2 ? [] : some(["SL1", "sl1 ", " ", "SL2"], 3),
      sealsReported: r() < 0.1 ? false : undefined,
      isEmpty: r() < 0.1,
      shipper: party(),
      consignee: party(),
      forwarder: party(),
      hsCodes: r() < 0.1 ? [] : some(HS, 2),
      arrivalDate: maybe(0.8, () => date(100)),
      departureDate: maybe(0.6, () => date(120)),
      bookingDate: maybe(0.5, () => date(150)),
      manifestFiledAt: maybe(0.7, () => new Date(NOW.getTime() + Math.floor(r() * 200 - 100) * 3_600_000).toISOString()),
      packages: maybe(0.8, () => Math.floor(r() * 400)),
      grossWeightKg: maybe(0.9, () => (r() < 0.1 ? 50 : Math.round(r() * 40_000))),
      netWeightKg: maybe(0.8, () => Math.round(r() * 25_000)),
      declaredValue: maybe(0.8, () => Math.round(r() * 50_000)),
      countryOfOrigin: maybe(0.9, () => pick(COUNTRIES)),
      countryOfDeparture: maybe(0.9, () => pick(COUNTRIES)),
      currency: pick(["USD", "EUR", undefined]),
      attributes: r() < 0.3 ? {} : { freightCost: r() < 0.2 ? " " : r() < 0.5 ? String(Math.round(r() * 30_000)) : Math.round(r() * 30_000), note: pick(["a", "B", " ", 7, true]) },
    });
  const leaf = (): Cond => {
    switch (Math.floor(r() * 14)) {
      case 0: return { op: "fieldCompare", field: pick(["derived.loadingCountry", "countryOfDeparture"]), cmp: pick(["eq", "neq"]), other: "countryOfOrigin" };
      case 1: return { op: "fieldCompare", field: "attributes.freightCost", cmp: pick(["gt", "lt", "eq", "neq"]), other: pick(["declaredValue", "grossWeightKg"]), ...(r() < 0.5 ? { factor: pick([0.5, 2]) } : {}) };
      case 2: return { op: "fieldCompare", field: "arrivalDate", cmp: pick(["gt", "lte", "eq"]), other: pick(["departureDate", "bookingDate"]) };
      case 3: return { op: "weightImplausible", ...(r() < 0.5 ? { maxKgPerPackage: pick([50, 200]) } : {}), ...(r() < 0.3 ? { minKgPerPackage: 10 } : {}) };
      case 4: return { op: "sealIssue" };
      case 5: return { op: pick(["exists", "missing"]), field: pick(["consignee.name", "hsCodes", "transshipmentPorts", "attributes.note", "derived.valuePerKgRatio", "packages"]) };
      case 6: return { op: "between", field: pick(["arrivalDate", "departureDate"]), min: "2026-02-01", max: "2026-04-01" };
      case 7: return { op: pick(["gte", "lt"]), field: pick(["derived.transshipmentCount", "derived.kgPerPackage", "derived.daysBookingToDeparture", "derived.valuePerKgRatio"]), value: pick([1, 2, 30]) };
      case 8: return { op: "valueAnomaly", below: 0.5 };
      case 9: return { op: pick(["eq", "neq"]), field: pick(["derived.isReefer", "isEmpty"]), value: r() < 0.5 };
      case 10: return { op: pick(["in", "notIn"]), field: pick(["countryOfOrigin", "derived.routeCountries"]), values: some(["EC", "BE", "CO"], 2) };
      case 11: return { op: "partyNew", role: "any", days: 30 };
      case 12: return { op: "partyIsForwarder" };
      default: return { op: "genericDescription" };
    }
  };
  const condition = (depth: number): Cond => tree(leaf, depth);
  const profile = () => {
    const indicators: Record<string, unknown>[] = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) => ({ code: `I${i}`, label: `indicator ${i}`, points: Math.round((r() * 60 - 10) * 10) / 10, when: condition(0) }));
    if (r() < 0.5) {
      const key = pick([["hs:4"], ["hs:4", "countryOfOrigin"], ["derived.valuePerKgRatio"]]);
      const entries: Record<string, number> = key[0] === "hs:4" ? (key.length === 1 ? { "0803": 12, "4408": -3 } : { "0803|EC": 20, "4408|BE": 5 }) : { "0.5": 9 };
      indicators.push({ code: "TBL", label: "table", table: { key, entries, ...(r() < 0.5 ? { default: 2.5 } : {}) }, ...(r() < 0.3 ? { when: condition(1) } : {}) });
    }
    const scope = r() < 0.4 ? { scope: { ...(r() < 0.7 ? { transportModes: pick([["sea"], ["sea", "air"]]) } : {}), ...(r() < 0.5 ? { units: pick([["BEANR"], ["NLRTM"]]) } : {}) } } : {};
    const validity = r() < 0.3 ? { validFrom: "2026-02-15", ...(r() < 0.5 ? { validTo: "2026-03-20" } : {}) } : {};
    return profileDoc(indicators, { thresholds: { high: 50, medium: 25, low: 10 }, randomRate: r() < 0.5 ? 0.2 : 0, ...scope, ...validity });
  };
  const ctx = (): ScoringContext => {
    const medians = new Map<string, number>([["080390", 1.5], ["0803.90", 0.8], ["440890", 0]]);
    return context({
      now: NOW,
      unitCode: pick(["BEANR", "NLRTM", undefined]),
      partyFirstSeen: () => (r() < 0.5 ? undefined : new Date(NOW.getTime() - Math.floor(r() * 90) * DAY)),
      medianValuePerKg: (hs) => medians.get(hs),
    });
  };
  return { shipmentAt, profile, ctx };
}

describe("batch scorer on field comparisons, weights, seals, scopes and context-read fields", () => {
  for (const seed of [31, 32, 33]) {
    it(`scores as score() does, evidence included, on 80 random profiles × 40 shipments (seed ${seed})`, () => {
      const g = generator(seed);
      let matched = 0;
      let notApplicable = 0;
      for (let p = 0; p < 80; p++) {
        const compiled = compile(g.profile());
        const scorer = compileBatchScorer(compiled.profile);
        // First sightings drawn at random per call: one context memo must ask once per key, as score() keeps them for one context.
        const seen = new Map<string, Date | undefined>();
        const base = g.ctx();
        const ctx: ScoringContext = {
          ...base,
          partyFirstSeen: (k) => {
            if (!seen.has(k)) seen.set(k, base.partyFirstSeen(k));
            return seen.get(k);
          },
        };
        const shipments = Array.from({ length: 40 }, (_, i) => g.shipmentAt(i));
        const run = new BatchContext(new ShipmentBatch(shipments), ctx);
        const scores = scorer.scoreBatch(run, "v");
        shipments.forEach((s, i) => {
          const want = compiled.score(s, ctx, { shipmentId: s.id, versionId: "v" });
          const got = scorer.result(run, scores, i);
          if (!isDeepStrictEqual(got, want)) expect(got, JSON.stringify({ profile: compiled.profile, shipment: s })).toEqual(want);
          if (want.indicators.length > 0) matched++;
          if (!want.applicable) notApplicable++;
        });
      }
      expect(matched).toBeGreaterThan(800);
      expect(notApplicable).toBeGreaterThan(100);
    });
  }

  it("scores chosen rows with their own context into one result, as a history scored day by day", () => {
    const g = generator(34);
    let compared = 0;
    for (let p = 0; p < 40; p++) {
      const compiled = compile(g.profile());
      const scorer = compileBatchScorer(compiled.profile);
      // Two "days", each with its own context (first sightings fixed per key for the context's life).
      const contexts = [g.ctx(), g.ctx()].map((base): ScoringContext => {
        const seen = new Map<string, Date | undefined>();
        return { ...base, partyFirstSeen: (k) => (seen.has(k) ? seen.get(k) : (seen.set(k, base.partyFirstSeen(k)), seen.get(k))) };
      });
      const shipments = Array.from({ length: 30 }, (_, i) => g.shipmentAt(i));
      const batch = new ShipmentBatch(shipments);
      const day = (i: number) => (i * 7) % 3 === 0 ? 0 : 1;
      // Rows in no particular order.
      const rowsOf = (d: number) => Int32Array.from(shipments.map((_, i) => i).filter((i) => day(i) === d).reverse());
      // A first result for day 1 with the wrong context, then overwritten: rows scored again start afresh.
      const scores = scorer.scoreBatch(new BatchContext(batch, contexts[0]!), "v", { rows: rowsOf(1) });
      scorer.scoreBatch(new BatchContext(batch, contexts[0]!), "v", { rows: rowsOf(0), into: scores });
      scorer.scoreBatch(new BatchContext(batch, contexts[1]!), "v", { rows: rowsOf(1), into: scores });
      shipments.forEach((s, i) => {
        const ctx = contexts[day(i)]!;
        const want = compiled.score(s, ctx, { shipmentId: s.id, versionId: "v" });
        const got = scorer.result(new BatchContext(batch, ctx), scores, i);
        if (!isDeepStrictEqual(got, want)) expect(got, JSON.stringify({ profile: compiled.profile, shipment: s, day: day(i) })).toEqual(want);
        compared++;
      });
    }
    expect(compared).toBe(1_200);
  });

  it("builds columns from the shipments alone: the context is read only while scoring", () => {
    const compiled = compile(profileDoc([{ code: "NEW", label: "new consignee", points: 10, when: { op: "partyNew", role: "consignee", days: 30 } }]));
    let asked = 0;
    const ctx = context({ partyFirstSeen: () => (asked++, undefined) });
    const batch = new ShipmentBatch([shipment(), shipment({ id: "shp-2" })]);
    const scorer = compileBatchScorer(compiled.profile);
    const scores = scorer.scoreBatch(new BatchContext(batch, ctx), "v");
    // The same consignee on both shipments: asked once per context.
    expect(asked).toBe(1);
    expect([...scores.scores]).toEqual([10, 10]);
    scorer.scoreBatch(new BatchContext(batch, ctx), "v");
    expect(asked).toBe(2);
  });

  it("refuses to be re-entered from a context callback", () => {
    const compiled = compile(profileDoc([{ code: "NEW", label: "new consignee", points: 10, when: { op: "partyNew", role: "consignee", days: 30 } }]));
    const scorer = compileBatchScorer(compiled.profile);
    const batch = new ShipmentBatch([shipment()]);
    const ctx: ScoringContext = context({
      partyFirstSeen: () => {
        scorer.scoreBatch(new BatchContext(batch, context()), "v");
        return undefined;
      },
    });
    expect(() => scorer.scoreBatch(new BatchContext(batch, ctx), "v")).toThrow(/re-entered/);
  });
});
