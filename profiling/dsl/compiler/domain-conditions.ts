// Conditions that carry customs knowledge rather than a plain comparison:
// route via source ports, new or seizure-linked parties, forwarder as
// consignee, value and weight anomalies, generic descriptions, seal issues.
import { genericDescriptionReason } from "../../features/generic-descriptions.js";
import { normalizePartyName, upperCode } from "../../features/normalize.js";
import type { ShipmentFacts } from "../../derived.js";
import { PARTY_ROLES, type PartyRole } from "../../shipment.js";
import type { Condition, RoleOrAny } from "../profile-types.js";
import type { EvidenceBuffer, Matcher } from "./evidence.js";
import { prepSlot } from "../../prepared-shipment.js";
import { KEPT_ELEMENTS, keptAnswers } from "./kept-answers.js";

const DAY_MS = 86_400_000;
/** A full container declaring less than this is as implausible as one over its payload. */
export const FULL_CONTAINER_FLOOR_KG = 100;

type DomainCondition = Extract<Condition, { op: "routeVia" | "partyNew" | "partySeizureLinked" | "partyIsForwarder" | "valueAnomaly" | "weightImplausible" | "genericDescription" | "sealIssue" }>;

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function compileDomainCondition(c: DomainCondition): Matcher {
  switch (c.op) {
    case "routeVia":
      return routeVia(c.ports ?? [], c.countries ?? [], c.legs ?? "any");
    case "partyNew": {
      const windowMs = c.days * DAY_MS;
      // Counted back from the shipment's own date, not from when it is scored:
      // a first sighting on or after that date (this very shipment) is new too,
      // and its evidence says so: the date would be this shipment's own arrival,
      // often days ahead, read by an officer as a sighting that has not happened.
      return partyMatcher(c.role, (f, key, roleIndex) => {
        const seen = f.partyFirstSeen(roleIndex, key);
        if (seen === undefined) return "never seen";
        const before = f.partyReferenceTime() - seen.getTime();
        if (before > windowMs) return undefined;
        return before <= 0 ? "never seen" : seen.toISOString().slice(0, 10);
      }, "firstSeen");
    }
    case "partySeizureLinked":
      if ((c.degree ?? 1) === 1) return partyMatcher(c.role, (f, key, roleIndex) => (f.linkedToSeizure(roleIndex, key, 1) ? true : undefined), "seizureLinked");
      // Degree 2 says which link it found: the party's own seized shipment, or a shipment shared with such a party.
      return partyMatcher(
        c.role,
        (f, key, roleIndex) => (f.linkedToSeizure(roleIndex, key, 1) ? "direct" : f.linkedToSeizure(roleIndex, key, 2) ? "shared shipment" : undefined),
        "seizureLinked",
      );
    case "partyIsForwarder":
      return (f, ev) => {
        const { consignee, forwarder } = f.s;
        if (consignee === undefined || forwarder === undefined) return false;
        const ck = f.partyKey("consignee", 1);
        const fk = f.partyKey("forwarder", 3);
        let same = ck !== undefined && ck === fk;
        const a = consignee.name;
        const b = forwarder.name;
        // Names whose first distinctive characters differ cannot normalise alike: most pairs stop here, before two memo look-ups.
        if (!same && a !== undefined && b !== undefined && (a === b || mayNameAlike(a, b))) {
          const cn = normalizePartyName(a);
          same = cn.length > 0 && cn === normalizePartyName(b);
        }
        if (same) ev.push("forwarder.name", forwarder.name ?? fk ?? null);
        return same;
      };
    case "valueAnomaly": {
      const below = c.below ?? -Infinity;
      const above = c.above ?? Infinity;
      return (f, ev) => {
        const ratio = f.valuePerKgRatio();
        if (ratio === undefined || (ratio >= below && ratio <= above)) return false;
        ev.push("derived.valuePerKgRatio", round(ratio, 3));
        ev.push("derived.valuePerKg", round(f.valuePerKg() ?? 0, 2));
        return true;
      };
    }
    case "weightImplausible":
      return weightImplausible(c.minKgPerPackage, c.maxKgPerPackage);
    case "genericDescription":
      return (f, ev) => {
        const d = f.s.goodsDescription;
        if (d === undefined || !isGeneric(f, d)) return false;
        ev.push("goodsDescription", d.length > 200 ? d.slice(0, 200) : d);
        return true;
      };
    case "sealIssue":
      return sealIssue;
  }
}

const GENERIC_SLOT = prepSlot("genericDescription");

/** Whether the description is generic; a prepared shipment keeps the answer (it depends on the text alone). */
function isGeneric(f: ShipmentFacts, d: string): boolean {
  const prep = f.prep;
  if (prep === undefined) return genericDescriptionReason(d) !== undefined;
  let kept = prep.value(GENERIC_SLOT) as boolean | undefined;
  if (kept === undefined) {
    kept = genericDescriptionReason(d) !== undefined;
    prep.keep(GENERIC_SLOT, kept);
  }
  return kept;
}

/**
 * False when normalizePartyName(a) and normalizePartyName(b) surely differ:
 * both plain ASCII and their first characters that survive normalisation
 * (not space, '.' or the punctuation it turns into spaces) differ once
 * uppercased. The first word of a name is never stripped as a legal form, so
 * that character starts the normalised name. Anything else may match.
 */
function mayNameAlike(a: string, b: string): boolean {
  const x = firstKept(a);
  const y = firstKept(b);
  return x < 0 || y < 0 || x === y;
}

/**
 * The uppercased code of the first character normalizePartyName keeps; -1
 * when unsure (non-ASCII text, which folding may change, or a control
 * character, which it keeps), -2 for none.
 */
function firstKept(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && (c < 0x09 || c > 0x0d))) return -1;
    if (c <= 0x20 || DROPPED[c] === 1) continue;
    return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
  }
  return -2;
}

/** ASCII punctuation normalizePartyName removes or turns into spaces. */
const DROPPED = new Uint8Array(128);
for (const ch of ".,;:'\"()&/\\-_+") DROPPED[ch.charCodeAt(0)] = 1;

/** A two-letter code as one number (no substring per port). */
const pairCode = (s: string): number => s.charCodeAt(0) * 65_536 + s.charCodeAt(1);

/** Whether a port of the route is one of the written ports or in one of the written countries; the batch scorer (profiling/batch/) runs it too. */
export function routePortTest(ports: readonly string[], countries: readonly string[]): (p: string | undefined) => boolean {
  const portSet = new Set(ports.map((p) => p.toUpperCase()));
  const upperCountries = countries.map((c) => c.toUpperCase());
  const countryText = new Set(upperCountries);
  const countrySet = new Set(upperCountries.filter((c) => c.length === 2).map(pairCode));
  // Written codes other than two letters meet only ports as short as they are: the plain substring test then.
  const pairsOnly = upperCountries.every((c) => c.length === 2);
  const hit = (p: string | undefined): boolean => {
    if (p === undefined) return false;
    const port = upperCode(p);
    if (portSet.has(port)) return true;
    if (upperCountries.length === 0) return false;
    return pairsOnly ? port.length >= 2 && countrySet.has(pairCode(port)) : countryText.has(port.slice(0, 2));
  };
  return hit;
}

function routeVia(ports: readonly string[], countries: readonly string[], legs: "loading" | "transshipment" | "any"): Matcher {
  const hit = routePortTest(ports, countries);
  // A prepared shipment's ports answered once per distinct port text (kept-answers.ts).
  const loadingSlot = prepSlot("field:portOfLoading");
  const transshipSlots = KEPT_ELEMENTS.map((i) => prepSlot(`field:transshipmentPorts#${i}`));
  const answer = keptAnswers(hit);
  const hitKept = (f: ShipmentFacts, slot: number | undefined, p: string | undefined): boolean => {
    const prep = f.prep;
    return prep === undefined || slot === undefined || p === undefined ? hit(p) : answer(prep, slot, p);
  };
  return (f, ev) => {
    if (legs !== "transshipment" && hitKept(f, loadingSlot, f.s.portOfLoading)) {
      ev.push("derived.route", upperCode(f.s.portOfLoading ?? ""));
      return true;
    }
    if (legs !== "loading") {
      const ports = f.s.transshipmentPorts;
      for (let i = 0; i < ports.length; i++) {
        const p = ports[i] as string;
        if (hitKept(f, transshipSlots[i], p)) {
          ev.push("derived.route", upperCode(p));
          return true;
        }
      }
    }
    return false;
  };
}

/** Matches when the role (or any role) has a party whose key passes; `probe` returns the evidence value. */
function partyMatcher(role: RoleOrAny, probe: (f: ShipmentFacts, key: string, roleIndex: number) => string | boolean | undefined, what: string): Matcher {
  const roles: readonly PartyRole[] = role === "any" ? PARTY_ROLES : [role];
  const indexes = roles.map((r) => PARTY_ROLES.indexOf(r));
  // Evidence field names built once, not per match.
  const nameFields = roles.map((r) => `${r}.name`);
  const whatFields = roles.map((r) => `${r}.${what}`);
  return (f, ev) => {
    for (let i = 0; i < roles.length; i++) {
      const index = indexes[i] as number;
      const key = f.partyKey(roles[i] as PartyRole, index);
      if (key === undefined) continue;
      const found = probe(f, key, index);
      if (found === undefined) continue;
      ev.push(nameFields[i] as string, f.party(index)?.name ?? key);
      ev.push(whatFields[i] as string, found);
      return true;
    }
    return false;
  };
}

function weightImplausible(minPerPackage: number | undefined, maxPerPackage: number | undefined): Matcher {
  return (f, ev) => {
    const gross = f.s.grossWeightKg;
    if (gross === undefined || Number.isNaN(gross)) return false;
    const payload = f.maxPayloadKg();
    if (payload !== undefined && gross > payload) {
      ev.push("grossWeightKg", gross);
      ev.push("derived.maxPayloadKg", payload);
      return true;
    }
    const isContainer = f.s.containerNumber !== undefined || f.s.containerType !== undefined;
    if (isContainer && !f.s.isEmpty && gross < FULL_CONTAINER_FLOOR_KG) {
      ev.push("grossWeightKg", gross);
      return true;
    }
    if (minPerPackage === undefined && maxPerPackage === undefined) return false;
    const perPackage = f.kgPerPackage();
    if (perPackage === undefined) return false;
    if ((minPerPackage !== undefined && perPackage < minPerPackage) || (maxPerPackage !== undefined && perPackage > maxPerPackage)) {
      ev.push("derived.kgPerPackage", round(perPackage, 2));
      return true;
    }
    return false;
  };
}

function sealIssue(f: ShipmentFacts, ev: EvidenceBuffer): boolean {
  const s = f.s;
  // Seals belong to containers (and sealed trailers/wagons): no container, no seal rule.
  if (s.containerNumber === undefined && s.containerType === undefined) return false;
  if (s.isEmpty) return false;
  // A source that reports no seal list says nothing about seals.
  if (s.sealsReported === false) return false;
  if (f.sealCount() === 0) {
    ev.push("sealNumbers", "missing");
    return true;
  }
  const seals = s.sealNumbers;
  for (let i = 1; i < seals.length; i++) {
    const a = upperCode(seals[i] ?? "");
    if (a.length === 0) continue;
    for (let j = 0; j < i; j++) {
      if (upperCode(seals[j] ?? "") === a) {
        ev.push("sealNumbers", a);
        return true;
      }
    }
  }
  return false;
}
