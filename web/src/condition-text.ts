// An indicator's condition (`when`) as a sentence in the reader's language,
// built from its structure: "Consignee first seen within the last 30 days",
// "HS code starts with 2401 or 2402". Fields are named as the officer's
// evidence names them (evidence-text.ts); countries by name; lists with the
// language's own "and"/"or" (Intl.ListFormat: Spanish "y"/"e", "o"/"u").
// A condition the wording does not know (an operator of a later language
// version, a half-typed one) is shown by its operator's and parameters'
// names, never as JSON.
//
// The `cw.*` messages are phrases starting in lower case so that they nest
// (all/any/not, a field named mid-sentence); the sentence's first letter is
// raised at the end.
import { countryName } from "./dashboard-data.js";
import { evidenceFieldLabel } from "./evidence-text.js";
import type { Formatters } from "./format.js";
import { isMessageKey, type Language, type MessageKey, type Translate } from "./i18n.js";
import { PARTY_ROLE } from "./terms.js";
import { lookupField, type FieldDef } from "../../profiling/dsl/fields.js";
import type { PartyRole } from "../../profiling/shipment.js";

export interface Wording {
  t: Translate;
  fmt: Formatters;
  language: Language;
}

/** Values listed in full up to this many; beyond, the first ones and "n others". */
const SHOWN = 5;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PARTY_ATTRIBUTES = new Set(["name", "address", "country", "id", "key"]);
const CMP = new Set(["eq", "neq", "gt", "gte", "lt", "lte"]);

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isScalar = (value: unknown): value is string | number | boolean => isText(value) || isNumber(value) || typeof value === "boolean";
const scalars = (value: unknown): value is (string | number)[] => Array.isArray(value) && value.length > 0 && value.every((v) => isText(v) || isNumber(v));
const texts = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every(isText);
const isRole = (value: unknown): value is PartyRole | "any" => value === "any" || (typeof value === "string" && Object.hasOwn(PARTY_ROLE, value));

/** A label inside a sentence: "Declared value" → "declared value"; "HS codes", "SCAC…" keep their capitals. */
export function inSentence(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

const capitalised = (w: Wording, text: string) => text.charAt(0).toLocaleUpperCase(w.language) + text.slice(1);

function fieldDef(path: string): FieldDef | null {
  const def = lookupField(path);
  return typeof def === "string" ? null : def;
}

/** A field path as the sentence names it: "declared value", "consignee name", "attribute reeferTemp". */
function fieldName(w: Wording, path: string): string {
  if (path === "derived.route") return w.t("cw.routePorts");
  const [role, attribute] = path.split(".");
  if (role !== undefined && attribute !== undefined && Object.hasOwn(PARTY_ROLE, role) && PARTY_ATTRIBUTES.has(attribute)) {
    const roleName = inSentence(w.t(PARTY_ROLE[role as PartyRole]));
    return w.t("cw.partyField", { role, roleName, what: w.t(`ev.partyAttr.${attribute}` as MessageKey) });
  }
  return inSentence(evidenceFieldLabel(w.t, path));
}

/** A written value as the reader reads it: numbers and dates in their locale, countries by name, text quoted. */
function valueText(w: Wording, def: FieldDef | null, value: unknown): string {
  if (typeof value === "number") return w.fmt.number(value, 6);
  if (typeof value === "boolean") return inSentence(w.t(value ? "app.yes" : "app.no"));
  if (typeof value !== "string") return w.t("app.none");
  // The two fields whose values are a fixed vocabulary (fields.ts `allowed`): read as words.
  if (def?.allowed?.includes(value)) {
    const modeKey = `pf.mode.${value}`;
    return def.allowed.includes("collect") ? w.t("cw.freight", { terms: value }) : isMessageKey(modeKey) ? inSentence(w.t(modeKey)) : value;
  }
  if (def?.kind === "date" || ISO_DATE.test(value)) return ISO_DATE.test(value) ? w.fmt.date(value) : value;
  if (def?.kind === "country") return countryName(value.toUpperCase(), w.language);
  if (def?.kind === "text" || def?.kind === "any") return w.t("cw.quoted", { text: value });
  return value;
}

/** Items joined with the language's "and" / "or"; a long list shows its first items and how many others. */
function listed(w: Wording, items: string[], type: "conjunction" | "disjunction"): string {
  const shown = items.length > SHOWN ? [...items.slice(0, SHOWN - 1), w.t("cw.others", { n: items.length - SHOWN + 1 })] : items;
  return new Intl.ListFormat(w.language, { type }).format(shown);
}

const values = (w: Wording, def: FieldDef | null, list: unknown[], type: "conjunction" | "disjunction") =>
  listed(w, list.map((v) => valueText(w, def, v)), type);

/** A condition as a phrase (lower-case start), or null when its shape is not one the wording knows. */
function phrase(w: Wording, c: Node, depth: number): string | null {
  const { t } = w;
  const field = isText(c.field) ? c.field : null;
  const def = field === null ? null : fieldDef(field);
  const name = field === null ? "" : fieldName(w, field);
  const array = def?.array ? "yes" : "no";
  const isDate = (v: unknown) => def?.kind === "date" || (typeof v === "string" && ISO_DATE.test(v));
  const compare = (cmp: string, value: unknown) => t("cw.compare", { field: name, cmp, date: isDate(value) ? "yes" : "no", value: valueText(w, def, value) });
  switch (c.op) {
    case "eq":
    case "neq":
      if (field === null || !isScalar(c.value)) return null;
      if (typeof c.value === "boolean") return t("cw.flag", { field: name, value: String(c.value === (c.op === "eq")) });
      return t(c.op === "eq" ? "cw.is" : "cw.isNot", { field: name, array, n: 1, value: valueText(w, def, c.value) });
    case "in":
      return field !== null && scalars(c.values) ? t("cw.is", { field: name, array, value: values(w, def, c.values, "disjunction") }) : null;
    case "notIn":
      return field !== null && scalars(c.values) ? t("cw.isNot", { field: name, array, n: c.values.length, value: values(w, def, c.values, "conjunction") }) : null;
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return field !== null && (isText(c.value) || isNumber(c.value)) ? compare(c.op, c.value) : null;
    case "between": {
      const min = isText(c.min) || isNumber(c.min) ? c.min : undefined;
      const max = isText(c.max) || isNumber(c.max) ? c.max : undefined;
      if (field === null || (c.min !== undefined && min === undefined) || (c.max !== undefined && max === undefined)) return null;
      if (min !== undefined && max !== undefined) return t("cw.between", { field: name, min: valueText(w, def, min), max: valueText(w, def, max) });
      if (min !== undefined) return compare("gte", min);
      return max !== undefined ? compare("lte", max) : null;
    }
    case "exists":
    case "missing":
      return field !== null ? t(c.op === "exists" ? "cw.exists" : "cw.missing", { field: name }) : null;
    case "hsPrefix":
      if (!scalars(c.prefixes) || (c.field !== undefined && field === null)) return null;
      return t("cw.hsPrefix", { field: field === null || field === "hsCodes" ? t("cw.hsCode") : name, prefixes: listed(w, c.prefixes.map(String), "disjunction") });
    case "contains":
      return field !== null && texts(c.values) ? t("cw.contains", { field: name, values: listed(w, c.values.map((v) => t("cw.quoted", { text: v })), "disjunction") }) : null;
    case "matches":
      if (field === null || !isText(c.pattern) || (c.flags !== undefined && c.flags !== "i")) return null;
      return t("cw.matches", { field: name, pattern: t("cw.quoted", { text: c.pattern }), flags: c.flags ?? "none" });
    case "inList":
      return field !== null && isText(c.list) ? t("cw.inList", { field: name, list: c.list }) : null;
    case "routeVia": {
      const ports = c.ports === undefined ? [] : c.ports;
      const countries = c.countries === undefined ? [] : c.countries;
      if (!Array.isArray(ports) || !Array.isArray(countries) || !ports.every(isText) || !countries.every(isText) || ports.length + countries.length === 0) return null;
      if (c.legs !== undefined && c.legs !== "loading" && c.legs !== "transshipment" && c.legs !== "any") return null;
      const countryNames = countries.map((code) => countryName(code.toUpperCase(), w.language));
      const places = countries.length === 0 ? listed(w, ports, "disjunction") : listed(w, [...ports, t("cw.portOf", { countries: listed(w, countryNames, "disjunction") })], "disjunction");
      return t("cw.routeVia", { legs: c.legs ?? "any", places });
    }
    case "partyNew":
      if (!isRole(c.role) || !isNumber(c.days) || c.days < 0 || !Number.isInteger(c.days)) return null;
      return t("cw.partyNew", { role: c.role, roleName: roleName(w, c.role), days: c.days });
    case "partySeizureLinked":
      if (!isRole(c.role) || (c.degree !== undefined && c.degree !== 1 && c.degree !== 2)) return null;
      return t("cw.partySeizureLinked", { role: c.role, roleName: roleName(w, c.role), degree: String(c.degree ?? 1) });
    case "partyIsForwarder":
      return t("cw.partyIsForwarder");
    case "genericDescription":
      return t("cw.genericDescription");
    case "sealIssue":
      return t("cw.sealIssue");
    case "valueAnomaly": {
      const below = isNumber(c.below) ? c.below : undefined;
      const above = isNumber(c.above) ? c.above : undefined;
      if ((c.below !== undefined && below === undefined) || (c.above !== undefined && above === undefined) || (below ?? above) === undefined) return null;
      const bounds = below !== undefined && above !== undefined ? "both" : below !== undefined ? "below" : "above";
      return t("cw.valueAnomaly", { bounds, below: w.fmt.percent(below ?? 0), above: w.fmt.percent(above ?? 0) });
    }
    case "weightImplausible": {
      const min = isNumber(c.minKgPerPackage) ? c.minKgPerPackage : undefined;
      const max = isNumber(c.maxKgPerPackage) ? c.maxKgPerPackage : undefined;
      if ((c.minKgPerPackage !== undefined && min === undefined) || (c.maxKgPerPackage !== undefined && max === undefined)) return null;
      const per = min !== undefined && max !== undefined ? "both" : min !== undefined ? "min" : max !== undefined ? "max" : "none";
      return t("cw.weightImplausible", { per, min: w.fmt.number(min ?? 0), max: w.fmt.number(max ?? 0) });
    }
    case "fieldCompare": {
      if (field === null || !isText(c.other) || typeof c.cmp !== "string" || !CMP.has(c.cmp) || (c.factor !== undefined && !isNumber(c.factor))) return null;
      const other = fieldName(w, c.other);
      const value = isNumber(c.factor) && c.factor !== 1 ? t("cw.times", { factor: w.fmt.number(c.factor, 6), other }) : other;
      return t("cw.compare", { field: name, cmp: c.cmp, date: def?.kind === "date" ? "yes" : "no", value });
    }
    case "all":
    case "any": {
      if (!Array.isArray(c.of) || c.of.length === 0) return null;
      const parts = c.of.map((part) => nested(w, part, depth + 1));
      return parts.length === 1 ? parts[0]! : listed(w, parts, c.op === "all" ? "conjunction" : "disjunction");
    }
    case "not":
      return c.of === undefined || Array.isArray(c.of) ? null : t("cw.not", { condition: wordAt(w, c.of, depth + 1) });
    default:
      return null;
  }
}

function roleName(w: Wording, role: PartyRole | "any"): string {
  return role === "any" ? "" : inSentence(w.t(PARTY_ROLE[role]));
}

/** A part of all/any/not: a composite one in brackets, so "a and (b or c)" keeps its grouping. */
function nested(w: Wording, value: unknown, depth: number): string {
  const text = wordAt(w, value, depth);
  const composite = isNode(value) && (value.op === "all" || value.op === "any") && Array.isArray(value.of) && value.of.length > 1;
  return composite ? `(${text})` : text;
}

/** Deeper than the language allows (12): elided rather than walked, so a pasted document cannot exhaust the stack. */
const MAX_DEPTH = 12;

function wordAt(w: Wording, value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) return "…";
  if (!isNode(value)) return w.t(typeof value === "string" ? "cw.notJson" : "cw.notCondition");
  return phrase(w, value, depth) ?? generic(w, value, depth);
}

/** A parameter's value in the generic form: lists cut short, a nested condition worded, any other object elided. */
function paramValue(w: Wording, name: string, value: unknown, depth: number): string {
  if (name === "field" || name === "other") return isText(value) ? fieldName(w, value) : w.t("app.none");
  if (Array.isArray(value)) {
    if (value.length === 0) return w.t("app.none");
    return listed(w, value.map((v) => (isNode(v) ? nested(w, v, depth + 1) : valueText(w, null, v))), "conjunction");
  }
  if (isNode(value)) return "op" in value ? nested(w, value, depth + 1) : "…";
  if (value === "") return w.t("app.none");
  return valueText(w, null, value);
}

/** The readable form of a condition the sentences do not cover: its operator's name and its parameters by name. */
function generic(w: Wording, c: Node, depth: number): string {
  const op = typeof c.op === "string" && c.op !== "" ? c.op : null;
  const opKey = `pf.op.${op ?? ""}`;
  const opName = op === null ? w.t("cw.noOp") : w.t("cw.opNamed", { op: isMessageKey(opKey) ? w.t(opKey) : w.t("cw.quoted", { text: op }) });
  const details = Object.entries(c)
    .filter(([key, value]) => key !== "op" && value !== undefined)
    .map(([key, value]) => {
      const paramKey = `pf.param.${key}`;
      return w.t("cw.param", { name: isMessageKey(paramKey) ? inSentence(w.t(paramKey)) : key, value: paramValue(w, key, value, depth) });
    });
  return details.length === 0 ? opName : w.t("cw.generic", { op: opName, details: details.join("; ") });
}

/** The condition as one sentence in the reader's language (any value: a document being typed may hold anything). */
export function conditionText(w: Wording, condition: unknown): string {
  return capitalised(w, wordAt(w, condition, 0));
}

/** The sentence cut to `max` characters (with an ellipsis), for one-line summaries. */
export function conditionLine(w: Wording, condition: unknown, max = 120): string {
  const line = conditionText(w, condition).replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
