// Prepared shipments and context memos (profiling/prepared-shipment.ts) must
// give exactly what score() gives, scores and evidence: seeded random
// profiles over seeded random shipments typed the way manifests are, every
// shipment scored twice, one pool of text numbers shared by all profiles and
// one memo per profile's context. score() itself is checked against a
// reference in scorer-evidence-reference.test.ts.
import { isDeepStrictEqual } from "node:util";
import { ShipmentFacts } from "../../../profiling/derived.js";
import { describe, expect, it } from "vitest";
import { normalizePartyName, partyKey } from "../../../profiling/features/normalize.js";
import { ContextMemo, PreparedShipment, prepareShipments, TextPool } from "../../../profiling/prepared-shipment.js";
import type { PartyInput, PartyRole, ScoringContext, ShipmentInput } from "../../../profiling/shipment.js";
import { randomParts } from "../../helpers/random-profile-parts.js";
import { compile, context, profileDoc, shipment } from "./support.js";
import { BatchContext, ShipmentBatch } from "../../../profiling/batch/shipment-batch.js";
import { compileBatchScorer } from "../../../profiling/batch/batch-scorer.js";

const NOW = new Date("2026-03-15T00:00:00Z");
const DAY = 86_400_000;
const ROLES: PartyRole[] = ["shipper", "consignee", "notify", "forwarder", "declarant"];
const PORTS = ["ECGYE", "coctg", " PAMIT", "BRSSZ ", "CNSHA", "E", "NLRTM", "BEANR", "ÉCGYE"];
const PROFILE_PORTS = ["ECGYE", "COCTG", "PAMIT", "BRSSZ", "CNSHA", "NLRTM", "BEANR"];
const PROFILE_COUNTRIES = ["EC", "co", "PA", "BR", "CN", "NL"];
const HS = ["080390", "0803.90", "080440", "090111", "44", "847130", " 0803"];
const NAMES = ["Acme Trading Ltd", "ACME TRADING LIMITED", " .Acme, Trading", "Áçme Trading", "Frutas del Sur S.A.", "FRUTAS DEL SUR SA", "Global Logistics NV", "global  logistics", "Ltd.", ""];
const DESCRIPTIONS = ["Fresh bananas Cavendish", "GENERAL CARGO", "said to contain", "Café verde", "FAK", "parts"];
const TERMS = ["prepaid", "collect", " Collect", "cóllect"];
const CURRENCIES = ["USD", "usd", "EUR", undefined];
const ORIGINS = ["EC", "co", "BE", "", undefined];

type Cond = Record<string, unknown> & { op: string };

function generator(seed: number) {
  const { r, pick, maybe, some, party: partyNamed, condition: tree } = randomParts(seed);
  const party = (): PartyInput | undefined => partyNamed(NAMES);
  const shipmentAt = (i: number): ShipmentInput => {
    const consignee = party();
    return shipment({
      id: `prep-${seed}-${i}`,
      transportMode: pick(["sea", "sea", "air"] as const),
      portOfLoading: maybe(0.9, () => pick(PORTS)),
      // Sometimes more ports than a prepared shipment keeps per position.
      transshipmentPorts: r() < 0.4 ? [] : some(PORTS, r() < 0.1 ? 12 : 3),
      shipper: party(),
      consignee,
      notify: maybe(0.3, party),
      forwarder: r() < 0.3 && consignee !== undefined ? { ...consignee, name: maybe(0.9, () => pick(NAMES)) } : party(),
      declarant: maybe(0.2, party),
      hsCodes: r() < 0.1 ? [] : some(HS, r() < 0.1 ? 10 : 2),
      goodsDescription: maybe(0.9, () => pick(DESCRIPTIONS)),
      arrivalDate: maybe(0.8, () => new Date(NOW.getTime() + Math.floor(r() * 200 - 100) * DAY).toISOString().slice(0, 10)),
      manifestFiledAt: maybe(0.7, () => new Date(NOW.getTime() + Math.floor(r() * 200 - 100) * 3_600_000).toISOString()),
      manifestAmendedAt: maybe(0.3, () => new Date(NOW.getTime() + Math.floor(r() * 200 - 100) * 3_600_000).toISOString()),
      declaredValue: maybe(0.8, () => Math.round(r() * 50_000)),
      netWeightKg: maybe(0.8, () => Math.round(r() * 25_000)),
      currency: pick(CURRENCIES),
      countryOfOrigin: pick(ORIGINS),
      freightTerms: maybe(0.9, () => pick(TERMS)) as ShipmentInput["freightTerms"],
      attributes: r() < 0.5 ? {} : { note: pick(TERMS) },
    });
  };
  const leaf = (): Cond => {
    switch (Math.floor(r() * 16)) {
      case 0: return { op: "partyIsForwarder" };
      case 1: return { op: "routeVia", countries: some(PROFILE_COUNTRIES, 3), ...(r() < 0.5 ? { ports: some(PROFILE_PORTS, 2) } : {}), legs: pick(["loading", "transshipment", "any"]) };
      case 2: return { op: "routeVia", ports: some(PROFILE_PORTS, 3) };
      case 3: return { op: "hsPrefix", prefixes: some(["08", "0803", "0901", "44", "847130", "08039", "61", "62", "63", "64"], r() < 0.2 ? 10 : 3) };
      case 4: return r() < 0.5 ? { op: pick(["eq", "neq"]), field: "freightTerms", value: pick(["prepaid", "collect"]) } : { op: pick(["in", "notIn"]), field: "freightTerms", values: some(["prepaid", "collect"], 2) };
      case 5: return { op: "eq", field: pick(["consignee.name", "forwarder.name"]), value: pick(NAMES.filter((n) => n.trim() !== "")) };
      case 6: return { op: "inList", field: pick(["consignee.name", "shipper.name"]), list: "WATCH" };
      case 7: return { op: "inList", field: "hsCodes", list: "HS" };
      case 8: return { op: "partyNew", role: pick([...ROLES, "any"]), days: pick([0, 30, 365]) };
      case 9: return { op: "partySeizureLinked", role: pick([...ROLES, "any"]), degree: pick([1, 2]) };
      case 10: return { op: "contains", field: pick(["consignee.address", "goodsDescription", "transshipmentPorts"]), values: some(["box", "ACME", "banana", "PA"], 2) };
      case 11: return { op: "genericDescription" };
      case 12: return { op: "valueAnomaly", below: 0.5, above: 2 };
      case 13: return { op: pick(["lt", "gt"]), field: pick(["derived.hoursFiledBeforeArrival", "derived.hoursAmendedBeforeArrival"]), value: 24 };
      case 14: return { op: "matches", field: pick(["consignee.name", "attributes.note"]), pattern: "^(ACME|col)", flags: "i" };
      default: return { op: "eq", field: "currency", value: pick(["USD", "EUR"]) };
    }
  };
  const condition = (depth: number): Cond => tree(leaf, depth);
  const profile = () => {
    const indicators = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => ({ code: `I${i}`, label: `indicator ${i}`, points: Math.round((r() * 60 - 10) * 10) / 10, when: condition(0) }));
    return profileDoc(indicators, { thresholds: { high: 50, medium: 25, low: 10 }, randomRate: r() < 0.5 ? 0.2 : 0 });
  };
  const ctx = (): ScoringContext => {
    const seen = new Map<string, Date>();
    const linked = new Set<string>();
    const linked2 = new Set<string>();
    const keys = new Set<string>(["K1", "K2", "K3"]);
    for (const name of NAMES) for (const country of ["EC", "BE", "nl", undefined]) for (const id of ["A1", "b2", "C3", undefined]) {
      const key = partyKey({ name, country, id });
      if (key !== undefined) keys.add(key);
    }
    for (const key of keys) {
      if (r() < 0.7) seen.set(key, new Date(NOW.getTime() - Math.floor(r() * 460 - 60) * DAY));
      if (r() < 0.2) linked.add(key);
      if (r() < 0.3) linked2.add(key);
    }
    const medians = new Map<string, number>();
    for (const hs of HS) for (const origin of ORIGINS) for (const currency of CURRENCIES) if (r() < 0.6) medians.set(`${hs}|${origin}|${currency}`, 0.2 + r() * 3);
    return {
      now: NOW,
      watchlists: new Map([
        ["WATCH", new Set(NAMES.filter(() => r() < 0.3).map((n) => (r() < 0.5 ? normalizePartyName(n) : n.trim())))],
        ["HS", new Set(["0803", "44"])],
      ]),
      partyFirstSeen: (k) => seen.get(k),
      partyLinkedToSeizure: (k, degree = 1) => linked.has(k) || (degree === 2 && linked2.has(k)),
      medianValuePerKg: (hs, origin, currency) => medians.get(`${hs}|${origin}|${currency}`),
    };
  };
  return { shipmentAt, profile, ctx };
}

describe("prepared shipments and context memos", () => {
  for (const seed of [21, 22, 23]) {
    it(`score as score() does, evidence included, on 60 random profiles × 60 shipments (seed ${seed})`, () => {
      const g = generator(seed);
      // One pool for every profile: kept answers and text numbers are shared across compiled profiles.
      const texts = new TextPool();
      let matched = 0;
      let compared = 0;
      for (let p = 0; p < 60; p++) {
        const compiled = compile(g.profile());
        const ctx = g.ctx();
        const memo = new ContextMemo(ctx, texts);
        const shipments = Array.from({ length: 60 }, (_, i) => g.shipmentAt(i));
        const prepared = prepareShipments(shipments, texts);
        for (let twice = 0; twice < 2; twice++) {
          shipments.forEach((s, i) => {
            const ids = { shipmentId: s.id, versionId: `v${p}` };
            const want = compiled.score(s, ctx, ids);
            const got = compiled.scorePrepared(prepared[i]!, memo, ids);
            if (!isDeepStrictEqual(got, want)) expect(got, JSON.stringify({ indicators: compiled.profile.indicators, shipment: s })).toEqual(want);
            // Without evidence too (back-tests): the same score and matches.
            const bare = compiled.scorePrepared(prepared[i]!, memo, ids, { evidence: false });
            expect(bare.indicators.map((m) => [m.code, m.points])).toEqual(want.indicators.map((m) => [m.code, m.points]));
            if (want.indicators.length > 0) matched++;
            compared++;
          });
        }
      }
      expect(compared).toBe(7_200);
      expect(matched).toBeGreaterThan(2_000);
    });
  }

  for (const seed of [24, 25]) {
    it(`the batch scorer (profiling/batch/) scores as score() does, evidence included, on 60 random profiles × 60 shipments (seed ${seed})`, () => {
      const g = generator(seed);
      let matched = 0;
      let compared = 0;
      for (let p = 0; p < 60; p++) {
        const compiled = compile(g.profile());
        const scorer = compileBatchScorer(compiled.profile);
        const ctx = g.ctx();
        const shipments = Array.from({ length: 60 }, (_, i) => g.shipmentAt(i));
        const batch = new ShipmentBatch(shipments);
        // Draw keys other than the shipment ids, as back-tests pass them.
        const drawKeys = shipments.map((s, i) => (i % 2 === 0 ? s.id : `draw-${i}`));
        const run = new BatchContext(batch, ctx);
        const scores = scorer.scoreBatch(run, `v${p}`, { drawKeys });
        shipments.forEach((s, i) => {
          const ids = { shipmentId: drawKeys[i]!, versionId: `v${p}` };
          const want = compiled.score(s, ctx, ids);
          const got = scorer.result(run, scores, i);
          if (!isDeepStrictEqual(got, want)) expect(got, JSON.stringify({ indicators: compiled.profile.indicators, shipment: s })).toEqual(want);
          // Without evidence, as scoreFacts gives it to back-tests.
          const bare = scorer.result(run, scores, i, { evidence: false });
          expect(bare).toEqual(compiled.scoreFacts(new ShipmentFacts(s, ctx), ids, { evidence: false }));
          if (want.indicators.length > 0) matched++;
          compared++;
        });
      }
      expect(compared).toBe(3_600);
      expect(matched).toBeGreaterThan(1_000);
    });
  }

  it("numbers a text first seen after answers were kept, and answers it afresh", () => {
    const compiled = compile(profileDoc([{ code: "SRC", label: "source port", points: 20, when: { op: "routeVia", ports: ["ECGYE"] } }]));
    const texts = new TextPool();
    const ctx = context();
    const memo = new ContextMemo(ctx, texts);
    const first = new PreparedShipment(shipment({ portOfLoading: "ECGYE", transshipmentPorts: [] }), texts);
    expect(compiled.scorePrepared(first, memo, { shipmentId: "a", versionId: "v" }).score).toBe(20);
    const known = texts.texts.length;
    // A port no shipment of the pool had: a new number, and the condition tests it rather than reading another text's answer.
    const later = new PreparedShipment(shipment({ portOfLoading: "cnsha", transshipmentPorts: [" ecgye"] }), texts);
    const scored = compiled.scorePrepared(later, memo, { shipmentId: "b", versionId: "v" });
    expect(texts.texts.length).toBeGreaterThan(known);
    expect(scored.score).toBe(20);
    expect(scored.indicators[0]?.evidence).toEqual([{ field: "derived.route", value: "ECGYE" }]);
    const other = new PreparedShipment(shipment({ portOfLoading: "CNSHA", transshipmentPorts: ["NLRTM"] }), texts);
    expect(compiled.scorePrepared(other, memo, { shipmentId: "c", versionId: "v" }).score).toBe(0);
  });

  it("keeps a context's answers for the memo's life; a new memo reads the changed context", () => {
    const compiled = compile(profileDoc([{ code: "NEW", label: "new consignee", points: 10, when: { op: "partyNew", role: "consignee", days: 30 } }]));
    const firstSeen = new Map<string, Date>();
    const ctx = context({ partyFirstSeen: (k) => firstSeen.get(k) });
    const s = shipment({ consignee: { name: "Acme", key: "K-ACME" } });
    const texts = new TextPool();
    const prepared = new PreparedShipment(s, texts);
    const memo = new ContextMemo(ctx, texts);
    expect(compiled.scorePrepared(prepared, memo, { shipmentId: "a", versionId: "v" }).score).toBe(10);
    firstSeen.set("K-ACME", new Date("2020-01-01T00:00:00Z"));
    // The memo's contract: the context does not change while it is used.
    expect(compiled.scorePrepared(prepared, memo, { shipmentId: "a", versionId: "v" }).score).toBe(10);
    expect(compiled.scorePrepared(prepared, new ContextMemo(ctx, texts), { shipmentId: "a", versionId: "v" }).score).toBe(0);
    expect(compiled.score(s, ctx, { shipmentId: "a", versionId: "v" }).score).toBe(0);
  });

  it("refuses a memo of another pool", () => {
    const compiled = compile(profileDoc([{ code: "SRC", label: "source port", points: 20, when: { op: "routeVia", ports: ["ECGYE"] } }]));
    const prepared = new PreparedShipment(shipment(), new TextPool());
    expect(() => compiled.scorePrepared(prepared, new ContextMemo(context(), new TextPool()), { shipmentId: "a", versionId: "v" })).toThrow(/another pool/);
  });
});
