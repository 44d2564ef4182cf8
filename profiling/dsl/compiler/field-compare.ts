// fieldCompare: one field against another of the same shipment (freight cost
// above declared value, net weight above gross, loading country not the
// origin). Array fields compare their first element.
import { normalizeText } from "../../features/normalize.js";
import { isoMs } from "../../derived.js";
import type { Condition } from "../profile-types.js";
import { normalizeForField, scalarText } from "../table-keys.js";
import type { Matcher } from "./evidence.js";
import { fieldGetter, type FieldValue } from "./field-access.js";
import { fieldDef } from "./value-conditions.js";

type FieldCompare = Extract<Condition, { op: "fieldCompare" }>;

function first(v: FieldValue): string | number | boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") return v[0];
  if (typeof v === "string" && v.trim().length === 0) return undefined;
  return v;
}

export function compileFieldCompare(c: FieldCompare): Matcher {
  const a = fieldDef(c.field);
  const b = fieldDef(c.other);
  const getA = fieldGetter(c.field);
  const getB = fieldGetter(c.other);
  const factor = c.factor ?? 1;
  const dates = a.kind === "date" || b.kind === "date";
  const numeric = c.cmp !== "eq" && c.cmp !== "neq" ? true : a.kind === "number" || b.kind === "number" || dates;
  const toNumber = (v: string | number | boolean): number =>
    typeof v === "number" ? v : typeof v === "string" ? (dates ? isoMs(v) : Number(v)) : NaN;
  const toText = (v: string | number | boolean, def: typeof a): string =>
    def.kind === "any" ? normalizeText(scalarText(v)) : normalizeForField(def, scalarText(v));
  const cmp = c.cmp;
  return (f, ev) => {
    const x = first(getA(f));
    const y = first(getB(f));
    if (x === undefined || y === undefined) return false;
    let holds: boolean;
    if (numeric) {
      const nx = toNumber(x);
      const ny = toNumber(y) * (dates ? 1 : factor);
      if (Number.isNaN(nx) || Number.isNaN(ny)) return false;
      holds = cmp === "eq" ? nx === ny : cmp === "neq" ? nx !== ny : cmp === "gt" ? nx > ny : cmp === "gte" ? nx >= ny : cmp === "lt" ? nx < ny : nx <= ny;
    } else {
      const same = toText(x, a) === toText(y, b);
      holds = cmp === "eq" ? same : !same;
    }
    if (!holds) return false;
    ev.push(c.field, x);
    ev.push(c.other, y);
    return true;
  };
}
