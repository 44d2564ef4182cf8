// Conditions that compare one field with written values: eq, in, ordered
// comparisons, exists, contains, matches, inList, hsPrefix. Each picks its
// comparison from the field's kind at compile time and normalises the
// written values once.
import { normalizePartyName, normalizeText } from "../../features/normalize.js";
import { lookupField, type FieldDef } from "../fields.js";
import type { Condition } from "../profile-types.js";
import { compileSafePattern } from "../safe-regex.js";
import { normalizeForField, scalarText } from "../table-keys.js";
import { isoMs } from "../../derived.js";
import { parseIsoDate } from "../value-checks.js";
import type { Matcher } from "./evidence.js";
import { fieldGetter, isEmptyValue, type FieldValue, type Getter } from "./field-access.js";
import { equalsNormalizedText } from "./text-equality.js";
import { anyElementKept, keptAnswers, type KeptAnswer } from "./kept-answers.js";
import { prepSlot, type ContextMemo } from "../../prepared-shipment.js";

export type ScalarTest = (v: string | number | boolean) => boolean;
export type ValueCondition = Extract<Condition, { op: "eq" | "neq" | "in" | "notIn" | "gt" | "gte" | "lt" | "lte" | "between" | "exists" | "missing" | "contains" | "matches" | "inList" | "hsPrefix" }>;

export function fieldDef(path: string): FieldDef {
  const def = lookupField(path);
  if (typeof def === "string") throw new Error(`${path}: ${def} (validate the profile first)`);
  return def;
}

/** True when any element (or the value itself) passes; evidence names that element. */
export function anyElement(field: string, get: Getter, test: ScalarTest): Matcher {
  return (f, ev) => {
    const v = get(f);
    if (v === undefined || v === null) return false;
    if (typeof v === "object") {
      for (const x of v) {
        if (test(x)) {
          ev.push(field, x);
          return true;
        }
      }
      return false;
    }
    if (test(v)) {
      ev.push(field, v);
      return true;
    }
    return false;
  };
}

/** anyElement, answering a prepared shipment's texts once per distinct text (kept-answers.ts): for tests of the value alone. */
function anyElementOfValue(field: string, get: Getter, test: ScalarTest): Matcher {
  return anyElementKept(field, get, test, anyElement(field, get, test));
}

/** True when the field is present and no element passes (neq, notIn). */
function noElement(field: string, get: Getter, test: ScalarTest): Matcher {
  return (f, ev) => {
    const v = get(f);
    if (isEmptyValue(v)) return false;
    if (typeof v === "object" && v !== null) {
      for (const x of v) if (test(x)) return false;
      ev.push(field, v[0] ?? null);
      return true;
    }
    if (test(v as string | number | boolean)) return false;
    ev.push(field, v as string | number | boolean);
    return true;
  };
}

/** Membership in written values, compared the way the field's kind demands. */
function membership(def: FieldDef, values: readonly (string | number | boolean)[]): ScalarTest {
  if (def.kind === "number") {
    const set = new Set(values.filter((v): v is number => typeof v === "number"));
    return (v) => typeof v === "number" && set.has(v);
  }
  if (def.kind === "boolean") {
    const wanted = values[0];
    return (v) => v === wanted;
  }
  if (def.kind === "date") {
    const set = new Set(values.map((v) => parseIsoDate(String(v))));
    return (v) => typeof v === "string" && set.has(isoMs(v));
  }
  if (def.kind === "any") {
    const set = new Set(values.map((v) => normalizeText(scalarText(v))));
    return (v) => set.has(normalizeText(scalarText(v)));
  }
  const set = new Set(values.map((v) => normalizeForField(def, scalarText(v))));
  if (set.size === 1) {
    const only = [...set][0] as string;
    if (!def.partyName && def.kind !== "hs") return (v) => typeof v === "string" && equalsNormalizedText(v, only);
    return (v) => typeof v === "string" && normalizeForField(def, v) === only;
  }
  return (v) => typeof v === "string" && set.has(normalizeForField(def, v));
}

/** A number to compare for gt/lt/between; NaN when the value has none. */
function orderedValue(def: FieldDef, byDate: boolean): (v: string | number | boolean) => number {
  if (def.kind === "number") return (v) => (typeof v === "number" ? v : NaN);
  if (def.kind === "date" || byDate) return (v) => (typeof v === "string" ? isoMs(v) : NaN);
  // Free attributes arrive as numbers or numeric text.
  return (v) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN);
}

function bound(v: number | string | undefined): number | undefined {
  return v === undefined ? undefined : typeof v === "number" ? v : parseIsoDate(v);
}

/**
 * What a value condition tests, element by element: the field, and the test
 * of one scalar. The compiled matcher below and the batch scorer
 * (profiling/batch/) run the very same tests.
 *  - any: an element (or the value) passes;
 *  - none: the value is not empty and no element passes (neq, notIn);
 *  - exists / missing: the value is (not) empty (isEmptyValue);
 *  - inList: an element is on the context's watchlist (inListTest).
 */
export type ValueTestPlan =
  | { mode: "any" | "none"; field: string; test: ScalarTest }
  | { mode: "exists" | "missing"; field: string }
  | { mode: "inList"; field: string; def: FieldDef; list: string };

export function valueTestPlan(c: ValueCondition): ValueTestPlan {
  if (c.op === "hsPrefix") return { mode: "any", field: c.field ?? "hsCodes", test: hsPrefixTest(c.prefixes) };
  const def = fieldDef(c.field);
  switch (c.op) {
    case "eq":
      return { mode: "any", field: c.field, test: membership(def, [c.value]) };
    case "neq":
      return { mode: "none", field: c.field, test: membership(def, [c.value]) };
    case "in":
      return { mode: "any", field: c.field, test: membership(def, c.values) };
    case "notIn":
      return { mode: "none", field: c.field, test: membership(def, c.values) };
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const t = bound(c.value) ?? NaN;
      const num = orderedValue(def, typeof c.value === "string");
      const op = c.op;
      const test: ScalarTest =
        op === "gt" ? (v) => num(v) > t : op === "gte" ? (v) => num(v) >= t : op === "lt" ? (v) => num(v) < t : (v) => num(v) <= t;
      return { mode: "any", field: c.field, test };
    }
    case "between": {
      const min = bound(c.min) ?? -Infinity;
      const max = bound(c.max) ?? Infinity;
      const num = orderedValue(def, typeof c.min === "string" || typeof c.max === "string");
      return {
        mode: "any",
        field: c.field,
        test: (v) => {
          const n = num(v);
          return n >= min && n <= max;
        },
      };
    }
    case "exists":
    case "missing":
      return { mode: c.op, field: c.field };
    case "contains": {
      const needles = c.values.map((v) => normalizeText(v)).filter((v) => v.length > 0);
      return {
        mode: "any",
        field: c.field,
        test: (v) => {
          const text = normalizeText(scalarText(v));
          for (const needle of needles) if (text.includes(needle)) return true;
          return false;
        },
      };
    }
    case "matches": {
      const test = compileSafePattern(c.pattern, c.flags);
      return { mode: "any", field: c.field, test: (v) => test(scalarText(v)) };
    }
    case "inList":
      return { mode: "inList", field: c.field, def, list: c.list };
  }
}

export function compileValueCondition(c: ValueCondition): Matcher {
  const plan = valueTestPlan(c);
  const field = plan.field;
  const get = fieldGetter(field);
  switch (plan.mode) {
    case "any":
      return anyElementOfValue(field, get, plan.test);
    case "none":
      return noElement(field, get, plan.test);
    case "exists":
      return (f, ev) => {
        const v = get(f);
        if (isEmptyValue(v)) return false;
        ev.push(field, firstScalar(v));
        return true;
      };
    case "missing":
      return (f, ev) => {
        if (!isEmptyValue(get(f))) return false;
        ev.push(field, null);
        return true;
      };
    case "inList":
      return compileInList(field, plan.def, get, plan.list);
  }
}

/** Watchlist entries are stored normalised (normalizeWatchlistEntry): whether one of the forms the value may take is listed. */
export function inListTest(def: FieldDef, entries: ReadonlySet<string>, v: string | number | boolean): boolean {
  const raw = scalarText(v).trim();
  if (raw.length === 0) return false;
  if (entries.has(raw)) return true;
  if (def.kind === "hs") {
    const digits = raw.replace(/[\s.]/g, "");
    // An HS watchlist lists headings and subheadings: any prefix counts.
    for (let n = digits.length; n >= 2; n--) if (entries.has(digits.slice(0, n))) return true;
    return false;
  }
  const text = normalizeText(raw);
  if (text !== raw && entries.has(text)) return true;
  return def.partyName && entries.has(normalizePartyName(raw));
}

function firstScalar(v: FieldValue): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  return typeof v === "object" ? (v[0] ?? null) : v;
}

/** Watchlist entries are stored normalised (normalizeWatchlistEntry); try each form the value may take. */
function compileInList(field: string, def: FieldDef, get: Getter, list: string): Matcher {
  // The unit's list is looked up per call (it lives in the context); the
  // element test reads it from here. Scoring is synchronous, so this is safe.
  let entries: ReadonlySet<string> = new Set();
  const test = (v: string | number | boolean): boolean => inListTest(def, entries, v);
  const inEntries = anyElement(field, get, test);
  // With a context memo (prepared-shipment.ts) the list is read once per memo and each distinct text tested once.
  const scalarSlot = prepSlot(`field:${field}`);
  let memo: ContextMemo | undefined;
  let memoEntries: ReadonlySet<string> | undefined;
  let answer: KeptAnswer = () => false;
  return (f, ev) => {
    const prep = f.prep;
    if (f.memo !== undefined && prep !== undefined) {
      if (f.memo !== memo) {
        memo = f.memo;
        const listed = memo.ctx.watchlists.get(list);
        memoEntries = listed;
        answer = keptAnswers((text) => {
          entries = listed as ReadonlySet<string>;
          return test(text);
        });
      }
      if (memoEntries === undefined || memoEntries.size === 0) return false;
      const v = get(f);
      if (typeof v === "string") {
        if (!answer(prep, scalarSlot, v)) return false;
        ev.push(field, v);
        return true;
      }
    }
    const found = f.ctx.watchlists.get(list);
    if (found === undefined || found.size === 0) return false;
    entries = found;
    return inEntries(f, ev);
  };
}

function hsPrefixTest(prefixes: readonly string[]): ScalarTest {
  const set = new Set(prefixes);
  const lengths = [...new Set(prefixes.map((p) => p.length))].sort((a, b) => a - b);
  // A few prefixes (the usual case) are compared in place: no substring and no hashing per code.
  const few = set.size <= 8 ? [...set] : undefined;
  return (v) => {
    const code = typeof v === "string" ? v : scalarText(v);
    if (few !== undefined) {
      for (let i = 0; i < few.length; i++) if (code.startsWith(few[i] as string)) return true;
      return false;
    }
    for (const n of lengths) if (code.length >= n && set.has(code.slice(0, n))) return true;
    return false;
  };
}
