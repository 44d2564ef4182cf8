// A profile document (profiling/dsl/LANGUAGE.md) as the editor's form and
// back. The form holds what the analyst types (strings), the document is
// what the API validates and stores. Only what the analyst changed in the
// form is written back: untouched values keep their exact JSON, and keys the
// form does not show are kept, so form and JSON view can be used in turn
// without either rewriting the other.
import { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import { blankCondition, canonical, conditionFromForm, conditionToForm, type ConditionForm } from "./profile-conditions.js";
import { blankTable, numberOrText, tableFromForm, tableToForm, text, type TableForm } from "./profile-table.js";

export { COMMODITIES };
export const TARGET_KINDS = ["commodity", "revenue"] as const;
export const TRANSPORT_MODES = ["sea", "air", "road", "rail"] as const;

export const THRESHOLD_KEYS = ["high", "medium", "low", "select"] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

export interface IndicatorForm {
  /** Identifies the indicator in the list while it is edited (not written to the document). */
  key: string;
  code: string;
  label: string;
  note: string;
  points: string;
  /** A table indicator takes its points from its table. */
  table: boolean;
  /** The table's key fields and entries (null for a rule indicator). */
  tableForm: TableForm | null;
  /** Null when the indicator has no condition (a table that applies everywhere). */
  condition: ConditionForm | null;
  /** The indicator as it is in the document. */
  source: unknown;
}

/** What the profile is about: `{kind: "commodity", commodity}` or `{kind: "revenue", fraud?}`. */
export interface TargetForm {
  /** Empty when the document has no target (or not an object with a kind). */
  kind: string;
  commodity: string;
  fraud: string;
}

/** Where the profile applies; empty lists: everywhere. */
export interface ScopeForm {
  /** Unit codes separated by commas or spaces. */
  units: string;
  /** The checked modes, in the document's order (values the language does not know are kept, to be unchecked). */
  transportModes: readonly string[];
}

export interface ProfileForm {
  name: string;
  target: TargetForm;
  scope: ScopeForm;
  rationale: string;
  validFrom: string;
  validTo: string;
  randomRate: string;
  thresholds: Record<ThresholdKey, string>;
  indicators: IndicatorForm[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

export function indicatorToForm(source: unknown, key: string): IndicatorForm {
  const ind = isObject(source) ? source : {};
  return {
    key,
    code: text(ind.code),
    label: text(ind.label),
    note: text(ind.note),
    points: text(ind.points),
    table: ind.table !== undefined,
    tableForm: ind.table !== undefined ? tableToForm(ind.table) : null,
    condition: ind.when === undefined ? null : conditionToForm(ind.when),
    source,
  };
}

export function targetToForm(value: unknown): TargetForm {
  const target = isObject(value) ? value : {};
  return { kind: text(target.kind), commodity: text(target.commodity), fraud: text(target.fraud) };
}

export function scopeToForm(value: unknown): ScopeForm {
  const scope = isObject(value) ? value : {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(text) : v === undefined ? [] : [text(v)]);
  return { units: list(scope.units).join(", "), transportModes: list(scope.transportModes) };
}

type Settings = Omit<ProfileForm, "indicators">;

/** The form's fields other than the indicators. */
function settingsToForm(doc: Json): Settings {
  const thresholds = isObject(doc.thresholds) ? doc.thresholds : {};
  return {
    name: text(doc.name),
    target: targetToForm(doc.target),
    scope: scopeToForm(doc.scope),
    rationale: text(doc.rationale),
    validFrom: text(doc.validFrom),
    validTo: text(doc.validTo),
    randomRate: text(doc.randomRate),
    thresholds: { high: text(thresholds.high), medium: text(thresholds.medium), low: text(thresholds.low), select: text(thresholds.select) },
  };
}

/** The form of a document; null when the document is not an object with a list of indicators. */
export function formFromDocument(doc: unknown): ProfileForm | null {
  if (!isObject(doc)) return null;
  if (doc.indicators !== undefined && !Array.isArray(doc.indicators)) return null;
  return { ...settingsToForm(doc), indicators: ((doc.indicators ?? []) as unknown[]).map((ind, i) => indicatorToForm(ind, `i${i}`)) };
}

const sameCondition = (a: ConditionForm | null, b: ConditionForm | null) => canonical(a) === canonical(b);

function indicatorFromForm(ind: IndicatorForm): unknown {
  const before = indicatorToForm(ind.source, ind.key);
  const out: Json = isObject(ind.source) ? { ...ind.source } : {};
  let changed = false;
  const write = (key: "code" | "label" | "note" | "points", value: () => unknown) => {
    if (ind[key] === before[key]) return;
    changed = true;
    const next = value();
    if (next === undefined) delete out[key];
    else out[key] = next;
  };
  write("code", () => ind.code.trim());
  write("label", () => ind.label);
  write("note", () => (ind.note.trim() === "" ? undefined : ind.note));
  if (!ind.table) write("points", () => (ind.points.trim() === "" ? undefined : numberOrText(ind.points)));
  if (ind.tableForm !== null) {
    const table = tableFromForm(ind.tableForm);
    if (!isObject(ind.source) || table !== ind.source.table) {
      changed = true;
      out.table = table;
    }
  }
  if (!sameCondition(ind.condition, before.condition)) {
    changed = true;
    if (ind.condition === null) delete out.when;
    else {
      const next = conditionFromForm(ind.condition);
      out.when = isObject(ind.source) && canonical(next) === canonical(ind.source.when) ? ind.source.when : next;
    }
  }
  return changed ? out : ind.source;
}

const words = (typed: string) => typed.split(/[\s,;]+/).filter((v) => v !== "");
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The target with the form's changes; `current` itself when nothing changed, undefined when emptied. */
function targetFromForm(form: TargetForm, before: TargetForm, current: unknown): unknown {
  if (form.kind === before.kind && form.commodity === before.commodity && form.fraud === before.fraud) return current;
  if (form.kind.trim() === "" && form.commodity.trim() === "" && form.fraud.trim() === "") return undefined;
  const out: Json = isObject(current) ? { ...current } : {};
  const kindChanged = form.kind !== before.kind || !isObject(current);
  if (kindChanged) {
    if (form.kind.trim() === "") delete out.kind;
    else out.kind = form.kind;
  }
  const set = (key: "commodity" | "fraud", value: string) => {
    if (value.trim() === "") delete out[key];
    else out[key] = key === "commodity" ? value.trim() : value;
  };
  // Each kind has its own fields (the language's objects are strict): the other kind's go.
  if (form.kind === "commodity") {
    delete out.fraud;
    if (kindChanged || form.commodity !== before.commodity) set("commodity", form.commodity);
  } else if (form.kind === "revenue") {
    delete out.commodity;
    if (kindChanged || form.fraud !== before.fraud) set("fraud", form.fraud);
  } else {
    if (form.commodity !== before.commodity) set("commodity", form.commodity);
    if (form.fraud !== before.fraud) set("fraud", form.fraud);
  }
  return out;
}

/** The scope with the form's changes; `current` itself when nothing changed, undefined when it says nothing. */
function scopeFromForm(form: ScopeForm, before: ScopeForm, current: unknown): unknown {
  const unitsChanged = !sameList(words(form.units), words(before.units));
  const modesChanged = !sameList(form.transportModes, before.transportModes);
  if (!unitsChanged && !modesChanged) return current;
  const out: Json = isObject(current) ? { ...current } : {};
  if (unitsChanged) {
    const units = words(form.units);
    if (units.length === 0) delete out.units;
    else out.units = units;
  }
  if (modesChanged) {
    if (form.transportModes.length === 0) delete out.transportModes;
    else out.transportModes = [...form.transportModes];
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Sets (or removes, for undefined) a key of the document; a new key goes after the first of `after` present, as LANGUAGE.md lists them. */
function placeKey(doc: Json, key: string, value: unknown, after: readonly string[]): void {
  if (value === undefined) {
    delete doc[key];
    return;
  }
  if (Object.hasOwn(doc, key)) {
    doc[key] = value;
    return;
  }
  const anchor = after.find((k) => Object.hasOwn(doc, k));
  const entries = Object.entries(doc);
  for (const k of Object.keys(doc)) delete doc[k];
  if (anchor === undefined) doc[key] = value;
  for (const [k, v] of entries) {
    doc[k] = v;
    if (k === anchor) doc[key] = value;
  }
}

/** The document with the form's changes applied to `doc`. */
export function documentFromForm(form: ProfileForm, doc: unknown): Json {
  const out: Json = isObject(doc) ? { ...doc } : {};
  // The settings as the document has them now (the indicators compare with their own source).
  const before = settingsToForm(out);
  const write = (key: "name" | "rationale" | "validFrom" | "validTo" | "randomRate", value: () => unknown) => {
    if (form[key] === before[key]) return;
    const next = value();
    if (next === undefined) delete out[key];
    else out[key] = next;
  };
  write("name", () => form.name);
  const target = targetFromForm(form.target, before.target, out.target);
  if (target !== out.target) placeKey(out, "target", target, ["name", "code", "language"]);
  const scope = scopeFromForm(form.scope, before.scope, out.scope);
  if (scope !== out.scope) placeKey(out, "scope", scope, ["target", "name", "code", "language"]);
  write("rationale", () => (form.rationale.trim() === "" ? undefined : form.rationale));
  write("validFrom", () => form.validFrom.trim() || undefined);
  write("validTo", () => form.validTo.trim() || undefined);
  write("randomRate", () => (form.randomRate.trim() === "" ? undefined : numberOrText(form.randomRate)));
  if (THRESHOLD_KEYS.some((k) => form.thresholds[k] !== before.thresholds[k])) {
    const thresholds: Json = isObject(out.thresholds) ? { ...out.thresholds } : {};
    for (const k of THRESHOLD_KEYS) {
      if (form.thresholds[k] === before.thresholds[k]) continue;
      if (form.thresholds[k].trim() === "") delete thresholds[k];
      else thresholds[k] = numberOrText(form.thresholds[k]);
    }
    out.thresholds = thresholds;
  }
  const indicators = form.indicators.map(indicatorFromForm);
  const original = Array.isArray(out.indicators) ? (out.indicators as unknown[]) : undefined;
  const same = original !== undefined && original.length === indicators.length && indicators.every((ind, i) => ind === original[i]);
  if (!same && !(original === undefined && indicators.length === 0)) out.indicators = indicators;
  return out;
}

let added = 0;

/** A new table indicator at the end: code, label, key field and entries to fill in. */
export function addTableIndicator(form: ProfileForm): ProfileForm {
  added += 1;
  return { ...form, indicators: [...form.indicators, indicatorToForm({ code: "", label: "", table: blankTable() }, `new-${added}`)] };
}

/** A new rule indicator at the end: code, label, points and field to fill in (the validator says what is missing). */
export function addIndicator(form: ProfileForm): ProfileForm {
  added += 1;
  // points is listed (undefined, so not written yet) to take its usual place before `when` once typed.
  const source = { code: "", label: "", points: undefined, when: conditionFromForm(blankCondition()) };
  return { ...form, indicators: [...form.indicators, indicatorToForm(source, `new-${added}`)] };
}

export function removeIndicator(form: ProfileForm, index: number): ProfileForm {
  return { ...form, indicators: form.indicators.filter((_, i) => i !== index) };
}

/** The form with one indicator's table changed (found by its key: the list may have moved meanwhile). */
export function updateTable(form: ProfileForm, key: string, change: (table: TableForm) => TableForm): ProfileForm {
  return {
    ...form,
    indicators: form.indicators.map((ind) => {
      if (ind.key !== key || ind.tableForm === null) return ind;
      const tableForm = change(ind.tableForm);
      return tableForm === ind.tableForm ? ind : { ...ind, tableForm };
    }),
  };
}

/** Checks or unchecks a transport mode: a checked mode is added at the end, as typed in the JSON. */
export function toggleMode(scope: ScopeForm, mode: string, on: boolean): ScopeForm {
  const has = scope.transportModes.includes(mode);
  if (on === has) return scope;
  return { ...scope, transportModes: on ? [...scope.transportModes, mode] : scope.transportModes.filter((m) => m !== mode) };
}

/** Moves an indicator up (-1) or down (+1); the profile lists matched indicators in this order. */
export function moveIndicator(form: ProfileForm, index: number, delta: -1 | 1): ProfileForm {
  const to = index + delta;
  if (to < 0 || to >= form.indicators.length) return form;
  const indicators = [...form.indicators];
  [indicators[index], indicators[to]] = [indicators[to]!, indicators[index]!];
  return { ...form, indicators };
}

export function updateIndicator(form: ProfileForm, index: number, patch: Partial<Omit<IndicatorForm, "key" | "source" | "table">>): ProfileForm {
  return { ...form, indicators: form.indicators.map((ind, i) => (i === index ? { ...ind, ...patch } : ind)) };
}

/** The text of the JSON view for a document. */
export const documentText = (doc: unknown): string => JSON.stringify(doc, null, 2);
