// Reads every candidate group's raw value from each shipment once, through
// the profile language's own compiled pieces (table keys, field accessors,
// conditions) and the shipment's context as of its day. Vocabularies, bands
// and fits are then cut from these columns for any split of the history
// without reading a shipment again.
import { ShipmentFacts } from "../derived.js";
import { compileCondition } from "../dsl/compiler/compile-condition.js";
import { compileTableKey } from "../dsl/compiler/compile-table.js";
import { EvidenceBuffer, type Matcher } from "../dsl/compiler/evidence.js";
import { fieldGetter, type Getter } from "../dsl/compiler/field-access.js";
import { fieldDef } from "../dsl/compiler/value-conditions.js";
import { normalizeForField, scalarText } from "../dsl/table-keys.js";
import type { ScoringContext, ShipmentInput } from "../shipment.js";
import type { FeatureGroupSpec } from "./feature-catalog.js";

/** Flag column values. */
export const FLAG_FALSE = 0;
export const FLAG_TRUE = 1;
/** Inside the flag's warm-up: neither true nor false, the record says nothing about it. */
export const FLAG_UNKNOWN = 2;

/** Text values interned per group: rows hold small integers, counted and looked up in arrays. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
}

export type GroupColumn =
  | { kind: "table"; codes: Int32Array; dict: Dictionary }
  | { kind: "bins"; values: Float64Array }
  | { kind: "values"; lists: (readonly number[] | undefined)[]; dict: Dictionary }
  | { kind: "flag"; flags: Uint8Array };

export interface RawFeatures {
  groups: readonly FeatureGroupSpec[];
  columns: GroupColumn[];
}

function numberOf(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return NaN;
}

/** A columnar reader of `n` shipments; `read` fills row `i`. */
export class FeatureReader {
  readonly raw: RawFeatures;
  private readonly readers: ((facts: ShipmentFacts, day: number, i: number) => void)[];
  private readonly ev = new EvidenceBuffer();

  /** `firstDay`: day number of the history's first record, for flags' warm-up. */
  constructor(groups: readonly FeatureGroupSpec[], n: number, private readonly firstDay: number) {
    const columns: GroupColumn[] = [];
    this.readers = groups.map((g) => {
      if (g.kind === "table") {
        const col = { kind: "table" as const, codes: new Int32Array(n).fill(-1), dict: new Dictionary() };
        columns.push(col);
        const key = compileTableKey(g.key);
        const when: Matcher | undefined = g.when === undefined ? undefined : compileCondition(g.when);
        const warmup = g.warmupDays ?? 0;
        return (f, day, i) => {
          if (day - this.firstDay < warmup) return;
          this.ev.length = 0;
          if (when !== undefined && !when(f, this.ev)) return;
          const k = key(f);
          if (k !== undefined) col.codes[i] = col.dict.code(k);
        };
      }
      if (g.kind === "bins") {
        const col = { kind: "bins" as const, values: new Float64Array(n).fill(NaN) };
        columns.push(col);
        const get: Getter = fieldGetter(g.field);
        const currency = g.currency;
        return (f, _day, i) => {
          if (currency !== undefined && f.s.currency?.toUpperCase() !== currency) return;
          const v = numberOf(get(f));
          col.values[i] = Number.isFinite(v) ? v : NaN;
        };
      }
      if (g.kind === "values") {
        const col = { kind: "values" as const, lists: new Array<readonly number[] | undefined>(n), dict: new Dictionary() };
        columns.push(col);
        const get = fieldGetter(g.field);
        const def = fieldDef(g.field);
        return (f, _day, i) => {
          const v = get(f);
          if (v === undefined || v === null) return;
          const items = typeof v === "object" ? v : [v];
          const out: number[] = [];
          for (const x of items) {
            const text = normalizeForField(def, scalarText(x));
            if (text.length === 0) continue;
            const c = col.dict.code(text);
            if (!out.includes(c)) out.push(c);
          }
          if (out.length > 0) col.lists[i] = out;
        };
      }
      const col = { kind: "flag" as const, flags: new Uint8Array(n) };
      columns.push(col);
      const when = compileCondition(g.when);
      const warmup = g.warmupDays ?? 0;
      return (f, day, i) => {
        if (day - this.firstDay < warmup) {
          col.flags[i] = FLAG_UNKNOWN;
          return;
        }
        this.ev.length = 0;
        col.flags[i] = when(f, this.ev) ? FLAG_TRUE : FLAG_FALSE;
      };
    });
    this.raw = { groups, columns };
  }

  /** Reads row `i`: the shipment as seen on day number `day` with that day's context. */
  read(i: number, shipment: ShipmentInput, ctx: ScoringContext, day: number): void {
    const facts = new ShipmentFacts(shipment, ctx);
    for (const r of this.readers) r(facts, day, i);
  }
}
