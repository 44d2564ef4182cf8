// Shipments prepared as columns, for scoring many of them with one profile
// at a time (back-tests over a history snapshot, re-scoring a queue).
//
// Every value a condition reads is interned once in the batch's ValuePool,
// and a column holds, per shipment, the ids of a field's values (one for a
// scalar, one per element for a list). A compiled condition then answers a
// value id once and reads an array for every other shipment holding that
// value; the batch scorer (batch-scorer.ts) walks columns of integers rather
// than objects and strings.
//
// A batch holds only what depends on the shipments alone, whatever the
// profile: field values, party keys, parsed dates, value per kg, the median's
// question, weight facts, table keys, and three parameterless facts (forwarder
// as consignee, seal issue, generic description) computed by the very
// matchers score() runs. Columns are built when first asked, by any profile,
// and kept: a batch is prepared once per snapshot. What depends on the
// scoring context (first sightings, seizure links, watchlists, medians) is
// answered per id in a BatchContext, one per context.
//
// A batch assumes its shipments are not changed after it is made.
import { isoMs, ShipmentFacts } from "../derived.js";
import { compileDomainCondition } from "../dsl/compiler/domain-conditions.js";
import { EvidenceBuffer, type Matcher } from "../dsl/compiler/evidence.js";
import { compileTableKey } from "../dsl/compiler/compile-table.js";
import { fieldGetter, isEmptyValue } from "../dsl/compiler/field-access.js";
import { selectionDraw } from "../dsl/compiler/random-selection.js";
import { PARTY_ROLES, type ScoringContext, type ShipmentInput } from "../shipment.js";

export type BatchValue = string | number | boolean;

/** The distinct values of a batch, numbered from 0 in the order first seen. */
export class ValuePool {
  private readonly ids = new Map<BatchValue, number>();
  readonly values: BatchValue[] = [];

  idOf(value: BatchValue): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}

/** A field's values by shipment: shipment r holds ids[start[r] .. start[r + 1]). */
export interface ValueColumn {
  readonly start: Int32Array;
  readonly ids: Int32Array;
  /** isEmptyValue of the shipment's value (absent, null, blank, NaN, a list of blanks). */
  readonly empty: Uint8Array;
  /** The shipment's value is a list (its first element is not trimmed for blankness). */
  readonly list: Uint8Array;
}

/** Facts of the weight rule, NaN where unknown. */
export interface WeightColumns {
  readonly gross: Float64Array;
  readonly maxPayload: Float64Array;
  /** A container (number or type given), not declared empty. */
  readonly fullContainer: Uint8Array;
  readonly kgPerPackage: Float64Array;
}

/** The median's question per shipment (-1 none asked: no value per kg or no HS code), and the questions' parts. */
export interface MedianQuestions {
  readonly question: Int32Array;
  readonly valuePerKg: Float64Array;
  readonly parts: readonly { hs: string; origin: string | undefined; currency: string | undefined }[];
}

/** A context that must not be read while columns are built: they depend on the shipments alone. */
const NO_CONTEXT: ScoringContext = {
  get now(): Date {
    throw new Error("a batch column read the scoring context");
  },
  watchlists: new Map(),
  partyFirstSeen: () => {
    throw new Error("a batch column read the scoring context");
  },
  partyLinkedToSeizure: () => {
    throw new Error("a batch column read the scoring context");
  },
  medianValuePerKg: () => {
    throw new Error("a batch column read the scoring context");
  },
};

/** Fields whose value reads the scoring context: never a column, conditions on them run score()'s matcher. */
export const CONTEXT_FIELDS: ReadonlySet<string> = new Set(["derived.valuePerKgRatio"]);

/** The parameterless facts a batch keeps, each the result of score()'s own matcher. */
export type BatchFact = "partyIsForwarder" | "sealIssue" | "genericDescription";

export class ShipmentBatch {
  readonly size: number;
  readonly pool = new ValuePool();
  private readonly columns = new Map<string, ValueColumn>();
  private readonly keys: (Int32Array | undefined)[] = [];
  private readonly facts = new Map<BatchFact, Uint8Array>();
  private readonly tableKeys = new Map<string, Int32Array>();
  private partyTime: Float64Array | undefined;
  private arrivalTime: Float64Array | undefined;
  private weights: WeightColumns | undefined;
  private medians: MedianQuestions | undefined;
  private drawVersion: string | undefined;
  private drawKeys: readonly string[] | undefined;
  private drawn: Float64Array | undefined;

  constructor(readonly shipments: readonly ShipmentInput[]) {
    this.size = shipments.length;
  }

  /** Facts of shipment r for building a column (derived measures; no context). */
  private factsOf(r: number): ShipmentFacts {
    return new ShipmentFacts(this.shipments[r] as ShipmentInput, NO_CONTEXT);
  }

  /** The column of a field path (a path validated by the DSL, not one of CONTEXT_FIELDS). */
  column(path: string): ValueColumn {
    let col = this.columns.get(path);
    if (col === undefined) {
      col = this.buildColumn(path);
      this.columns.set(path, col);
    }
    return col;
  }

  private buildColumn(path: string): ValueColumn {
    if (CONTEXT_FIELDS.has(path)) throw new Error(`${path} reads the scoring context: no column`);
    const get = fieldGetter(path);
    const n = this.size;
    const start = new Int32Array(n + 1);
    const empty = new Uint8Array(n);
    const list = new Uint8Array(n);
    const ids: number[] = [];
    for (let r = 0; r < n; r++) {
      start[r] = ids.length;
      const v = get(this.factsOf(r));
      if (isEmptyValue(v)) empty[r] = 1;
      if (v === undefined || v === null) continue;
      if (typeof v === "object") {
        list[r] = 1;
        for (const x of v) ids.push(this.pool.idOf(x));
      } else {
        ids.push(this.pool.idOf(v));
      }
    }
    start[n] = ids.length;
    return { start, ids: Int32Array.from(ids), empty, list };
  }

  /** The party key of each shipment's party in a role (value ids; -1 no party or no key), as ShipmentFacts.partyKey gives it. */
  partyKeys(roleIndex: number): Int32Array {
    let col = this.keys[roleIndex];
    if (col === undefined) {
      const role = PARTY_ROLES[roleIndex];
      if (role === undefined) throw new Error(`no party role ${roleIndex}`);
      col = new Int32Array(this.size);
      for (let r = 0; r < this.size; r++) {
        const key = this.factsOf(r).partyKey(role, roleIndex);
        col[r] = key === undefined ? -1 : this.pool.idOf(key);
      }
      while (this.keys.length <= roleIndex) this.keys.push(undefined);
      this.keys[roleIndex] = col;
    }
    return col;
  }

  /** Epoch ms of arrival (NaN when unknown): the reference time of validity windows, else the context's now. */
  arrivals(): Float64Array {
    if (this.arrivalTime === undefined) {
      const col = new Float64Array(this.size);
      for (let r = 0; r < this.size; r++) col[r] = isoMs(this.shipments[r]?.arrivalDate);
      this.arrivalTime = col;
    }
    return this.arrivalTime;
  }

  /** Epoch ms first sightings are counted back from: arrival, else departure; NaN for the context's now. */
  partyReferenceTimes(): Float64Array {
    if (this.partyTime === undefined) {
      const arrivals = this.arrivals();
      const col = new Float64Array(this.size);
      for (let r = 0; r < this.size; r++) {
        const arrival = arrivals[r] as number;
        col[r] = Number.isNaN(arrival) ? isoMs(this.shipments[r]?.departureDate) : arrival;
      }
      this.partyTime = col;
    }
    return this.partyTime;
  }

  /** A parameterless fact per shipment (1 holds), from the matcher score() runs. */
  fact(name: BatchFact): Uint8Array {
    let col = this.facts.get(name);
    if (col === undefined) {
      const matcher: Matcher = compileDomainCondition({ op: name });
      const ev = new EvidenceBuffer();
      col = new Uint8Array(this.size);
      for (let r = 0; r < this.size; r++) {
        col[r] = matcher(this.factsOf(r), ev) ? 1 : 0;
        ev.length = 0;
      }
      this.facts.set(name, col);
    }
    return col;
  }

  weightColumns(): WeightColumns {
    if (this.weights === undefined) {
      const n = this.size;
      const gross = new Float64Array(n);
      const maxPayload = new Float64Array(n);
      const fullContainer = new Uint8Array(n);
      const kgPerPackage = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const f = this.factsOf(r);
        const s = f.s;
        gross[r] = s.grossWeightKg ?? NaN;
        maxPayload[r] = f.maxPayloadKg() ?? NaN;
        fullContainer[r] = (s.containerNumber !== undefined || s.containerType !== undefined) && !s.isEmpty ? 1 : 0;
        kgPerPackage[r] = f.kgPerPackage() ?? NaN;
      }
      this.weights = { gross, maxPayload, fullContainer, kgPerPackage };
    }
    return this.weights;
  }

  /** What ShipmentFacts.valuePerKgRatio asks the context, numbered per distinct question. */
  medianQuestions(): MedianQuestions {
    if (this.medians === undefined) {
      const n = this.size;
      const question = new Int32Array(n).fill(-1);
      const valuePerKg = new Float64Array(n).fill(NaN);
      const numbers = new Map<string, number>();
      const parts: { hs: string; origin: string | undefined; currency: string | undefined }[] = [];
      for (let r = 0; r < n; r++) {
        const f = this.factsOf(r);
        const vpk = f.valuePerKg();
        const hs = f.s.hsCodes[0];
        if (vpk === undefined) continue;
        valuePerKg[r] = vpk;
        if (hs === undefined) continue;
        const { countryOfOrigin: origin, currency } = f.s;
        // Absent parts are told apart from empty ones: the context may answer them differently.
        const text = `${hs}\u0000${origin ?? "\u0001"}\u0000${currency ?? "\u0001"}`;
        let q = numbers.get(text);
        if (q === undefined) {
          q = parts.length;
          parts.push({ hs, origin, currency });
          numbers.set(text, q);
        }
        question[r] = q;
      }
      this.medians = { question, valuePerKg, parts };
    }
    return this.medians;
  }

  /** A table's key per shipment (value ids of the normalised key text; -1 a part missing), read as compileTableKey reads it. */
  tableKey(keyPaths: readonly string[]): Int32Array {
    const name = keyPaths.join("\u0000");
    let col = this.tableKeys.get(name);
    if (col === undefined) {
      const read = compileTableKey(keyPaths);
      col = new Int32Array(this.size);
      for (let r = 0; r < this.size; r++) {
        const key = read(this.factsOf(r));
        // Kept apart from field values: a key is looked up in the table, never tested as a value.
        col[r] = key === undefined ? -1 : this.pool.idOf(key);
      }
      this.tableKeys.set(name, col);
    }
    return col;
  }

  /**
   * The random draw of every shipment for a version, by its id or the given
   * draw keys (as back-tests pass them); the last version's draws are kept.
   */
  draws(versionId: string, drawKeys?: readonly string[]): Float64Array {
    if (this.drawn === undefined || this.drawVersion !== versionId || this.drawKeys !== drawKeys) {
      const col = new Float64Array(this.size);
      for (let r = 0; r < this.size; r++) col[r] = selectionDraw(drawKeys?.[r] ?? (this.shipments[r] as ShipmentInput).id, versionId);
      this.drawn = col;
      this.drawVersion = versionId;
      this.drawKeys = drawKeys;
    }
    return this.drawn;
  }
}

/** Answers by id, kept dense: 0 not asked yet, 1 no, 2 yes; grown to a size before a scan, so the scan reads without bounds checks. */
export class IdFlags {
  flags = new Uint8Array(0);

  /** The flags, holding at least `size` ids. */
  sized(size: number): Uint8Array {
    if (this.flags.length < size) {
      const grown = new Uint8Array(Math.max(size, this.flags.length * 2, 64));
      grown.set(this.flags);
      this.flags = grown;
    }
    return this.flags;
  }
}

/** Numbers by id (state 0 not asked yet, 1 known). */
export class IdNumbers {
  numbers = new Float64Array(0);
  state = new Uint8Array(0);

  size(size: number): void {
    if (this.state.length < size) {
      const length = Math.max(size, this.state.length * 2, 64);
      const numbers = new Float64Array(length);
      const state = new Uint8Array(length);
      numbers.set(this.numbers);
      state.set(this.state);
      this.numbers = numbers;
      this.state = state;
    }
  }
}

/**
 * The context's answers for one batch, by value id: first sightings (ms, NaN
 * never seen), seizure links and medians. Like ContextMemo, it assumes the
 * context answers the same while it is used: make a new one when it changes.
 */
export class BatchContext {
  readonly firstSeen = new IdNumbers();
  readonly linked1 = new IdFlags();
  readonly linked2 = new IdFlags();
  readonly median = new IdNumbers();
  readonly nowMs: number;

  constructor(
    readonly batch: ShipmentBatch,
    readonly ctx: ScoringContext,
  ) {
    this.nowMs = ctx.now.getTime();
  }
}
