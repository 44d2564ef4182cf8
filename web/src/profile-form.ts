// A profile document (profiling/dsl/LANGUAGE.md) as the editor's form and
// back. The form holds what the analyst types (strings), the document is
// what the API validates and stores. Only what the analyst changed in the
// form is written back: untouched values keep their exact JSON, and keys the
// form does not show (target, scope, tables...) are kept, so form and JSON
// view can be used in turn without either rewriting the other.
import { blankCondition, canonical, conditionFromForm, conditionToForm, parseDecimal, type ConditionForm } from "./profile-conditions.js";

export const THRESHOLD_KEYS = ["high", "medium", "low", "select"] as const;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

export interface IndicatorForm {
  /** Identifies the indicator in the list while it is edited (not written to the document). */
  key: string;
  code: string;
  label: string;
  note: string;
  points: string;
  /** A table indicator takes its points from its table, which is edited in the JSON view. */
  table: boolean;
  /** Null when the indicator has no condition (a table that applies everywhere). */
  condition: ConditionForm | null;
  /** The indicator as it is in the document. */
  source: unknown;
}

export interface ProfileForm {
  name: string;
  rationale: string;
  validFrom: string;
  validTo: string;
  randomRate: string;
  thresholds: Record<ThresholdKey, string>;
  indicators: IndicatorForm[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** What an input shows for a value of the document. */
function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A number field as typed: empty removes the key; what is not a number stays text, for the validator to name. */
const numberOrText = (typed: string): unknown => parseDecimal(typed) ?? typed.trim();

export function indicatorToForm(source: unknown, key: string): IndicatorForm {
  const ind = isObject(source) ? source : {};
  return {
    key,
    code: text(ind.code),
    label: text(ind.label),
    note: text(ind.note),
    points: text(ind.points),
    table: ind.table !== undefined,
    condition: ind.when === undefined ? null : conditionToForm(ind.when),
    source,
  };
}

/** The form of a document; null when the document is not an object with a list of indicators. */
export function formFromDocument(doc: unknown): ProfileForm | null {
  if (!isObject(doc)) return null;
  if (doc.indicators !== undefined && !Array.isArray(doc.indicators)) return null;
  const thresholds = isObject(doc.thresholds) ? doc.thresholds : {};
  return {
    name: text(doc.name),
    rationale: text(doc.rationale),
    validFrom: text(doc.validFrom),
    validTo: text(doc.validTo),
    randomRate: text(doc.randomRate),
    thresholds: { high: text(thresholds.high), medium: text(thresholds.medium), low: text(thresholds.low), select: text(thresholds.select) },
    indicators: ((doc.indicators ?? []) as unknown[]).map((ind, i) => indicatorToForm(ind, `i${i}`)),
  };
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

/** The document with the form's changes applied to `doc`. */
export function documentFromForm(form: ProfileForm, doc: unknown): Json {
  const out: Json = isObject(doc) ? { ...doc } : {};
  const before = formFromDocument(doc) ?? formFromDocument({})!;
  const write = (key: "name" | "rationale" | "validFrom" | "validTo" | "randomRate", value: () => unknown) => {
    if (form[key] === before[key]) return;
    const next = value();
    if (next === undefined) delete out[key];
    else out[key] = next;
  };
  write("name", () => form.name);
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
