// A validated condition compiled into a filter over a batch's rows: given a
// selection of row indexes, it writes the rows where the condition holds,
// in order. all/any/not combine selections, so a branch only reads the rows
// still in question (as score() short-circuits). Every leaf runs the same
// scalar tests as score()'s matchers (valueTestPlan, routePortTest,
// inListTest), answered once per value id; conditions without a column form
// run score()'s matcher row by row. No evidence is collected here: the batch
// scorer materialises it on demand (batch-scorer.ts).
import { ShipmentFacts } from "../derived.js";
import { compileCondition } from "../dsl/compiler/compile-condition.js";
import { routePortTest } from "../dsl/compiler/domain-conditions.js";
import { EvidenceBuffer, type Matcher } from "../dsl/compiler/evidence.js";
import { inListTest, valueTestPlan, type ScalarTest, type ValueCondition } from "../dsl/compiler/value-conditions.js";
import type { Condition } from "../dsl/profile-types.js";
import { PARTY_ROLES, type ShipmentInput } from "../shipment.js";
import { compileFieldCompareFilter } from "./batch-field-compare.js";
import { CONTEXT_FIELDS, IdFlags, type BatchContext, type ValueColumn, type ValuePool } from "./shipment-batch.js";

/** Writes to `out` the rows of sel[0 .. n) where the condition holds, in order, and returns their count. `out` may be `sel`. */
export type RowFilter = (run: BatchContext, sel: Int32Array, n: number, out: Int32Array) => number;

const DAY_MS = 86_400_000;

/** Row indexes of a batch's size, grown when a larger batch comes. */
class Rows {
  rows = new Int32Array(0);
  sized(n: number): Int32Array {
    if (this.rows.length < n) this.rows = new Int32Array(n);
    return this.rows;
  }
}

/** A value-only test's answers per value id, for one pool at a time. */
function valueAnswers(): (pool: ValuePool) => Uint8Array {
  let last: ValuePool | undefined;
  let flags = new IdFlags();
  return (pool) => {
    if (pool !== last) {
      last = pool;
      flags = new IdFlags();
    }
    return flags.sized(pool.size);
  };
}

/** Rows where any value id of the column passes the test (answers filled as ids come). */
function anyValue(col: ValueColumn, values: readonly unknown[], answers: Uint8Array, test: ScalarTest, sel: Int32Array, n: number, out: Int32Array): number {
  const { start, ids } = col;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const r = sel[j] as number;
    const end = start[r + 1] as number;
    for (let e = start[r] as number; e < end; e++) {
      const id = ids[e] as number;
      let a = answers[id] as number;
      if (a === 0) {
        a = test(values[id] as string | number | boolean) ? 2 : 1;
        answers[id] = a;
      }
      if (a === 2) {
        out[k++] = r;
        break;
      }
    }
  }
  return k;
}

function anyFilter(field: string, test: ScalarTest): RowFilter {
  const answersOf = valueAnswers();
  return (run, sel, n, out) => {
    const col = run.batch.column(field);
    return anyValue(col, run.batch.pool.values, answersOf(run.batch.pool), test, sel, n, out);
  };
}

/** neq, notIn: the value is not empty and no element passes. */
function noneFilter(field: string, test: ScalarTest): RowFilter {
  const answersOf = valueAnswers();
  const rows = new Rows();
  return (run, sel, n, out) => {
    const col = run.batch.column(field);
    const hits = rows.sized(run.batch.size);
    const m = anyValue(col, run.batch.pool.values, answersOf(run.batch.pool), test, sel, n, hits);
    const empty = col.empty;
    let k = 0;
    let h = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      if (h < m && hits[h] === r) {
        h++;
        continue;
      }
      if (empty[r] === 0) out[k++] = r;
    }
    return k;
  };
}

function emptinessFilter(field: string, wantEmpty: number): RowFilter {
  return (run, sel, n, out) => {
    const empty = run.batch.column(field).empty;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      if (empty[r] === wantEmpty) out[k++] = r;
    }
    return k;
  };
}

/** score()'s matcher, row by row, for conditions no column can answer (they read the context through a derived field). */
function matcherFilter(matcher: Matcher): RowFilter {
  const ev = new EvidenceBuffer();
  return (run, sel, n, out) => {
    const shipments = run.batch.shipments;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      const held = matcher(new ShipmentFacts(shipments[r] as ShipmentInput, run.ctx), ev);
      ev.length = 0;
      if (held) out[k++] = r;
    }
    return k;
  };
}

function readsContextField(c: Condition): boolean {
  switch (c.op) {
    case "all":
    case "any":
      return c.of.some(readsContextField);
    case "not":
      return readsContextField(c.of);
    case "fieldCompare":
      return CONTEXT_FIELDS.has(c.field) || CONTEXT_FIELDS.has(c.other);
    case "hsPrefix":
      return CONTEXT_FIELDS.has(c.field ?? "hsCodes");
    default:
      return "field" in c && typeof c.field === "string" && CONTEXT_FIELDS.has(c.field);
  }
}

export function compileRowFilter(c: Condition): RowFilter {
  if (readsContextField(c)) return matcherFilter(compileCondition(c));
  switch (c.op) {
    case "all": {
      const parts = c.of.map(compileRowFilter);
      return (run, sel, n, out) => {
        let m = n;
        let from = sel;
        for (let i = 0; i < parts.length && m > 0; i++) {
          m = (parts[i] as RowFilter)(run, from, m, out);
          from = out;
        }
        if (from !== out) out.set(sel.subarray(0, n));
        return m;
      };
    }
    case "any":
      return anyOf(c.of.map(compileRowFilter));
    case "not": {
      const inner = compileRowFilter(c.of);
      const rows = new Rows();
      return (run, sel, n, out) => {
        const hits = rows.sized(run.batch.size);
        const m = inner(run, sel, n, hits);
        let k = 0;
        let h = 0;
        for (let j = 0; j < n; j++) {
          const r = sel[j] as number;
          if (h < m && hits[h] === r) h++;
          else out[k++] = r;
        }
        return k;
      };
    }
    case "fieldCompare":
      return compileFieldCompareFilter(c);
    case "routeVia":
      return routeViaFilter(c.ports ?? [], c.countries ?? [], c.legs ?? "any");
    case "partyNew":
      return partyNewFilter(c.role === "any" ? [0, 1, 2, 3, 4] : [PARTY_ROLES.indexOf(c.role)], c.days * DAY_MS);
    case "partySeizureLinked":
      return seizureFilter(c.role === "any" ? [0, 1, 2, 3, 4] : [PARTY_ROLES.indexOf(c.role)], c.degree ?? 1);
    case "partyIsForwarder":
    case "sealIssue":
    case "genericDescription": {
      const name = c.op;
      return (run, sel, n, out) => {
        const holds = run.batch.fact(name);
        let k = 0;
        for (let j = 0; j < n; j++) {
          const r = sel[j] as number;
          if (holds[r] === 1) out[k++] = r;
        }
        return k;
      };
    }
    case "valueAnomaly":
      return valueAnomalyFilter(c.below ?? -Infinity, c.above ?? Infinity);
    case "weightImplausible":
      return weightFilter(c.minKgPerPackage, c.maxKgPerPackage);
    default:
      return valueFilter(c);
  }
}

function valueFilter(c: ValueCondition): RowFilter {
  const plan = valueTestPlan(c);
  switch (plan.mode) {
    case "any":
      return anyFilter(plan.field, plan.test);
    case "none":
      return noneFilter(plan.field, plan.test);
    case "exists":
      return emptinessFilter(plan.field, 0);
    case "missing":
      return emptinessFilter(plan.field, 1);
    case "inList": {
      const { field, def, list } = plan;
      // Answers per value id for one context at a time: the list lives in the context.
      let last: BatchContext | undefined;
      let entries: ReadonlySet<string> | undefined;
      let flags = new IdFlags();
      const test: ScalarTest = (v) => inListTest(def, entries as ReadonlySet<string>, v);
      return (run, sel, n, out) => {
        if (run !== last) {
          last = run;
          entries = run.ctx.watchlists.get(list);
          flags = new IdFlags();
        }
        if (entries === undefined || entries.size === 0) return 0;
        const col = run.batch.column(field);
        return anyValue(col, run.batch.pool.values, flags.sized(run.batch.pool.size), test, sel, n, out);
      };
    }
  }
}

/** Rows where any of the parts holds: each part reads only the rows no earlier part matched. */
function anyOf(parts: readonly RowFilter[]): RowFilter {
  const remaining = new Rows();
  const hits = new Rows();
  let marks = new Uint8Array(0);
  return (run, sel, n, out) => {
    const size = run.batch.size;
    if (marks.length < size) marks = new Uint8Array(size);
    const rest = remaining.sized(size);
    const found = hits.sized(size);
    rest.set(sel.subarray(0, n));
    let left = n;
    for (let i = 0; i < parts.length && left > 0; i++) {
      const m = (parts[i] as RowFilter)(run, rest, left, found);
      if (m === 0) continue;
      let k = 0;
      let h = 0;
      for (let j = 0; j < left; j++) {
        const r = rest[j] as number;
        if (h < m && found[h] === r) {
          marks[r] = 1;
          h++;
        } else {
          rest[k++] = r;
        }
      }
      left = k;
    }
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      if (marks[r] === 1) {
        marks[r] = 0;
        out[k++] = r;
      }
    }
    return k;
  };
}

function routeViaFilter(ports: readonly string[], countries: readonly string[], legs: "loading" | "transshipment" | "any"): RowFilter {
  const hit = routePortTest(ports, countries);
  const test: ScalarTest = (v) => typeof v === "string" && hit(v);
  const loading = anyFilter("portOfLoading", test);
  const transship = anyFilter("transshipmentPorts", test);
  if (legs === "loading") return loading;
  if (legs === "transshipment") return transship;
  return anyOf([loading, transship]);
}

function partyNewFilter(roles: readonly number[], windowMs: number): RowFilter {
  return (run, sel, n, out) => {
    const batch = run.batch;
    const keys = roles.map((role) => batch.partyKeys(role));
    const times = batch.partyReferenceTimes();
    const pool = batch.pool;
    const memo = run.firstSeen;
    memo.size(pool.size);
    const seen = memo.numbers;
    const state = memo.state;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      for (let i = 0; i < keys.length; i++) {
        const id = (keys[i] as Int32Array)[r] as number;
        if (id < 0) continue;
        if (state[id] === 0) {
          seen[id] = run.ctx.partyFirstSeen(pool.values[id] as string)?.getTime() ?? NaN;
          state[id] = 1;
        }
        const t = times[r] as number;
        // Never seen (NaN) is new; so is a first sighting on or after the shipment's own date.
        if ((Number.isNaN(t) ? run.nowMs : t) - (seen[id] as number) > windowMs) continue;
        out[k++] = r;
        break;
      }
    }
    return k;
  };
}

function seizureFilter(roles: readonly number[], degree: 1 | 2): RowFilter {
  return (run, sel, n, out) => {
    const batch = run.batch;
    const keys = roles.map((role) => batch.partyKeys(role));
    const pool = batch.pool;
    const direct = run.linked1.sized(pool.size);
    const shared = degree === 2 ? run.linked2.sized(pool.size) : direct;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      for (let i = 0; i < keys.length; i++) {
        const id = (keys[i] as Int32Array)[r] as number;
        if (id < 0) continue;
        if (direct[id] === 0) direct[id] = run.ctx.partyLinkedToSeizure(pool.values[id] as string, 1) ? 2 : 1;
        let linked = direct[id] === 2;
        if (!linked && degree === 2) {
          if (shared[id] === 0) shared[id] = run.ctx.partyLinkedToSeizure(pool.values[id] as string, 2) ? 2 : 1;
          linked = shared[id] === 2;
        }
        if (linked) {
          out[k++] = r;
          break;
        }
      }
    }
    return k;
  };
}

function valueAnomalyFilter(below: number, above: number): RowFilter {
  return (run, sel, n, out) => {
    const { question, valuePerKg, parts } = run.batch.medianQuestions();
    const memo = run.median;
    memo.size(parts.length);
    const medians = memo.numbers;
    const state = memo.state;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      const q = question[r] as number;
      if (q < 0) continue;
      if (state[q] === 0) {
        const p = parts[q] as (typeof parts)[number];
        medians[q] = run.ctx.medianValuePerKg(p.hs, p.origin, p.currency) ?? NaN;
        state[q] = 1;
      }
      const median = medians[q] as number;
      if (!(median > 0)) continue;
      const ratio = (valuePerKg[r] as number) / median;
      if (ratio >= below && ratio <= above) continue;
      out[k++] = r;
    }
    return k;
  };
}

/** FULL_CONTAINER_FLOOR_KG of domain-conditions.ts. */
const FLOOR_KG = 100;

function weightFilter(minPerPackage: number | undefined, maxPerPackage: number | undefined): RowFilter {
  const bounded = minPerPackage !== undefined || maxPerPackage !== undefined;
  const min = minPerPackage ?? -Infinity;
  const max = maxPerPackage ?? Infinity;
  return (run, sel, n, out) => {
    const { gross, maxPayload, fullContainer, kgPerPackage } = run.batch.weightColumns();
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = sel[j] as number;
      const g = gross[r] as number;
      if (Number.isNaN(g)) continue;
      // NaN (no payload, no kg per package) fails every comparison, as undefined does in the matcher.
      if (g > (maxPayload[r] as number) || (fullContainer[r] === 1 && g < FLOOR_KG)) {
        out[k++] = r;
        continue;
      }
      if (!bounded) continue;
      const perPackage = kgPerPackage[r] as number;
      if (perPackage < min || perPackage > max) out[k++] = r;
    }
    return k;
  };
}
