// A profile scoring a whole ShipmentBatch at once, indicator by indicator
// over selections of rows, into typed arrays: per shipment its score, band,
// flags (applicable, selected, random) and the indicators that fired (a
// bitset, with each table indicator's points). That is all score() decides;
// its result objects, evidence included, are materialised from it on demand
// (result()), for the shipments a caller shows or stores. result() gives
// exactly what score() gives: the equivalence tests check it on random
// profiles and shipments.
//
// Not with new Function: profiles are user-written, and the house rule is a
// validated tree compiled to closures (pitfalls.md). The closures here run
// once per indicator and batch, not once per shipment.
import { ShipmentFacts } from "../derived.js";
import { compileCondition } from "../dsl/compiler/compile-condition.js";
import { compileTable, tableEntries, tableKeyReadsContext, type TableLookup } from "../dsl/compiler/compile-table.js";
import { EvidenceBuffer, type Matcher } from "../dsl/compiler/evidence.js";
import type { Band, MatchedIndicator, ScoreResult } from "../dsl/compile.js";
import type { Profile } from "../dsl/profile-types.js";
import { profileFrame } from "../dsl/profile-frame.js";
import type { ShipmentInput } from "../shipment.js";
import { compileRowFilter, type RowFilter } from "./batch-conditions.js";
import { BatchContext, IdNumbers } from "./shipment-batch.js";

const BANDS: readonly (Band | null)[] = [null, "low", "medium", "high"];

/** Flag bits of BatchScores.flags. */
export const APPLICABLE = 1, SELECTED = 2, RANDOM = 4;

/** What scoring a batch decides, per shipment (row). */
export interface BatchScores {
  readonly size: number;
  /** The score, rounded as score() rounds it (0 when not applicable). */
  readonly scores: Float64Array;
  /** 0 none, 1 low, 2 medium, 3 high. */
  readonly bands: Int8Array;
  /** APPLICABLE | SELECTED | RANDOM. */
  readonly flags: Uint8Array;
  /** Bit i of word row * words + (i >> 5): indicator i fired. */
  readonly fired: Int32Array;
  readonly words: number;
  /** Points of table indicators: row * tables.length + t, for the t-th table indicator. */
  readonly tablePoints: Float64Array;
}

interface BatchIndicator {
  code: string;
  label: string;
  points: number;
  filter: RowFilter | undefined;
  /** Index among the profile's table indicators, -1 for none. */
  table: number;
  points1: ((run: BatchContext, r: number) => number | undefined) | undefined;
  when: Matcher | undefined;
  lookup: TableLookup | undefined;
}

export interface ScoreBatchOptions {
  /** Draw keys by row, instead of the shipments' ids (back-tests pass them). */
  drawKeys?: readonly string[] | undefined;
  /**
   * Score only these rows (each once, any order), e.g. the records of one
   * day with that day's context; the others are left as they are in `into`.
   */
  rows?: Int32Array | undefined;
  /** Write into these scores (of the same batch and profile) instead of new ones: one result for a history scored day by day. */
  into?: BatchScores | undefined;
}

export interface BatchScorer {
  readonly profile: Profile;
  /** Scores the shipments of the batch (all, or options.rows) with the run's context; rows not scored stay not applicable. */
  scoreBatch(run: BatchContext, versionId: string, options?: ScoreBatchOptions): BatchScores;
  /** score()'s result for row r, evidence included (or left empty with `{ evidence: false }`, as scoreFacts does). */
  result(run: BatchContext, scores: BatchScores, r: number, options?: { evidence?: boolean }): ScoreResult;
  /** Codes and points of the indicators that fired for row r, in profile order. */
  fired(scores: BatchScores, r: number): { code: string; points: number }[];
}

/** A table's points by key id, for one pool at a time (undefined kept as NaN). */
function tablePointsOf(indicatorTable: NonNullable<Profile["indicators"][number]["table"]>): (run: BatchContext, r: number) => number | undefined {
  const entries = tableEntries(indicatorTable);
  const fallback = indicatorTable.default;
  if (tableKeyReadsContext(indicatorTable.key)) {
    const lookup = compileTable(indicatorTable);
    const ev = new EvidenceBuffer();
    return (run, r) => {
      const points = lookup(new ShipmentFacts(run.batch.shipments[r] as ShipmentInput, run.ctx), ev);
      ev.length = 0;
      return points;
    };
  }
  let pool: unknown;
  let known = new IdNumbers();
  return (run, r) => {
    const batch = run.batch;
    const id = batch.tableKey(indicatorTable.key)[r] as number;
    if (id < 0) return undefined;
    if (pool !== batch.pool) {
      pool = batch.pool;
      known = new IdNumbers();
    }
    known.size(batch.pool.size);
    if (known.state[id] === 0) {
      known.numbers[id] = entries.get(batch.pool.values[id] as string) ?? fallback ?? NaN;
      known.state[id] = 1;
    }
    const points = known.numbers[id] as number;
    return Number.isNaN(points) ? undefined : points;
  };
}

export function compileBatchScorer(profile: Profile): BatchScorer {
  let tables = 0;
  const indicators: BatchIndicator[] = profile.indicators.map((ind) => ({
    code: ind.code,
    label: ind.label,
    points: ind.points ?? 0,
    filter: ind.when === undefined ? undefined : compileRowFilter(ind.when),
    table: ind.table === undefined ? -1 : tables++,
    points1: ind.table === undefined ? undefined : tablePointsOf(ind.table),
    when: ind.when === undefined ? undefined : compileCondition(ind.when),
    lookup: ind.table === undefined ? undefined : compileTable(ind.table),
  }));
  const words = Math.max(1, Math.ceil(indicators.length / 32));
  const { high, medium, low, select, randomRate, modes, units, validFrom, validTo, timeBound } = profileFrame(profile);
  let all = new Int32Array(0);
  let rows = new Int32Array(0);
  let busy = false;

  /** The rows (all, or the given ones) the profile applies to (scope and validity), into `all`; their count. */
  function applicableRows(run: BatchContext, only: Int32Array | undefined): number {
    const batch = run.batch;
    const n = only === undefined ? batch.size : only.length;
    if (units !== undefined && run.ctx.unitCode !== undefined && !units.has(run.ctx.unitCode)) return 0;
    const modeIds = modes === undefined ? undefined : batch.column("transportMode");
    const arrivals = timeBound ? batch.arrivals() : undefined;
    const values = batch.pool.values;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const r = only === undefined ? j : (only[j] as number);
      if (modeIds !== undefined) {
        const s = modeIds.start[r] as number;
        if (s === modeIds.start[r + 1] || !(modes as Set<string>).has(values[modeIds.ids[s] as number] as string)) continue;
      }
      if (arrivals !== undefined) {
        const a = arrivals[r] as number;
        const t = Number.isNaN(a) ? run.nowMs : a;
        if (t < validFrom || t > validTo) continue;
      }
      all[k++] = r;
    }
    return k;
  }

  function scoreBatch(run: BatchContext, versionId: string, options?: ScoreBatchOptions): BatchScores {
    if (busy) throw new Error("scoreBatch re-entered from a context callback");
    busy = true;
    try {
      const batch = run.batch;
      const n = batch.size;
      if (all.length < n) {
        all = new Int32Array(n);
        rows = new Int32Array(n);
      }
      const into = options?.into;
      if (into !== undefined && (into.size !== n || into.words !== words || into.tablePoints.length !== n * tables)) throw new Error("scores of another batch or profile");
      const out: BatchScores = into ?? { size: n, scores: new Float64Array(n), bands: new Int8Array(n), flags: new Uint8Array(n), fired: new Int32Array(n * words), words, tablePoints: new Float64Array(n * tables) };
      const { scores, bands, flags, fired, tablePoints } = out;
      if (options?.rows !== undefined) {
        // Rows scored again start afresh.
        for (const r of options.rows) {
          scores[r] = 0;
          bands[r] = 0;
          flags[r] = 0;
          fired.fill(0, r * words, (r + 1) * words);
          tablePoints.fill(0, r * tables, (r + 1) * tables);
        }
      } else if (into !== undefined) {
        scores.fill(0);
        bands.fill(0);
        flags.fill(0);
        fired.fill(0);
        tablePoints.fill(0);
      }
      const m = applicableRows(run, options?.rows);
      for (let i = 0; i < indicators.length; i++) {
        const ind = indicators[i] as BatchIndicator;
        let count = m;
        let sel = all;
        if (ind.filter !== undefined) {
          count = ind.filter(run, all, m, rows);
          sel = rows;
        }
        const word = i >> 5;
        const bit = 1 << (i & 31);
        if (ind.points1 === undefined) {
          const points = ind.points;
          for (let j = 0; j < count; j++) {
            const r = sel[j] as number;
            scores[r] = (scores[r] as number) + points;
            fired[r * words + word] = (fired[r * words + word] as number) | bit;
          }
        } else {
          for (let j = 0; j < count; j++) {
            const r = sel[j] as number;
            const points = ind.points1(run, r);
            // Tables speak only where they have something to say.
            if (points === undefined || points === 0) continue;
            scores[r] = (scores[r] as number) + points;
            fired[r * words + word] = (fired[r * words + word] as number) | bit;
            tablePoints[r * tables + ind.table] = points;
          }
        }
      }
      const draws = randomRate > 0 ? batch.draws(versionId, options?.drawKeys) : undefined;
      for (let j = 0; j < m; j++) {
        const r = all[j] as number;
        // Sums of decimal points (14.5 + -3.2) must not miss a threshold by 1e-15.
        const score = Math.round((scores[r] as number) * 1e6) / 1e6;
        scores[r] = score;
        bands[r] = score >= high ? 3 : score >= medium ? 2 : score >= low ? 1 : 0;
        const random = draws !== undefined && (draws[r] as number) < randomRate;
        flags[r] = APPLICABLE | (random ? RANDOM : 0) | (random || score >= select ? SELECTED : 0);
      }
      return out;
    } finally {
      busy = false;
    }
  }

  const isFired = (scores: BatchScores, r: number, i: number): boolean => ((scores.fired[r * scores.words + (i >> 5)] as number) & (1 << (i & 31))) !== 0;

  function fired(scores: BatchScores, r: number): { code: string; points: number }[] {
    const out: { code: string; points: number }[] = [];
    for (let i = 0; i < indicators.length; i++) {
      if (!isFired(scores, r, i)) continue;
      const ind = indicators[i] as BatchIndicator;
      out.push({ code: ind.code, points: ind.table < 0 ? ind.points : (scores.tablePoints[r * tables + ind.table] as number) });
    }
    return out;
  }

  function result(run: BatchContext, scores: BatchScores, r: number, options?: { evidence?: boolean }): ScoreResult {
    const f = scores.flags[r] as number;
    if ((f & APPLICABLE) === 0) return { score: 0, band: null, selected: false, random: false, applicable: false, indicators: [] };
    const withEvidence = options?.evidence !== false;
    const matched: MatchedIndicator[] = [];
    const facts = withEvidence ? new ShipmentFacts(run.batch.shipments[r] as ShipmentInput, run.ctx) : undefined;
    const ev = new EvidenceBuffer();
    for (let i = 0; i < indicators.length; i++) {
      if (!isFired(scores, r, i)) continue;
      const ind = indicators[i] as BatchIndicator;
      const points = ind.table < 0 ? ind.points : (scores.tablePoints[r * tables + ind.table] as number);
      if (facts !== undefined) {
        // The evidence is what score()'s own matchers push for this shipment: they must agree that the indicator fired.
        ev.length = 0;
        const held = ind.when === undefined || ind.when(facts, ev);
        const tablePoints = ind.lookup === undefined ? points : ind.lookup(facts, ev);
        if (!held || tablePoints !== points) throw new Error(`batch scorer and score() disagree on ${ind.code} for shipment ${facts.s.id}`);
      }
      matched.push({ code: ind.code, label: ind.label, points, evidence: facts === undefined ? [] : ev.take() });
    }
    const band = BANDS[scores.bands[r] as number] ?? null;
    return { score: scores.scores[r] as number, band, selected: (f & SELECTED) !== 0, random: (f & RANDOM) !== 0, applicable: true, indicators: matched };
  }

  return { profile, scoreBatch, result, fired };
}

export { BatchContext };
