// The optimised scorer against a straightforward reference evaluation, for
// scores AND evidence: seeded random profiles over seeded random shipments
// whose text is typed the way manifests are (lower case, stray spaces,
// punctuation, accents, control characters). It covers the conditions whose
// compiled form takes short cuts (forwarder as consignee, route countries,
// HS prefixes, single-value text equality, watchlists, first sightings,
// seizure links, tables): any short cut that changes a score or a piece of
// evidence fails here. The reference is written from LANGUAGE.md with the
// normalisation functions called directly, no caching and no short cuts.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { isoMs } from "../../../profiling/derived.js";
import { selectionDraw } from "../../../profiling/dsl/compiler/random-selection.js";
import { normalizePartyName, normalizeText, partyKey, upperCode } from "../../../profiling/features/normalize.js";
import type { PartyInput, PartyRole, ScoringContext, ShipmentInput } from "../../../profiling/shipment.js";
import { randomParts } from "../../helpers/random-profile-parts.js";
import { compile, profileDoc } from "./support.js";
import { BatchContext, ShipmentBatch } from "../../../profiling/batch/shipment-batch.js";
import { compileBatchScorer } from "../../../profiling/batch/batch-scorer.js";

const NOW = new Date("2026-03-15T00:00:00Z");
const DAY = 86_400_000;
const ROLES: PartyRole[] = ["shipper", "consignee", "notify", "forwarder", "declarant"];
const PORTS = ["ECGYE", "coctg", " PAMIT", "BRSSZ ", "CNSHA", "E", "NLRTM", "BEANR", "ÉCGYE"];
const COUNTRIES = ["EC", "co", "PA", "BR", "CN", "E", "NL", "ECU", ""];
const HS = ["080390", "0803.90", "080440", "090111", "44", "847130", " 0803"];
const HS_PREFIXES = ["08", "0803", "0901", "44", "847130", "08039", "4408", "61", "62", "63", "64"];
// What a valid profile may write (the validator checks codes); the shipments above carry anything.
const PROFILE_PORTS = ["ECGYE", "COCTG", "PAMIT", "BRSSZ", "CNSHA", "NLRTM", "BEANR"];
const PROFILE_COUNTRIES = ["EC", "co", "PA", "BR", "CN", "NL"];
// Names that normalise alike in pairs, and some that look alike but are not.
const NAMES = [
  "Acme Trading Ltd", "ACME TRADING LIMITED", "acme trading", " .Acme, Trading", "Áçme Trading", "\u0001 LTD", "\u0001 INC",
  "Frutas del Sur S.A.", "FRUTAS DEL SUR SA", "(Frutas) del Sur", "Global Logistics NV", "global  logistics", "-Global Logistics", "Blue Ocean GmbH",
  "ØRSTED SHIPPING", "Orsted Shipping", "\tBlue ocean", "SA", "Ltd.", "",
];
const TERMS = ["prepaid", "collect", " Collect", "COLLECT ", "col  lect", "cóllect", "Collect\u0001", "\u00a0collect"];
const CURRENCIES = ["USD", "usd", " Usd ", "EUR", "eur\t", "US D"];
const PROFILE_VALUES: Record<string, readonly string[]> = { freightTerms: ["prepaid", "collect"], currency: ["USD", "eur", "GBP"], "attributes.note": TERMS };

type Cond = Record<string, unknown> & { op: string };

function generator(seed: number) {
  const { r, pick, maybe, some, party: partyNamed, condition: tree } = randomParts(seed);
  const party = (): PartyInput | undefined => partyNamed(NAMES);

  const shipment = (i: number): ShipmentInput => {
    const consignee = party();
    return {
      id: `ev-${seed}-${i}`,
      transportMode: pick(["sea", "sea", "air"] as const),
      portOfLoading: maybe(0.9, () => pick(PORTS)),
      transshipmentPorts: r() < 0.4 ? [] : some(PORTS, 3),
      portOfDischarge: maybe(0.9, () => pick(PORTS)),
      containerNumber: maybe(0.8, () => "CSQU3054383"),
      sealNumbers: ["S1"],
      isEmpty: false,
      shipper: party(),
      consignee,
      notify: maybe(0.3, party),
      // The forwarder is often the consignee, spelt the same or otherwise.
      forwarder: r() < 0.3 && consignee !== undefined ? { ...consignee, name: maybe(0.9, () => pick(NAMES)) } : party(),
      hsCodes: r() < 0.1 ? [] : some(HS, 2),
      arrivalDate: maybe(0.7, () => new Date(NOW.getTime() + Math.floor(r() * 200 - 100) * DAY).toISOString().slice(0, 10)),
      departureDate: maybe(0.5, () => new Date(NOW.getTime() - Math.floor(r() * 120) * DAY).toISOString().slice(0, 10)),
      grossWeightKg: maybe(0.9, () => Math.round(r() * 30_000)),
      currency: maybe(0.9, () => pick(CURRENCIES)),
      countryOfOrigin: maybe(0.85, () => pick(COUNTRIES)),
      // Typed as the pipeline types it, but history files carry anything.
      freightTerms: maybe(0.9, () => pick(TERMS)) as ShipmentInput["freightTerms"],
      attributes: r() < 0.5 ? {} : { note: pick(TERMS) },
    };
  };

  const leaf = (): Cond => {
    switch (Math.floor(r() * 12)) {
      case 0: return { op: "partyIsForwarder" };
      case 1: return { op: "routeVia", countries: some(PROFILE_COUNTRIES, 3), ...(r() < 0.5 ? { ports: some(PROFILE_PORTS, 2) } : {}), legs: pick(["loading", "transshipment", "any"]) };
      case 2: return { op: "routeVia", ports: some(PROFILE_PORTS, 3) };
      case 3: return { op: "hsPrefix", prefixes: some(HS_PREFIXES, r() < 0.2 ? 12 : 3) };
      case 4: {
        const field = pick(["freightTerms", "currency", "attributes.note"]);
        return { op: pick(["eq", "neq"]), field, value: pick(PROFILE_VALUES[field]!) };
      }
      case 5: {
        const field = pick(["freightTerms", "currency"]);
        return { op: pick(["in", "notIn"]), field, values: some(PROFILE_VALUES[field]!, 3) };
      }
      case 6: return { op: "eq", field: pick(["consignee.name", "forwarder.name"]), value: pick(NAMES.filter((n) => n.trim() !== "")) };
      case 7: return { op: "inList", field: pick(["consignee.name", "shipper.name"]), list: "WATCH" };
      case 8: return { op: "partyNew", role: pick([...ROLES, "any"]), days: pick([0, 30, 365]) };
      case 9: return { op: "partySeizureLinked", role: pick([...ROLES, "any"]) };
      case 10: return { op: "contains", field: pick(["consignee.address", "shipper.name"]), values: some(["box", "ACME", "sur"], 2) };
      default: return { op: "gt", field: "grossWeightKg", value: Math.round(r() * 30_000) };
    }
  };
  const condition = (depth: number): Cond => tree(leaf, depth);
  const profile = () => {
    const indicators: Record<string, unknown>[] = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => ({ code: `I${i}`, label: `indicator ${i}`, points: Math.round((r() * 60 - 10) * 10) / 10, when: condition(0) }));
    if (r() < 0.4) {
      const key = pick([["consignee.name"], ["countryOfOrigin"], ["consignee.name", "countryOfOrigin"]]);
      const entries: Record<string, number> = {};
      const written = new Set<string>();
      for (let k = 0; k < 6; k++) {
        const parts = key.map((path) => (path === "countryOfOrigin" ? pick(PROFILE_COUNTRIES) : pick(NAMES.filter((n) => normalizePartyName(n) !== ""))));
        // Two entries that normalise alike are a validation error: keep the first.
        const normalised = parts.map((part, i) => (key[i] === "countryOfOrigin" ? normalizeText(part) : normalizePartyName(part))).join("|");
        if (written.has(normalised)) continue;
        written.add(normalised);
        entries[parts.join("|")] = Math.round(r() * 20 - 5);
      }
      indicators.push({ code: "TBL", label: "table", table: { key, entries, ...(r() < 0.5 ? { default: 1.5 } : {}) } });
    }
    return profileDoc(indicators, { thresholds: { high: 50, medium: 25, low: 10 }, randomRate: r() < 0.5 ? 0.2 : 0 });
  };
  const ctx = (): ScoringContext => {
    const seen = new Map<string, Date>();
    const linked = new Set<string>();
    const keys = new Set<string>(["K1", "K2", "K3"]);
    for (const name of NAMES) for (const country of ["EC", "BE", "nl", undefined]) for (const id of ["A1", "b2", "C3", undefined]) {
      const key = partyKey({ name, country, id });
      if (key !== undefined) keys.add(key);
    }
    for (const key of keys) {
      if (r() < 0.7) seen.set(key, new Date(NOW.getTime() - Math.floor(r() * 460 - 60) * DAY));
      if (r() < 0.2) linked.add(key);
    }
    const watch = new Set(NAMES.filter(() => r() < 0.3).map((n) => (r() < 0.5 ? normalizePartyName(n) : n.trim())));
    return {
      now: NOW,
      watchlists: new Map([["WATCH", watch]]),
      partyFirstSeen: (k) => seen.get(k),
      partyLinkedToSeizure: (k) => linked.has(k),
      medianValuePerKg: () => undefined,
    };
  };
  return { shipment, profile, ctx };
}

// ---- The reference evaluation ----

type Scalar = string | number | boolean;
type Value = Scalar | null | undefined | readonly string[];
interface Ev { field: string; value: Scalar | null }
/** Evidence when the condition holds, undefined when it does not. */
type Outcome = Ev[] | undefined;

const PARTY_NAME_FIELDS = new Set(ROLES.map((role) => `${role}.name`));

function read(s: ShipmentInput, field: string): Value {
  if (field.startsWith("attributes.")) {
    const name = field.slice("attributes.".length);
    return Object.hasOwn(s.attributes, name) ? s.attributes[name] : undefined;
  }
  const [head, tail] = field.split(".");
  if (tail !== undefined) return ((s as unknown as Record<string, Record<string, unknown> | undefined>)[head ?? ""]?.[tail] as Value) ?? undefined;
  return (s as unknown as Record<string, Value>)[field];
}

const text = (v: Scalar): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : v ? "TRUE" : "FALSE");
const norm = (field: string, v: Scalar): string => (PARTY_NAME_FIELDS.has(field) ? normalizePartyName(text(v)) : normalizeText(text(v)));
const elements = (v: Value): Scalar[] => (v === undefined || v === null ? [] : Array.isArray(v) ? [...(v as string[])] : [v as Scalar]);
const isEmpty = (v: Value): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.every((x: string) => x.trim() === ""));
/** The pipeline's key where the party carries one, else the derived identity. */
const keyOf = (p: PartyInput | undefined): string | undefined => (p === undefined ? undefined : p.key !== undefined && p.key.length > 0 ? p.key : partyKey(p));

/** The first element that passes, as evidence. */
function firstPassing(field: string, v: Value, test: (x: Scalar) => boolean): Outcome {
  const found = elements(v).find(test);
  return found === undefined ? undefined : [{ field, value: found }];
}

function evaluate(c: Cond, s: ShipmentInput, ctx: ScoringContext): Outcome {
  const field = c.field as string;
  switch (c.op) {
    case "all": {
      const out: Ev[] = [];
      for (const part of c.of as Cond[]) {
        const got = evaluate(part, s, ctx);
        if (got === undefined) return undefined;
        out.push(...got);
      }
      return out;
    }
    case "any": {
      for (const part of c.of as Cond[]) {
        const got = evaluate(part, s, ctx);
        if (got !== undefined) return got;
      }
      return undefined;
    }
    case "not":
      return evaluate(c.of as Cond, s, ctx) === undefined ? [] : undefined;
    case "eq":
    case "in": {
      const wanted = (c.op === "eq" ? [c.value] : (c.values as Scalar[])).map((x) => norm(field, x as Scalar));
      return firstPassing(field, read(s, field), (x) => typeof x === "string" && wanted.includes(norm(field, x)));
    }
    case "neq":
    case "notIn": {
      const wanted = (c.op === "neq" ? [c.value] : (c.values as Scalar[])).map((x) => norm(field, x as Scalar));
      const v = read(s, field);
      if (isEmpty(v)) return undefined;
      if (elements(v).some((x) => typeof x === "string" && wanted.includes(norm(field, x)))) return undefined;
      return [{ field, value: elements(v)[0] ?? null }];
    }
    case "gt":
      return firstPassing(field, read(s, field), (x) => typeof x === "number" && x > (c.value as number));
    case "hsPrefix":
      return firstPassing("hsCodes", s.hsCodes, (x) => (c.prefixes as string[]).some((p) => text(x).startsWith(p)));
    case "contains": {
      const needles = (c.values as string[]).map((x) => normalizeText(x)).filter((x) => x.length > 0);
      return firstPassing(field, read(s, field), (x) => needles.some((n) => normalizeText(text(x)).includes(n)));
    }
    case "inList": {
      const entries = ctx.watchlists.get(c.list as string);
      if (entries === undefined || entries.size === 0) return undefined;
      return firstPassing(field, read(s, field), (x) => {
        const raw = text(x).trim();
        if (raw === "") return false;
        return entries.has(raw) || entries.has(normalizeText(raw)) || (PARTY_NAME_FIELDS.has(field) && entries.has(normalizePartyName(raw)));
      });
    }
    case "routeVia": {
      const legs = (c.legs as string | undefined) ?? "any";
      const ports = ((c.ports as string[] | undefined) ?? []).map((p) => p.toUpperCase());
      const countries = ((c.countries as string[] | undefined) ?? []).map((x) => x.toUpperCase());
      const passes = (p: string | undefined) => p !== undefined && (ports.includes(upperCode(p)) || (countries.length > 0 && countries.includes(upperCode(p).slice(0, 2))));
      const legsRead = [...(legs !== "transshipment" ? [s.portOfLoading] : []), ...(legs !== "loading" ? s.transshipmentPorts : [])];
      const found = legsRead.find(passes);
      return found === undefined ? undefined : [{ field: "derived.route", value: upperCode(found) }];
    }
    case "partyIsForwarder": {
      const { consignee, forwarder } = s;
      if (consignee === undefined || forwarder === undefined) return undefined;
      const ck = keyOf(consignee);
      const fk = keyOf(forwarder);
      const sameKey = ck !== undefined && ck === fk;
      const cn = consignee.name === undefined ? "" : normalizePartyName(consignee.name);
      const sameName = cn !== "" && forwarder.name !== undefined && cn === normalizePartyName(forwarder.name);
      return sameKey || sameName ? [{ field: "forwarder.name", value: forwarder.name ?? fk ?? null }] : undefined;
    }
    case "partyNew":
    case "partySeizureLinked": {
      const roles = c.role === "any" ? ROLES : [c.role as PartyRole];
      for (const role of roles) {
        const party = s[role];
        const key = keyOf(party);
        if (key === undefined) continue;
        let found: Scalar | undefined;
        if (c.op === "partySeizureLinked") {
          found = ctx.partyLinkedToSeizure(key, 1) ? true : undefined;
        } else {
          const seen = ctx.partyFirstSeen(key);
          const arrival = isoMs(s.arrivalDate);
          const departure = isoMs(s.departureDate);
          const reference = !Number.isNaN(arrival) ? arrival : !Number.isNaN(departure) ? departure : ctx.now.getTime();
          if (seen === undefined) found = "never seen";
          // Seen first on this shipment's own date or later: never seen before it.
          else if (reference - seen.getTime() <= 0) found = "never seen";
          else if (reference - seen.getTime() <= (c.days as number) * DAY) found = seen.toISOString().slice(0, 10);
        }
        if (found === undefined) continue;
        return [{ field: `${role}.name`, value: party?.name ?? key }, { field: `${role}.${c.op === "partyNew" ? "firstSeen" : "seizureLinked"}`, value: found }];
      }
      return undefined;
    }
    default:
      throw new Error(`the reference lacks ${c.op}`);
  }
}

function tablePoints(table: { key: string[]; entries: Record<string, number>; default?: number }, s: ShipmentInput): { points: number; evidence: Ev[] } | undefined {
  const parts: string[] = [];
  for (const path of table.key) {
    const v = elements(read(s, path))[0];
    if (v === undefined) return undefined;
    const part = norm(path, v);
    if (part === "") return undefined;
    parts.push(part);
  }
  const key = parts.join("|");
  const entries = new Map(Object.entries(table.entries).map(([raw, points]) => [raw.split("|").map((part, i) => norm(table.key[i] ?? "", part)).join("|"), points]));
  const points = entries.get(key) ?? table.default;
  if (points === undefined || points === 0) return undefined;
  return { points, evidence: table.key.map((path) => ({ field: path, value: elements(read(s, path))[0] ?? null })) };
}

function referenceScore(doc: Record<string, unknown>, s: ShipmentInput, ctx: ScoringContext, versionId: string) {
  const indicators: { code: string; label: string; points: number; evidence: Ev[] }[] = [];
  let score = 0;
  for (const ind of doc.indicators as Record<string, unknown>[]) {
    let points = ind.points as number | undefined;
    let evidence: Ev[] = [];
    if (ind.when !== undefined) {
      const got = evaluate(ind.when as Cond, s, ctx);
      if (got === undefined) continue;
      evidence = got;
    }
    if (ind.table !== undefined) {
      const got = tablePoints(ind.table as { key: string[]; entries: Record<string, number>; default?: number }, s);
      if (got === undefined) continue;
      points = got.points;
      evidence = [...evidence, ...got.evidence];
    }
    score += points ?? 0;
    indicators.push({ code: ind.code as string, label: ind.label as string, points: points ?? 0, evidence: evidence.slice(0, 10) });
  }
  score = Math.round(score * 1e6) / 1e6;
  const rate = doc.randomRate as number;
  const random = rate > 0 && selectionDraw(s.id, versionId) < rate;
  const band = score >= 50 ? "high" : score >= 25 ? "medium" : score >= 10 ? "low" : null;
  return { score, band, selected: random || score >= 50, random, applicable: true, indicators };
}

describe("optimised scorer against a straightforward reference, evidence included", () => {
  for (const seed of [11, 12, 13, 14]) {
    it(`gives identical results on 100 random profiles × 50 shipments (seed ${seed})`, () => {
      const g = generator(seed);
      let matched = 0;
      let forwarderMatches = 0;
      let compared = 0;
      for (let p = 0; p < 100; p++) {
        const doc = g.profile();
        const compiled = compile(doc);
        const ctx = g.ctx();
        for (let i = 0; i < 50; i++) {
          const s = g.shipment(i);
          // Twice: a second score of the same shipment must not read anything the first one left behind.
          for (let twice = 0; twice < 2; twice++) {
            const got = compiled.score(s, ctx, { shipmentId: s.id, versionId: "v" });
            const want = referenceScore(doc, s, ctx, "v");
            // The message (profile and shipment) is built only for a difference.
            if (!isDeepStrictEqual(got, want)) expect(got, JSON.stringify({ indicators: doc.indicators, shipment: s })).toEqual(want);
            compared++;
          }
          const want = referenceScore(doc, s, ctx, "v");
          if (want.indicators.length > 0) matched++;
          if (want.indicators.some((ind) => ind.evidence.some((e) => e.field === "forwarder.name"))) forwarderMatches++;
        }
      }
      // The generator must exercise matches, not only misses.
      expect(compared).toBe(10_000);
      expect(matched).toBeGreaterThan(1_500);
      expect(forwarderMatches).toBeGreaterThan(20);
    });
  }
});

describe("batch scorer (profiling/batch/) against the same reference, evidence included", () => {
  for (const seed of [15, 16]) {
    it(`gives identical results on 100 random profiles × 50 shipments scored as one batch (seed ${seed})`, () => {
      const g = generator(seed);
      let matched = 0;
      let compared = 0;
      for (let p = 0; p < 100; p++) {
        const doc = g.profile();
        const scorer = compileBatchScorer(compile(doc).profile);
        const ctx = g.ctx();
        const shipments = Array.from({ length: 50 }, (_, i) => g.shipment(i));
        const batch = new ShipmentBatch(shipments);
        // Twice over the same batch and a fresh context each time: nothing kept from the first pass may change the second.
        for (let twice = 0; twice < 2; twice++) {
          const run = new BatchContext(batch, ctx);
          const scores = scorer.scoreBatch(run, "v");
          shipments.forEach((s, i) => {
            const want = referenceScore(doc, s, ctx, "v");
            const got = scorer.result(run, scores, i);
            if (!isDeepStrictEqual(got, want)) expect(got, JSON.stringify({ indicators: doc.indicators, shipment: s })).toEqual(want);
            // What the batch itself holds, before any evidence is materialised.
            expect(scorer.fired(scores, i)).toEqual(want.indicators.map((m) => ({ code: m.code, points: m.points })));
            expect(scores.scores[i]).toBe(want.score);
            if (want.indicators.length > 0) matched++;
            compared++;
          });
        }
      }
      expect(compared).toBe(10_000);
      expect(matched).toBeGreaterThan(1_500);
    });
  }
});
