// Scoring a back-test's records, the part that runs in worker threads
// (backtest-pool.ts) or in process. Each record is scored on its own, with
// its context as on its day, so any split of the records gives the same
// per-record results; those travel back as columns (typed arrays, moved
// between threads without copying) and are put together in record order
// before any figure is computed, so the figures do not depend on the split.
import { ShipmentFacts } from "../../profiling/derived.js";
import { compileProfile, type CompiledProfile } from "../../profiling/dsl/compile.js";
import type { Profile } from "../../profiling/dsl/profile-types.js";
import type { ScoringContext } from "../../profiling/shipment.js";
import type { DatedRecord } from "../profiles/backtest-samples.js";
import { mediansAsOf, type MedianAsOf, type MedianGroupRow } from "../profiles/medians-as-of.js";
import type { PreparedRecord } from "../profiles/prepared-history.js";
import type { LinkedAsOf } from "../profiles/seizure-links-as-of.js";
import { watchlistsAsOf, type WatchlistEntryRow, type Watchlists } from "../profiles/watchlists-as-of.js";

/** What a run reads besides the prepared history, as plain rows: a thread rebuilds the dated look-ups from them. */
export interface RunInputs {
  unitCode: string | undefined;
  watchlistRows: readonly WatchlistEntryRow[];
  medianRows: readonly MedianGroupRow[];
}

/** The dated look-ups a record's context is made of. */
export interface RunContext {
  unitCode: string | undefined;
  watchlistsAt: (atMs: number) => Watchlists;
  medianAsOf: MedianAsOf;
  partyFirstSeen: (key: string) => Date | undefined;
  linkedAsOf: LinkedAsOf;
}

export function runContext(inputs: RunInputs, history: Pick<RunContext, "partyFirstSeen" | "linkedAsOf">): RunContext {
  return {
    unitCode: inputs.unitCode,
    watchlistsAt: watchlistsAsOf(inputs.watchlistRows),
    medianAsOf: mediansAsOf(inputs.medianRows),
    partyFirstSeen: history.partyFirstSeen,
    linkedAsOf: history.linkedAsOf,
  };
}

const DAY_END_MS = 86_400_000 - 1;

/**
 * The scoring context as on the record's day: `now` is the end of that day,
 * watchlist entries count from when they were added until they expire,
 * medians and seizure links are those as of that day (labelled-history.ts).
 */
export function recordContext(run: RunContext, record: { shipmentId: string; dayStart: number }): ScoringContext {
  const { dayStart, shipmentId } = record;
  return {
    now: new Date(dayStart + DAY_END_MS),
    unitCode: run.unitCode,
    watchlists: run.watchlistsAt(dayStart + DAY_END_MS),
    partyFirstSeen: run.partyFirstSeen,
    medianValuePerKg: (hsCode, origin, currency) => run.medianAsOf(dayStart, hsCode, origin, currency),
    partyLinkedToSeizure: (key, degree = 1) => run.linkedAsOf(key, degree, shipmentId, dayStart),
  };
}

/** A profile as a run scores it: the checked document (threads compile their own) and what its random draw hashes. */
export interface ProfileToScore {
  profile: Profile;
  drawKey: string;
}

export interface CompiledToScore {
  compiled: CompiledProfile;
  drawKey: string;
  /** Indicator code → its index in the profile: matches travel as indexes. */
  codeIndex: ReadonlyMap<string, number>;
}

export function toScore(compiled: CompiledProfile, drawKey: string): CompiledToScore {
  return { compiled, drawKey, codeIndex: new Map(compiled.profile.indicators.map((indicator, k) => [indicator.code, k])) };
}

export const compileToScore = (profile: ProfileToScore): CompiledToScore => toScore(compileProfile(profile.profile), profile.drawKey);

export const SELECTED = 1;
export const RANDOM = 2;
export const APPLICABLE = 4;

/** One profile's results for a list of records, in their order. Record i's matches are matchEnd[i-1] (0 for i = 0) up to matchEnd[i]. */
export interface ScoredColumns {
  scores: Float64Array;
  /** SELECTED | RANDOM | APPLICABLE bits. */
  flags: Uint8Array;
  matchEnd: Uint32Array;
  /** Index of the matched indicator in the profile. */
  matchIndicators: Uint16Array;
  matchPoints: Float64Array;
}

/** Collects one profile's results record by record. */
export class ColumnsBuilder {
  private readonly scores: number[] = [];
  private readonly flags: number[] = [];
  private readonly matchEnd: number[] = [];
  private readonly matchIndicators: number[] = [];
  private readonly matchPoints: number[] = [];

  add(score: number, flags: number, matches: readonly { code: string; points: number }[], codeIndex: ReadonlyMap<string, number>): void {
    this.scores.push(score);
    this.flags.push(flags);
    for (const match of matches) {
      const index = codeIndex.get(match.code);
      if (index === undefined) throw new Error(`indicator ${match.code} is not in the profile scored`);
      this.matchIndicators.push(index);
      this.matchPoints.push(match.points);
    }
    this.matchEnd.push(this.matchIndicators.length);
  }

  finish(): ScoredColumns {
    return {
      scores: Float64Array.from(this.scores),
      flags: Uint8Array.from(this.flags),
      matchEnd: Uint32Array.from(this.matchEnd),
      matchIndicators: Uint16Array.from(this.matchIndicators),
      matchPoints: Float64Array.from(this.matchPoints),
    };
  }
}

/** Scores records[from, to) with every profile, each into its builder. */
export function scoreRecords(records: readonly PreparedRecord[], from: number, to: number, profiles: readonly CompiledToScore[], run: RunContext, out: readonly ColumnsBuilder[]): void {
  for (let i = from; i < to; i++) {
    const record = records[i]!;
    // "New party", seizure links and validity dates are judged as on the day the record arrived (and the unit's code is in it).
    const facts = new ShipmentFacts(record.shipment, recordContext(run, { shipmentId: record.shipment.id, dayStart: record.dayStart }));
    // Normalised keys and shipment-only facts kept with the prepared history; the context is the record's own day, so no memo across records.
    facts.keyParts = record.keyParts;
    facts.prep = record.prepared;
    for (let k = 0; k < profiles.length; k++) {
      const profile = profiles[k]!;
      // Metrics count matches and points only: no evidence objects. The draw is keyed on the record's and the definition's own keys, not row ids.
      const result = profile.compiled.scoreFacts(facts, { shipmentId: record.drawKey, versionId: profile.drawKey }, { evidence: false });
      const flags = (result.selected ? SELECTED : 0) | (result.random ? RANDOM : 0) | (result.applicable ? APPLICABLE : 0);
      out[k]!.add(result.score, flags, result.indicators, profile.codeIndex);
    }
  }
}

/**
 * Puts shares back in record order. Records are dealt round-robin by their
 * index in the whole history (backtest-pool.ts): the run's record r, of
 * history index first + r, is in share (first + r) % shares.length, after the
 * run's earlier records of that share. The result is the columns one
 * in-process pass over the run's records gives.
 */
export function mergeShares(shares: readonly ScoredColumns[], count: number, first: number): ScoredColumns {
  const parts = shares.length;
  if (parts === 1) return shares[0]!;
  const dealt = new Array<number>(parts).fill(0);
  for (let r = 0; r < count; r++) dealt[(first + r) % parts]! += 1;
  shares.forEach((share, t) => {
    if (share.scores.length !== dealt[t]) throw new Error(`back-test thread ${t + 1} of ${parts} scored ${share.scores.length} records, ${dealt[t]} were dealt to it`);
  });
  const totalMatches = shares.reduce((n, s) => n + s.matchIndicators.length, 0);
  const merged: ScoredColumns = {
    scores: new Float64Array(count),
    flags: new Uint8Array(count),
    matchEnd: new Uint32Array(count),
    matchIndicators: new Uint16Array(totalMatches),
    matchPoints: new Float64Array(totalMatches),
  };
  const next = new Array<number>(parts).fill(0);
  let written = 0;
  for (let r = 0; r < count; r++) {
    const t = (first + r) % parts;
    const share = shares[t]!;
    const j = next[t]!;
    next[t] = j + 1;
    merged.scores[r] = share.scores[j]!;
    merged.flags[r] = share.flags[j]!;
    const end = share.matchEnd[j]!;
    for (let m = j === 0 ? 0 : share.matchEnd[j - 1]!; m < end; m++) {
      merged.matchIndicators[written] = share.matchIndicators[m]!;
      merged.matchPoints[written] = share.matchPoints[m]!;
      written++;
    }
    merged.matchEnd[r] = written;
  }
  return merged;
}

/** The back-test's records of one profile (profiling/backtest.ts), from its columns in record order. */
export function datedRecords(columns: ScoredColumns, records: readonly PreparedRecord[], profile: Profile): DatedRecord[] {
  // One object per indicator and points, shared between records, as the scorer's own matches without evidence.
  const matches = profile.indicators.map(() => new Map<number, { code: string; points: number }>());
  const matchOf = (index: number, points: number) => {
    const byPoints = matches[index]!;
    let found = byPoints.get(points);
    if (found === undefined) byPoints.set(points, (found = Object.freeze({ code: profile.indicators[index]!.code, points })));
    return found;
  };
  const out = new Array<DatedRecord>(records.length);
  let m = 0;
  for (let i = 0; i < records.length; i++) {
    const indicators: { code: string; points: number }[] = [];
    for (const end = columns.matchEnd[i]!; m < end; m++) indicators.push(matchOf(columns.matchIndicators[m]!, columns.matchPoints[m]!));
    const flags = columns.flags[i]!;
    const record = records[i]!;
    out[i] = { score: columns.scores[i]!, selected: (flags & SELECTED) !== 0, random: (flags & RANDOM) !== 0, hit: record.hit, day: record.day, indicators };
  }
  return out;
}
