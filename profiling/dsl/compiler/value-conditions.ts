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

type ScalarTest = (v: string | number | boolean) => boolean;
type ValueCondition = Extract<Condition, { op: "eq" | "neq" | "in" | "notIn" | "gt" | "gte" | "lt" | "lte" | "between" | "exists" | "missing" | "contains" | "matches" | "inList" | "hsPrefix" }>;

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

export function compileValueCondition(c: ValueCondition): Matcher {
  if (c.op === "hsPrefix") return compileHsPrefix(c.field ?? "hsCodes", c.prefixes);
  const def = fieldDef(c.field);
  const get = fieldGetter(c.field);
  switch (c.op) {
    case "eq":
      return anyElementOfValue(c.field, get, membership(def, [c.value]));
    case "neq":
      return noElement(c.field, get, membership(def, [c.value]));
    case "in":
      return anyElementOfValue(c.field, get, membership(def, c.values));
    case "notIn":
      return noElement(c.field, get, membership(def, c.values));
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const t = bound(c.value) ?? NaN;
      const num = orderedValue(def, typeof c.value === "string");
      const op = c.op;
      const test: ScalarTest =
        op === "gt" ? (v) => num(v) > t : op === "gte" ? (v) => num(v) >= t : op === "lt" ? (v) => num(v) < t : (v) => num(v) <= t;
      return anyElementOfValue(c.field, get, test);
    }
    case "between": {
      const min = bound(c.min) ?? -Infinity;
      const max = bound(c.max) ?? Infinity;
      const num = orderedValue(def, typeof c.min === "string" || typeof c.max === "string");
      return anyElementOfValue(c.field, get, (v) => {
        const n = num(v);
        return n >= min && n <= max;
      });
    }
    case "exists":
      return (f, ev) => {
        const v = get(f);
        if (isEmptyValue(v)) return false;
        ev.push(c.field, firstScalar(v));
        return true;
      };
    case "missing":
      return (f, ev) => {
        if (!isEmptyValue(get(f))) return false;
        ev.push(c.field, null);
        return true;
      };
    case "contains": {
      const needles = c.values.map((v) => normalizeText(v)).filter((v) => v.length > 0);
      return anyElementOfValue(c.field, get, (v) => {
        const text = normalizeText(scalarText(v));
        for (const needle of needles) if (text.includes(needle)) return true;
        return false;
      });
    }
    case "matches": {
      const test = compileSafePattern(c.pattern, c.flags);
      return anyElementOfValue(c.field, get, (v) => test(scalarText(v)));
    }
    case "inList":
      return compileInList(c.field, def, get, c.list);
  }
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
  const test = (v: string | number | boolean): boolean => {
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
  };
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

function compileHsPrefix(field: string, prefixes: readonly string[]): Matcher {
  const get = fieldGetter(field);
  const set = new Set(prefixes);
  const lengths = [...new Set(prefixes.map((p) => p.length))].sort((a, b) => a - b);
  // A few prefixes (the usual case) are compared in place: no substring and no hashing per code.
  const few = set.size <= 8 ? [...set] : undefined;
  return anyElementOfValue(field, get, (v) => {
    const code = typeof v === "string" ? v : scalarText(v);
    if (few !== undefined) {
      for (let i = 0; i < few.length; i++) if (code.startsWith(few[i] as string)) return true;
      return false;
    }
    for (const n of lengths) if (code.length >= n && set.has(code.slice(0, n))) return true;
    return false;
  });
}
