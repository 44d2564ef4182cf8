// fieldCompare over a batch: the first value of one field against the first
// of another, as compileFieldCompare (dsl/compiler/field-compare.ts) does,
// with each value's number or normalised text worked out once per value id.
import { normalizeText } from "../features/normalize.js";
import { isoMs } from "../derived.js";
import type { Condition } from "../dsl/profile-types.js";
import type { FieldDef } from "../dsl/fields.js";
import { normalizeForField, scalarText } from "../dsl/table-keys.js";
import { fieldDef } from "../dsl/compiler/value-conditions.js";
import type { RowFilter } from "./batch-conditions.js";
import type { BatchValue, ValueColumn, ValuePool } from "./shipment-batch.js";

type FieldCompare = Extract<Condition, { op: "fieldCompare" }>;

/** Per value id: a number (NaN none) or a text's number, for one pool at a time. */
class Converted {
  private pool: ValuePool | undefined;
  numbers = new Float64Array(0);
  done = new Uint8Array(0);
  texts = new Int32Array(0);
  constructor(
    private readonly convert: (v: BatchValue) => number | string,
    /** Text numbers, shared by both sides of a comparison. */
    private readonly textIds: Map<string, number>,
  ) {}

  sized(pool: ValuePool): void {
    if (pool !== this.pool) {
      this.pool = pool;
      this.numbers = new Float64Array(0);
      this.done = new Uint8Array(0);
      this.texts = new Int32Array(0);
    }
    if (this.done.length < pool.size) {
      const length = Math.max(pool.size, this.done.length * 2, 64);
      const numbers = new Float64Array(length);
      const done = new Uint8Array(length);
      const texts = new Int32Array(length);
      numbers.set(this.numbers);
      done.set(this.done);
      texts.set(this.texts);
      this.numbers = numbers;
      this.done = done;
      this.texts = texts;
    }
  }

  /** Converts value `id` if not done yet. */
  fill(values: readonly BatchValue[], id: number): void {
    if (this.done[id] === 1) return;
    const c = this.convert(values[id] as BatchValue);
    if (typeof c === "number") {
      this.numbers[id] = c;
    } else {
      let t = this.textIds.get(c);
      if (t === undefined) {
        t = this.textIds.size;
        this.textIds.set(c, t);
      }
      this.texts[id] = t;
    }
    this.done[id] = 1;
  }
}

/** The id of the shipment's first value as field-compare's first() reads it: -1 when absent, or a blank scalar text. */
function firstId(col: ValueColumn, values: readonly BatchValue[], r: number): number {
  const s = col.start[r] as number;
  if (s === col.start[r + 1]) return -1;
  const id = col.ids[s] as number;
  if (col.list[r] === 0) {
    const v = values[id];
    if (typeof v === "string" && v.trim().length === 0) return -1;
  }
  return id;
}

export function compileFieldCompareFilter(c: FieldCompare): RowFilter {
  const a = fieldDef(c.field);
  const b = fieldDef(c.other);
  const factor = c.factor ?? 1;
  const dates = a.kind === "date" || b.kind === "date";
  const numeric = c.cmp !== "eq" && c.cmp !== "neq" ? true : a.kind === "number" || b.kind === "number" || dates;
  const toNumber = (v: BatchValue): number => (typeof v === "number" ? v : typeof v === "string" ? (dates ? isoMs(v) : Number(v)) : NaN);
  const toText = (def: FieldDef) => (v: BatchValue): string => (def.kind === "any" ? normalizeText(scalarText(v)) : normalizeForField(def, scalarText(v)));
  // Both sides number their texts in one table: equal numbers are equal texts.
  const textIds = new Map<string, number>();
  const left = new Converted(numeric ? toNumber : toText(a), textIds);
  const right = new Converted(numeric ? toNumber : toText(b), textIds);
  const cmp = c.cmp;
  const scale = dates ? 1 : factor;
  return (run, sel, n, out) => {
    const batch = run.batch;
    const colA = batch.column(c.field);
    const colB = batch.column(c.other);
    const values = batch.pool.values;
    left.sized(batch.pool);
    right.sized(batch.pool);
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      const x = firstId(colA, values, r);
      if (x < 0) continue;
      const y = firstId(colB, values, r);
      if (y < 0) continue;
      left.fill(values, x);
      right.fill(values, y);
      let holds: boolean;
      if (numeric) {
        const nx = left.numbers[x] as number;
        const ny = (right.numbers[y] as number) * scale;
        if (Number.isNaN(nx) || Number.isNaN(ny)) continue;
        holds = cmp === "eq" ? nx === ny : cmp === "neq" ? nx !== ny : cmp === "gt" ? nx > ny : cmp === "gte" ? nx >= ny : cmp === "lt" ? nx < ny : nx <= ny;
      } else {
        const same = left.texts[x] === right.texts[y];
        holds = cmp === "eq" ? same : !same;
      }
      if (holds) out[k++] = r;
    }
    return k;
  };
}
