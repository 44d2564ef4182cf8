// Meaning-level checks on a structurally valid profile: field paths exist,
// each op is applied to a field of a kind it can compare, written values are
// real identifiers (country codes, UN/LOCODEs, HS codes, dates), regexes are
// safe, codes are unique and thresholds ordered. Together with the schema
// this guarantees the compiler never meets a condition it cannot compile.
import type { ErrorCollector, PathSegment } from "./error-paths.js";
import { isReservedName, lookupField, parseHsKey, type FieldDef, type FieldKind } from "./fields.js";
import type { Condition, Profile, Scalar, TableSpec } from "./profile-types.js";
import { checkSafePattern } from "./safe-regex.js";
import { normalizeTableKey } from "./table-keys.js";
import { isCountryCode, isHsCode, isIsoDate, isLocode } from "./value-checks.js";

type Path = readonly PathSegment[];

const STRINGISH: ReadonlySet<FieldKind> = new Set(["text", "code", "country", "port", "hs", "any"]);
const ORDERED: ReadonlySet<FieldKind> = new Set(["number", "date", "any"]);

export function checkProfileMeaning(profile: Profile, errors: ErrorCollector): void {
  const { high, medium, low } = profile.thresholds;
  if (medium > high) errors.add(["thresholds", "medium"], "must not be above high");
  if (low > medium) errors.add(["thresholds", "low"], "must not be above medium");
  for (const key of ["validFrom", "validTo"] as const) {
    const value = profile[key];
    if (value !== undefined && !isIsoDate(value)) errors.add([key], "not a calendar date");
  }
  if (profile.validFrom !== undefined && profile.validTo !== undefined && profile.validFrom > profile.validTo) {
    errors.add(["validTo"], "is before validFrom");
  }
  const seen = new Map<string, number>();
  profile.indicators.forEach((indicator, i) => {
    const first = seen.get(indicator.code);
    if (first !== undefined) errors.add(["indicators", i, "code"], `duplicate indicator code ${indicator.code} (also indicators[${first}])`);
    else seen.set(indicator.code, i);
    if (indicator.when !== undefined) checkCondition(indicator.when, ["indicators", i, "when"], errors);
    if (indicator.table !== undefined) checkTable(indicator.table, ["indicators", i, "table"], errors);
  });
}

function field(path: Path, name: string, errors: ErrorCollector): FieldDef | undefined {
  const found = lookupField(name);
  if (typeof found === "string") {
    errors.add(path, `${found}: ${name}`);
    return undefined;
  }
  return found;
}

function checkCondition(c: Condition, path: Path, errors: ErrorCollector): void {
  const at = (...rest: PathSegment[]) => [...path, ...rest];
  switch (c.op) {
    case "all":
    case "any":
      c.of.forEach((child, i) => checkCondition(child, at("of", i), errors));
      return;
    case "not":
      checkCondition(c.of, at("of"), errors);
      return;
    case "eq":
    case "neq": {
      const def = field(at("field"), c.field, errors);
      if (def !== undefined) checkValue(def, c.value, at("value"), errors);
      return;
    }
    case "in":
    case "notIn": {
      const def = field(at("field"), c.field, errors);
      if (def === undefined) return;
      if (def.kind === "boolean") errors.add(at("op"), `${c.op} does not apply to the yes/no field ${c.field}; use eq`);
      else c.values.forEach((v, i) => checkValue(def, v, at("values", i), errors));
      return;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "between": {
      const def = field(at("field"), c.field, errors);
      if (def === undefined) return;
      if (!ORDERED.has(def.kind)) {
        errors.add(at("op"), `${c.op} compares numbers or dates; ${c.field} holds ${def.kind}`);
        return;
      }
      const bounds: [string, number | string | undefined][] = c.op === "between" ? [["min", c.min], ["max", c.max]] : [["value", c.value]];
      for (const [key, bound] of bounds) if (bound !== undefined) checkOrderedValue(def, bound, at(key), errors);
      if (c.op === "between" && typeof c.min === typeof c.max && c.min !== undefined && c.max !== undefined && c.min > c.max) {
        errors.add(at("max"), "is below min");
      }
      return;
    }
    case "exists":
    case "missing":
      field(at("field"), c.field, errors);
      return;
    case "hsPrefix": {
      const def = c.field === undefined ? undefined : field(at("field"), c.field, errors);
      if (def !== undefined && def.kind !== "hs" && def.kind !== "any") errors.add(at("field"), `hsPrefix needs an HS code field; ${c.field} holds ${def.kind}`);
      c.prefixes.forEach((p, i) => {
        if (!isHsCode(p)) errors.add(at("prefixes", i), "not an HS code prefix (2–10 digits of a used chapter)");
      });
      return;
    }
    case "contains":
    case "matches":
    case "inList": {
      const def = field(at("field"), c.field, errors);
      if (def !== undefined && !STRINGISH.has(def.kind)) errors.add(at("op"), `${c.op} applies to text fields; ${c.field} holds ${def.kind}`);
      if (c.op === "matches") {
        const problem = checkSafePattern(c.pattern, c.flags);
        if (problem !== undefined) errors.add(at("pattern"), problem);
      }
      return;
    }
    case "routeVia":
      c.ports?.forEach((p, i) => {
        if (!isLocode(p.toUpperCase())) errors.add(at("ports", i), "not a UN/LOCODE");
      });
      c.countries?.forEach((p, i) => {
        if (!isCountryCode(p.toUpperCase())) errors.add(at("countries", i), "not an ISO 3166 country code");
      });
      return;
    case "fieldCompare": {
      const a = field(at("field"), c.field, errors);
      const b = field(at("other"), c.other, errors);
      if (a === undefined || b === undefined) return;
      const family = (k: FieldKind) => (k === "any" ? "any" : STRINGISH.has(k) ? "text" : k);
      const fa = family(a.kind);
      const fb = family(b.kind);
      if (fa !== "any" && fb !== "any" && fa !== fb) errors.add(at("other"), `cannot compare ${c.field} (${a.kind}) with ${c.other} (${b.kind})`);
      else if (c.cmp !== "eq" && c.cmp !== "neq" && (!ORDERED.has(a.kind) || !ORDERED.has(b.kind))) errors.add(at("cmp"), `${c.cmp} compares numbers or dates`);
      if (c.factor !== undefined && !(a.kind === "number" || a.kind === "any") && !(b.kind === "number" || b.kind === "any")) errors.add(at("factor"), "factor applies to numbers only");
      return;
    }
    case "valueAnomaly":
      if (c.below !== undefined && c.above !== undefined && c.below >= c.above) errors.add(at("above"), "must be above below");
      return;
    case "weightImplausible":
      if (c.minKgPerPackage !== undefined && c.maxKgPerPackage !== undefined && c.minKgPerPackage >= c.maxKgPerPackage) errors.add(at("maxKgPerPackage"), "must be above minKgPerPackage");
      return;
    case "partySeizureLinked":
      if (c.degree !== undefined && c.degree !== 1 && c.degree !== 2) errors.add(at("degree"), "must be 1 (a party of a seized shipment) or 2 (also a party that shared a shipment with one)");
      return;
    case "partyNew":
    case "partyIsForwarder":
    case "genericDescription":
    case "sealIssue":
      return;
  }
}

function checkValue(def: FieldDef, value: Scalar, path: Path, errors: ErrorCollector): void {
  if (def.kind === "any") return;
  if (def.kind === "number") {
    if (typeof value !== "number") errors.add(path, "expected a number");
    return;
  }
  if (def.kind === "boolean") {
    if (typeof value !== "boolean") errors.add(path, "expected true or false");
    return;
  }
  if (typeof value !== "string") {
    errors.add(path, def.kind === "date" ? "expected an ISO date" : "expected text");
    return;
  }
  const upper = value.trim().toUpperCase();
  if (def.allowed !== undefined && !def.allowed.includes(value.trim().toLowerCase())) errors.add(path, `expected one of ${def.allowed.join(", ")}`);
  else if (def.kind === "country" && !isCountryCode(upper)) errors.add(path, "not an ISO 3166 country code");
  else if (def.kind === "port" && !isLocode(upper)) errors.add(path, "not a UN/LOCODE");
  else if (def.kind === "hs" && !isHsCode(value.trim())) errors.add(path, "not an HS code (2–10 digits of a used chapter)");
  else if (def.kind === "date" && !isIsoDate(value.trim())) errors.add(path, "not an ISO date");
}

function checkOrderedValue(def: FieldDef, value: number | string, path: Path, errors: ErrorCollector): void {
  if (def.kind === "number" && typeof value !== "number") errors.add(path, "expected a number");
  else if (def.kind === "date" && (typeof value !== "string" || !isIsoDate(value))) errors.add(path, "expected an ISO date");
  else if (def.kind === "any" && typeof value === "string" && !isIsoDate(value)) errors.add(path, "expected a number or an ISO date");
}

function checkTable(table: TableSpec, path: Path, errors: ErrorCollector): void {
  table.key.forEach((name, i) => {
    if (parseHsKey(name) !== undefined) return;
    if (name.startsWith("hs:")) errors.add([...path, "key", i], "hs:N takes N from 2 to 10");
    else field([...path, "key", i], name, errors);
  });
  const seen = new Map<string, string>();
  for (const raw of Object.keys(table.entries)) {
    if (isReservedName(raw)) continue; // harmless in a Map; the raw guard rejects the dangerous ones
    const parts = raw.split("|");
    if (parts.length !== table.key.length) {
      errors.add([...path, "entries", raw], `expected ${table.key.length} value(s) joined by '|'`);
      continue;
    }
    const normalised = normalizeTableKey(raw, table.key);
    const other = seen.get(normalised);
    if (other !== undefined) errors.add([...path, "entries", raw], `same entry as "${other}" once normalised`);
    else seen.set(normalised, raw);
  }
}
