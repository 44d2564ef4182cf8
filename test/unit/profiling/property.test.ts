// Property-style check: random profiles over random shipments, scored by the
// compiled scorer and by the straightforward reference interpreter below,
// written from LANGUAGE.md without looking at the compiler. Any difference in
// score, matched indicators or band is a bug in one of them.
import { describe, expect, it } from "vitest";
import { normalizePartyName, normalizeText, partyKey } from "../../../profiling/features/normalize.js";
import type { PartyInput, PartyRole, ScoringContext, ShipmentInput } from "../../../profiling/shipment.js";
import { compile, profileDoc } from "./support.js";
import { seededRandom } from "../../../fixtures/seeded-random.js";

const rng = (seed: number): (() => number) => {
  const random = seededRandom(seed);
  return () => random.next();
};

const PORTS = ["ECGYE", "COCTG", "PAMIT", "BRSSZ", "CNSHA", "ESALG", "NLRTM", "BEANR", "MAPTM"];
const COUNTRIES = ["EC", "CO", "PA", "BR", "CN", "ES", "NL", "BE", "MA"];
const HS = ["080390", "080440", "090111", "440890", "847130", "0803", "610910"];
const DESCRIPTIONS = [
  { text: "Fresh bananas Cavendish", generic: false },
  { text: "FRESH BANANAS cavendish", generic: false },
  { text: "Café verde en grano", generic: false },
  { text: "General cargo", generic: true },
  { text: "S.T.C. 1200 cartons", generic: true },
  { text: "Laptops", generic: true },
  { text: "Teak veneer sheets sawn", generic: false },
];
const NAMES = ["Acme Trading Ltd", "ACME TRADING LIMITED", "Frutas del Sur S.A.", "Logística Ñandú SAS", "Global Logistics NV", "Blue Ocean GmbH"];
const ADDRESSES = ["P.O. Box 12, Guayaquil", "Calle 5 Apto 3", "Haven 1200 Antwerpen", "Rua das Flores 10"];
const ROLES: PartyRole[] = ["shipper", "consignee", "notify", "forwarder", "declarant"];
const NOW = new Date("2026-03-15T00:00:00Z");
const DAY = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

type Cond = Record<string, unknown> & { op: string };

function generator(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
  const some = <T>(xs: readonly T[], max: number): T[] => Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs));

  const party = (): PartyInput | undefined => maybe(0.85, () => ({ name: maybe(0.9, () => pick(NAMES)), address: maybe(0.7, () => pick(ADDRESSES)), country: maybe(0.8, () => pick(COUNTRIES)), id: maybe(0.6, () => pick(["A1", "B2", "C3", "D4"])) }));

  const shipment = (i: number): ShipmentInput => ({
    id: `p-${seed}-${i}`,
    transportMode: pick(["sea", "sea", "air"] as const),
    portOfLoading: maybe(0.9, () => pick(PORTS)),
    transshipmentPorts: r() < 0.5 ? [] : some(PORTS, 3),
    portOfDischarge: maybe(0.9, () => pick(PORTS)),
    containerNumber: maybe(0.8, () => "CSQU3054383"),
    containerType: maybe(0.8, () => pick(["22G1", "45R1", "42G1"])),
    sealNumbers: r() < 0.2 ? [] : r() < 0.2 ? ["S1", "s1 "] : some(["S1", "S2", "S3", " "], 2),
    isEmpty: r() < 0.1,
    shipper: party(),
    consignee: party(),
    forwarder: party(),
    hsCodes: r() < 0.1 ? [] : some(HS, 2),
    goodsDescription: maybe(0.9, () => pick(DESCRIPTIONS).text),
    // Dates around NOW, so "first seen within N days" counts from arrival, else departure, else now.
    arrivalDate: maybe(0.6, () => isoDay(NOW.getTime() + Math.floor(r() * 120 - 60) * DAY)),
    departureDate: maybe(0.5, () => isoDay(NOW.getTime() + Math.floor(r() * 120 - 90) * DAY)),
    packages: maybe(0.9, () => Math.floor(r() * 2000)),
    grossWeightKg: maybe(0.9, () => Math.round(r() * 30_000)),
    declaredValue: maybe(0.9, () => Math.round(r() * 100_000)),
    countryOfOrigin: maybe(0.85, () => pick(COUNTRIES)),
    freightTerms: maybe(0.8, () => pick(["prepaid", "collect"] as const)),
    attributes: r() < 0.5 ? {} : { n: maybe(0.8, () => Math.round(r() * 100)) ?? null, flag: r() < 0.5, tag: pick(["red", "RED", "Blue"]) },
  });

  const leaf = (): Cond => {
    switch (Math.floor(r() * 16)) {
      case 0: return { op: pick(["eq", "neq"]), field: "countryOfOrigin", value: pick(COUNTRIES) };
      case 1: return { op: pick(["in", "notIn"]), field: pick(["portOfLoading", "transshipmentPorts"]), values: some(PORTS, 3) };
      case 2: return { op: pick(["gt", "gte", "lt", "lte"]), field: pick(["grossWeightKg", "packages", "declaredValue", "attributes.n"]), value: Math.round(r() * 30_000) };
      case 3: return { op: "between", field: pick(["grossWeightKg", "packages"]), min: Math.round(r() * 1000), max: 1000 + Math.round(r() * 20_000) };
      case 4: return { op: pick(["exists", "missing"]), field: pick(["goodsDescription", "consignee.name", "sealNumbers", "attributes.n", "forwarder.address"]) };
      case 5: return { op: "hsPrefix", prefixes: some(["08", "0803", "0901", "44", "847130"], 2) };
      case 6: return { op: "contains", field: pick(["goodsDescription", "consignee.address"]), values: some(["banana", "CAFE", "box", "apto", "general"], 2) };
      case 7: return { op: "routeVia", ports: some(PORTS, 2), legs: pick(["loading", "transshipment", "any"]) };
      case 8: return { op: "routeVia", countries: some(COUNTRIES, 2) };
      case 9: return { op: "partyNew", role: pick([...ROLES, "any"]), days: pick([0, 30, 365]) };
      case 10: return { op: "partySeizureLinked", role: pick([...ROLES, "any"]), ...(r() < 0.5 ? {} : { degree: pick([1, 2]) }) };
      case 11: return { op: "sealIssue" };
      case 12: return { op: "genericDescription" };
      case 13: return { op: "eq", field: pick(["consignee.name", "shipper.name"]), value: pick(NAMES) };
      case 14: return { op: "eq", field: pick(["attributes.tag", "attributes.flag"]), value: pick(["red", true, "blue"]) };
      default: return { op: "eq", field: "freightTerms", value: pick(["prepaid", "collect"]) };
    }
  };
  const condition = (depth: number): Cond => {
    const x = r();
    if (depth >= 3 || x < 0.55) return leaf();
    if (x < 0.8) return { op: pick(["all", "any"]), of: Array.from({ length: 1 + Math.floor(r() * 3) }, () => condition(depth + 1)) };
    return { op: "not", of: condition(depth + 1) };
  };
  const profile = () => {
    const indicators: Record<string, unknown>[] = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => ({ code: `I${i}`, label: `indicator ${i}`, points: Math.round((r() * 80 - 20) * 10) / 10, when: condition(0) }));
    if (r() < 0.3) indicators.push({ code: "TBL", label: "table", table: { key: ["consignee.id"], entries: { A1: 7, b2: -4 }, ...(r() < 0.5 ? { default: 1.5 } : {}) } });
    return profileDoc(indicators, { thresholds: { high: 50, medium: 25, low: 10 }, scope: r() < 0.3 ? { transportModes: ["sea"] } : undefined });
  };
  const ctx = (): ScoringContext => {
    const seen = new Map<string, Date>();
    const linked = new Set<string>();
    const linked2 = new Set<string>();
    const link = (key: string) => {
      if (r() < 0.1) linked.add(key);
      else if (r() < 0.15) linked2.add(key);
    };
    // First sightings from 400 days before NOW to 60 after: some after a shipment's own date.
    for (const name of NAMES) for (const c of [...COUNTRIES, ""]) {
      const key = partyKey({ name, country: c === "" ? undefined : c });
      if (key !== undefined && r() < 0.7) seen.set(key, new Date(NOW.getTime() - Math.floor(r() * 460 - 60) * DAY));
      if (key !== undefined) link(key);
    }
    for (const id of ["A1", "B2", "C3", "D4"]) for (const c of [...COUNTRIES, ""]) {
      const key = partyKey({ id, country: c === "" ? undefined : c });
      if (key !== undefined && r() < 0.5) seen.set(key, new Date(NOW.getTime() - Math.floor(r() * 460 - 60) * DAY));
      if (key !== undefined) link(key);
    }
    return {
      now: NOW,
      watchlists: new Map(),
      partyFirstSeen: (k) => seen.get(k),
      partyLinkedToSeizure: (k, degree = 1) => linked.has(k) || (degree === 2 && linked2.has(k)),
      medianValuePerKg: () => undefined,
    };
  };
  return { shipment, profile, ctx };
}

// ---- The reference interpreter: direct, slow, written from the spec. ----

type Value = string | number | boolean | null | undefined | readonly string[];

function read(s: ShipmentInput, field: string): Value {
  if (field.startsWith("attributes.")) {
    const name = field.slice(11);
    return Object.hasOwn(s.attributes, name) ? s.attributes[name] : undefined;
  }
  const [head, tail] = field.split(".");
  if (tail !== undefined) return ((s as unknown as Record<string, Record<string, unknown> | undefined>)[head ?? ""]?.[tail] as Value) ?? undefined;
  return (s as unknown as Record<string, Value>)[field];
}

function empty(v: Value): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.every((x: string) => x.trim() === ""));
}

function norm(field: string, v: string | number | boolean): string {
  const text = typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
  return field.endsWith(".name") ? normalizePartyName(text) : normalizeText(text);
}

function elements(v: Value): (string | number | boolean)[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? [...(v as string[])] : [v as string | number | boolean];
}

function keyOf(p: PartyInput | undefined): string | undefined {
  return partyKey(p);
}

function holds(c: Cond, s: ShipmentInput, ctx: ScoringContext): boolean {
  const field = c.field as string;
  switch (c.op) {
    case "all": return (c.of as Cond[]).every((x) => holds(x, s, ctx));
    case "any": return (c.of as Cond[]).some((x) => holds(x, s, ctx));
    case "not": return !holds(c.of as Cond, s, ctx);
    case "eq": return elements(read(s, field)).some((x) => (typeof x === "number" ? x === c.value : norm(field, x) === norm(field, c.value as string)));
    case "neq": return !empty(read(s, field)) && !elements(read(s, field)).some((x) => norm(field, x) === norm(field, c.value as string));
    case "in": return elements(read(s, field)).some((x) => (c.values as string[]).some((v) => norm(field, x) === norm(field, v)));
    case "notIn": return !empty(read(s, field)) && !elements(read(s, field)).some((x) => (c.values as string[]).some((v) => norm(field, x) === norm(field, v)));
    case "gt": case "gte": case "lt": case "lte": {
      const v = read(s, field);
      if (typeof v !== "number") return false;
      const t = c.value as number;
      return c.op === "gt" ? v > t : c.op === "gte" ? v >= t : c.op === "lt" ? v < t : v <= t;
    }
    case "between": {
      const v = read(s, field);
      return typeof v === "number" && v >= (c.min as number) && v <= (c.max as number);
    }
    case "exists": return !empty(read(s, field));
    case "missing": return empty(read(s, field));
    case "hsPrefix": return s.hsCodes.some((h) => (c.prefixes as string[]).some((p) => h.startsWith(p)));
    case "contains": return elements(read(s, field)).some((x) => (c.values as string[]).some((v) => normalizeText(String(x)).includes(normalizeText(v))));
    case "routeVia": {
      const legs = (c.legs as string | undefined) ?? "any";
      const ports = [...(legs !== "transshipment" && s.portOfLoading !== undefined ? [s.portOfLoading] : []), ...(legs !== "loading" ? s.transshipmentPorts : [])];
      return ports.some((p) => ((c.ports as string[] | undefined) ?? []).includes(p) || ((c.countries as string[] | undefined) ?? []).includes(p.slice(0, 2)));
    }
    case "partyNew": case "partySeizureLinked": {
      const roles = c.role === "any" ? ROLES : [c.role as PartyRole];
      return roles.some((role) => {
        const key = keyOf(s[role]);
        if (key === undefined) return false;
        if (c.op === "partySeizureLinked") return ctx.partyLinkedToSeizure(key, 1) || (c.degree === 2 && ctx.partyLinkedToSeizure(key, 2));
        const seen = ctx.partyFirstSeen(key);
        // The shipment's reference date: arrival, else departure, else the context's now.
        const ref = s.arrivalDate !== undefined ? Date.parse(s.arrivalDate) : s.departureDate !== undefined ? Date.parse(s.departureDate) : NOW.getTime();
        return seen === undefined || seen.getTime() >= ref - (c.days as number) * DAY;
      });
    }
    case "sealIssue": {
      if ((s.containerNumber === undefined && s.containerType === undefined) || s.isEmpty) return false;
      const seals = s.sealNumbers.map((x) => x.trim().toUpperCase()).filter((x) => x !== "");
      return seals.length === 0 || new Set(seals).size < seals.length;
    }
    case "genericDescription": return DESCRIPTIONS.find((d) => d.text === s.goodsDescription)?.generic ?? false;
    default: throw new Error(`reference interpreter lacks ${c.op}`);
  }
}

function referenceScore(doc: Record<string, unknown>, s: ShipmentInput, ctx: ScoringContext) {
  const scope = doc.scope as { transportModes?: string[] } | undefined;
  if (scope?.transportModes !== undefined && !scope.transportModes.includes(s.transportMode)) return { score: 0, codes: [] as string[], band: null };
  let score = 0;
  const codes: string[] = [];
  for (const ind of doc.indicators as Record<string, unknown>[]) {
    if (ind.table !== undefined) {
      const t = ind.table as { entries: Record<string, number>; default?: number };
      const id = s.consignee?.id;
      if (id === undefined) continue;
      const found = Object.entries(t.entries).find(([k]) => k.toUpperCase() === id.toUpperCase());
      const points = found !== undefined ? found[1] : t.default;
      if (points === undefined || points === 0) continue;
      score += points;
      codes.push(ind.code as string);
    } else if (holds(ind.when as Cond, s, ctx)) {
      score += ind.points as number;
      codes.push(ind.code as string);
    }
  }
  score = Math.round(score * 1e6) / 1e6;
  return { score, codes, band: score >= 50 ? "high" : score >= 25 ? "medium" : score >= 10 ? "low" : null };
}

describe("compiled scorer against the reference interpreter", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`agrees on 150 random profiles × 40 shipments (seed ${seed})`, () => {
      const g = generator(seed);
      let compared = 0;
      let matchedSomething = 0;
      for (let p = 0; p < 150; p++) {
        const doc = g.profile();
        const compiled = compile(doc);
        const ctx = g.ctx();
        for (let i = 0; i < 40; i++) {
          const s = g.shipment(i);
          const got = compiled.score(s, ctx, { shipmentId: s.id, versionId: "v" });
          const want = referenceScore(doc, s, ctx);
          const context = { profile: doc.indicators, shipment: s };
          expect({ score: got.score, codes: got.indicators.map((x) => x.code), band: got.band }, JSON.stringify(context)).toEqual(want);
          compared++;
          if (want.codes.length > 0) matchedSomething++;
        }
      }
      expect(compared).toBe(6_000);
      // The generator must exercise matches, not only misses.
      expect(matchedSomething).toBeGreaterThan(1_500);
    });
  }
});
