// The 20 indicators of the scoring benchmark, written twice: as a Portcullis
// profile and as json-rules-engine rules with the same conditions, the
// derived measures as dynamic facts (computed inside the engine, as its users
// would) and custom operators where the engine has no equivalent.
import { Engine, type Almanac, type RuleProperties } from "json-rules-engine";
import { genericDescriptionReason } from "../profiling/features/generic-descriptions.js";
import { normalizePartyName, normalizeText, partyKey } from "../profiling/features/normalize.js";
import { describeContainerType } from "../profiling/features/iso6346.js";
import type { PartyRole, ScoringContext, ShipmentInput } from "../profiling/shipment.js";

const SRC_PORTS = ["ECGYE", "COCTG", "PAMIT", "BRSSZ", "PECLL", "COBUN"];
const SRC_COUNTRIES = ["EC", "CO", "PE", "BO", "VE"];
const FRUIT = ["0803", "0804", "0805"];
const PO_BOX = ["P.O. BOX", "PO BOX", "APARTADO", "CASILLA"];
const BANANA_WORDS = ["BANANA", "PLATANO", "PLANTAIN"];
const DAY = 86_400_000;

type Rule = { code: string; label: string; points: number; when: unknown; jre: RuleProperties["conditions"] };
const fact = (f: string, operator: string, value: unknown, params?: Record<string, unknown>) => ({ fact: f, operator, value, ...(params ? { params } : {}) });
const path = (p: string, operator: string, value: unknown) => ({ fact: "shipment", path: `$.${p}`, operator, value });

export const RULES: Rule[] = [
  { code: "SRC_PORT", label: "Loaded or transshipped in a source port", points: 20, when: { op: "routeVia", ports: SRC_PORTS }, jre: { all: [fact("routeLoadTranship", "intersects", SRC_PORTS)] } },
  { code: "SRC_COUNTRY_LOADING", label: "Loaded in a source country", points: 10, when: { op: "routeVia", countries: SRC_COUNTRIES, legs: "loading" }, jre: { all: [fact("loadingCountry", "in", SRC_COUNTRIES)] } },
  { code: "FRUIT_REEFER", label: "Fruit in a reefer", points: 10, when: { op: "all", of: [{ op: "hsPrefix", prefixes: FRUIT }, { op: "eq", field: "derived.isReefer", value: true }] }, jre: { all: [fact("hsCodes", "anyStartsWith", FRUIT), fact("isReefer", "equal", true)] } },
  { code: "NEW_CONSIGNEE", label: "Consignee first seen within 90 days", points: 15, when: { op: "partyNew", role: "consignee", days: 90 }, jre: { all: [fact("partyIsNew", "equal", true, { role: "consignee", days: 90 })] } },
  { code: "NEW_SHIPPER", label: "Shipper first seen within 90 days", points: 10, when: { op: "partyNew", role: "shipper", days: 90 }, jre: { all: [fact("partyIsNew", "equal", true, { role: "shipper", days: 90 })] } },
  { code: "WATCH_CONSIGNEE", label: "Consignee on the watchlist", points: 40, when: { op: "inList", field: "consignee.name", list: "WATCH-CONSIGNEES" }, jre: { all: [fact("onWatchlist", "equal", true, { role: "consignee", list: "WATCH-CONSIGNEES" })] } },
  { code: "SEIZURE_LINKED", label: "A party linked to a past seizure", points: 35, when: { op: "partySeizureLinked", role: "any" }, jre: { all: [fact("seizureLinked", "equal", true)] } },
  { code: "FWD_AS_CONSIGNEE", label: "Forwarder as consignee", points: 10, when: { op: "partyIsForwarder" }, jre: { all: [fact("forwarderIsConsignee", "equal", true)] } },
  { code: "VAGUE_ADDRESS", label: "Consignee address is a post-office box", points: 10, when: { op: "contains", field: "consignee.address", values: PO_BOX }, jre: { all: [path("consignee.address", "containsAnyText", PO_BOX)] } },
  { code: "GENERIC_DESC", label: "Generic goods description", points: 15, when: { op: "genericDescription" }, jre: { all: [fact("genericDescription", "equal", true)] } },
  { code: "VALUE_LOW", label: "Value per kg far below the median", points: 15, when: { op: "valueAnomaly", below: 0.3 }, jre: { all: [fact("valuePerKgRatio", "lessThan", 0.3)] } },
  { code: "WEIGHT_IMPLAUSIBLE", label: "Gross weight implausible", points: 15, when: { op: "weightImplausible", maxKgPerPackage: 100 }, jre: { all: [fact("weightImplausible", "equal", true, { maxKgPerPackage: 100 })] } },
  { code: "SEAL_ISSUE", label: "Seals missing or duplicated", points: 20, when: { op: "sealIssue" }, jre: { all: [fact("sealIssue", "equal", true)] } },
  { code: "COLLECT_NEW", label: "Collect freight, consignee new within 180 days", points: 10, when: { op: "all", of: [{ op: "eq", field: "freightTerms", value: "collect" }, { op: "partyNew", role: "consignee", days: 180 }] }, jre: { all: [path("freightTerms", "equal", "collect"), fact("partyIsNew", "equal", true, { role: "consignee", days: 180 })] } },
  { code: "LATE_AMEND", label: "Manifest amended less than 24 h before arrival", points: 15, when: { op: "lt", field: "derived.hoursAmendedBeforeArrival", value: 24 }, jre: { all: [fact("hoursAmendedBeforeArrival", "lessThan", 24)] } },
  { code: "LATE_FILING", label: "Manifest filed less than 24 h before arrival", points: 5, when: { op: "lt", field: "derived.hoursFiledBeforeArrival", value: 24 }, jre: { all: [fact("hoursFiledBeforeArrival", "lessThan", 24)] } },
  { code: "MANY_TRANSSHIP", label: "Two or more transshipments", points: 5, when: { op: "gte", field: "derived.transshipmentCount", value: 2 }, jre: { all: [fact("transshipmentCount", "greaterThanInclusive", 2)] } },
  { code: "HS_DESC_MISMATCH", label: "Bananas declared, description does not say so", points: 15, when: { op: "all", of: [{ op: "hsPrefix", prefixes: ["0803"] }, { op: "not", of: { op: "contains", field: "goodsDescription", values: BANANA_WORDS } }] }, jre: { all: [fact("hsCodes", "anyStartsWith", ["0803"]), path("goodsDescription", "containsNoText", BANANA_WORDS)] } },
  { code: "ORIGIN_NOT_LOADING", label: "Loaded outside the country of origin", points: 5, when: { op: "fieldCompare", field: "derived.loadingCountry", cmp: "neq", other: "countryOfOrigin" }, jre: { all: [fact("loadingCountry", "notEqual", { fact: "shipment", path: "$.countryOfOrigin" })] } },
  { code: "FREIGHT_ABOVE_VALUE", label: "Freight cost above the declared value", points: 10, when: { op: "fieldCompare", field: "attributes.freightCost", cmp: "gt", other: "declaredValue" }, jre: { all: [path("attributes.freightCost", "greaterThan", { fact: "shipment", path: "$.declaredValue" })] } },
];

export const BENCH_PROFILE = {
  language: "portcullis/profile@1",
  code: "BENCH-20",
  name: "Benchmark: 20 realistic maritime indicators",
  target: { kind: "commodity", commodity: "cocaine" },
  scope: { transportModes: ["sea"] },
  thresholds: { high: 60, medium: 35, low: 15 },
  randomRate: 0.01,
  indicators: RULES.map(({ code, label, points, when }) => ({ code, label, points, when })),
};

const ROLES: PartyRole[] = ["shipper", "consignee", "notify", "forwarder", "declarant"];

/** A json-rules-engine engine holding the same rules, facts computed from the `shipment` and `ctx` run facts. */
export function buildEngine(): Engine {
  const engine = new Engine(RULES.map((r) => ({ name: r.code, conditions: r.jre, event: { type: r.code, params: { points: r.points } } })), { allowUndefinedFacts: true });
  engine.addOperator("intersects", (a: unknown, b: string[]) => Array.isArray(a) && a.some((x) => b.includes(x as string)));
  engine.addOperator("anyStartsWith", (a: unknown, b: string[]) => Array.isArray(a) && a.some((x) => b.some((p) => String(x).startsWith(p))));
  engine.addOperator("containsAnyText", (a: unknown, b: string[]) => typeof a === "string" && b.some((n) => normalizeText(a).includes(normalizeText(n))));
  engine.addOperator("containsNoText", (a: unknown, b: string[]) => typeof a !== "string" || !b.some((n) => normalizeText(a).includes(normalizeText(n))));
  const shipment = (al: Almanac) => al.factValue<ShipmentInput>("shipment");
  const ctx = (al: Almanac) => al.factValue<ScoringContext>("ctx");
  engine.addFact("routeLoadTranship", async (_p, al) => {
    const s = await shipment(al);
    return [s.portOfLoading, ...s.transshipmentPorts].filter((x) => x !== undefined);
  });
  engine.addFact("loadingCountry", async (_p, al) => (await shipment(al)).portOfLoading?.slice(0, 2));
  engine.addFact("hsCodes", async (_p, al) => (await shipment(al)).hsCodes);
  engine.addFact("isReefer", async (_p, al) => {
    const t = (await shipment(al)).containerType;
    return t === undefined ? undefined : describeContainerType(t)?.isReefer;
  });
  engine.addFact("partyIsNew", async (p, al) => {
    const [s, c] = await Promise.all([shipment(al), ctx(al)]);
    const key = partyKey(s[p.role as PartyRole]);
    if (key === undefined) return false;
    const seen = c.partyFirstSeen(key);
    return seen === undefined || c.now.getTime() - seen.getTime() <= (p.days as number) * DAY;
  });
  engine.addFact("onWatchlist", async (p, al) => {
    const [s, c] = await Promise.all([shipment(al), ctx(al)]);
    const name = s[p.role as PartyRole]?.name;
    return name !== undefined && (c.watchlists.get(p.list as string)?.has(normalizePartyName(name)) ?? false);
  });
  engine.addFact("seizureLinked", async (_p, al) => {
    const [s, c] = await Promise.all([shipment(al), ctx(al)]);
    return ROLES.some((r) => {
      const key = partyKey(s[r]);
      return key !== undefined && c.partyLinkedToSeizure(key);
    });
  });
  engine.addFact("forwarderIsConsignee", async (_p, al) => {
    const s = await shipment(al);
    const ck = partyKey(s.consignee);
    return ck !== undefined && ck === partyKey(s.forwarder);
  });
  engine.addFact("genericDescription", async (_p, al) => {
    const d = (await shipment(al)).goodsDescription;
    return d !== undefined && genericDescriptionReason(d) !== undefined;
  });
  engine.addFact("valuePerKgRatio", async (_p, al) => {
    const [s, c] = await Promise.all([shipment(al), ctx(al)]);
    const kg = s.netWeightKg ?? s.grossWeightKg;
    const hs = s.hsCodes[0];
    if (s.declaredValue === undefined || !kg || hs === undefined) return undefined;
    const median = c.medianValuePerKg(hs, s.countryOfOrigin, s.currency);
    return median ? s.declaredValue / kg / median : undefined;
  });
  engine.addFact("weightImplausible", async (p, al) => {
    const s = await shipment(al);
    if (s.grossWeightKg === undefined) return false;
    const payload = s.containerType === undefined ? undefined : describeContainerType(s.containerType)?.maxPayloadKg;
    if (payload !== undefined && s.grossWeightKg > payload) return true;
    if (!s.isEmpty && s.grossWeightKg < 100) return true;
    return s.packages !== undefined && s.packages > 0 && s.grossWeightKg / s.packages > (p.maxKgPerPackage as number);
  });
  engine.addFact("sealIssue", async (_p, al) => {
    const s = await shipment(al);
    const seals = s.sealNumbers.filter((x) => x.trim() !== "");
    return !s.isEmpty && (seals.length === 0 || new Set(seals).size !== seals.length);
  });
  const hoursBefore = (a: string | undefined, b: string | undefined) => (a === undefined || b === undefined ? undefined : (Date.parse(a) - Date.parse(b)) / 3_600_000);
  engine.addFact("hoursAmendedBeforeArrival", async (_p, al) => {
    const s = await shipment(al);
    return hoursBefore(s.arrivalDate, s.manifestAmendedAt);
  });
  engine.addFact("hoursFiledBeforeArrival", async (_p, al) => {
    const s = await shipment(al);
    return hoursBefore(s.arrivalDate, s.manifestFiledAt);
  });
  engine.addFact("transshipmentCount", async (_p, al) => (await shipment(al)).transshipmentPorts.length);
  return engine;
}
