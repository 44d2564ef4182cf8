// compileProfile: a validated profile becomes plain closures once per
// version; score() then runs them over a shipment. A shipment's score is the
// sum of the points of the indicators it matches, nothing else.
import { ShipmentFacts } from "../derived.js";
import type { ContextMemo, PreparedShipment } from "../prepared-shipment.js";
import type { ScoringContext, ShipmentInput } from "../shipment.js";
import { compileCondition } from "./compiler/compile-condition.js";
import { compileTable, type TableLookup } from "./compiler/compile-table.js";
import { EvidenceBuffer, type Evidence, type Matcher } from "./compiler/evidence.js";
import { selectionDraw } from "./compiler/random-selection.js";
import type { Profile } from "./profile-types.js";
import { profileFrame } from "./profile-frame.js";

export type { Evidence, EvidenceValue } from "./compiler/evidence.js";

export type Band = "high" | "medium" | "low";

export interface MatchedIndicator {
  code: string;
  label: string;
  points: number;
  evidence: Evidence[];
}

export interface ScoreResult {
  score: number;
  band: Band | null;
  /** By score (>= thresholds.select) or at random. */
  selected: boolean;
  /** The random draw selected the shipment (whatever its score). */
  random: boolean;
  /** False when the shipment is outside the profile's scope or validity. */
  applicable: boolean;
  indicators: MatchedIndicator[];
}

export interface ScoreIds {
  shipmentId: string;
  versionId: string;
}

export interface ScoreOptions {
  /** Collect each matched indicator's evidence (default true). */
  evidence?: boolean;
}

/** The evidence of every match when the caller asked for none: shared, so frozen. */
const NO_EVIDENCE = Object.freeze([]) as unknown as Evidence[];

export interface CompiledProfile {
  readonly profile: Profile;
  /** Codes of the indicators whose condition reads a watchlist: a match on one flags the shipment for officers. */
  readonly watchlistIndicators: ReadonlySet<string>;
  score(shipment: ShipmentInput, ctx: ScoringContext, ids: ScoreIds): ScoreResult;
  /**
   * Same, reusing facts already derived for this shipment by another profile.
   * `{ evidence: false }` leaves every matched indicator's evidence empty, for
   * callers that only count (back-tests): the same scores, and the matched
   * indicators are frozen objects shared between results.
   */
  scoreFacts(facts: ShipmentFacts, ids: ScoreIds, options?: ScoreOptions): ScoreResult;
  /**
   * Same as score(), for a shipment prepared once (prepared-shipment.ts) and
   * a memo of the context's answers shared by the shipments scored with it:
   * identical results, without hashing each text again per indicator. The
   * memo must be of the shipment's pool.
   */
  scorePrepared(shipment: PreparedShipment, memo: ContextMemo, ids: ScoreIds, options?: ScoreOptions): ScoreResult;
}

interface CompiledIndicator {
  code: string;
  label: string;
  points: number;
  when: Matcher | undefined;
  table: TableLookup | undefined;
  /** Matches without evidence by points, shared between results (see ScoreOptions). */
  bare: Map<number, MatchedIndicator>;
}

/** True when a condition, at any depth, looks a value up in a watchlist. */
function readsWatchlist(condition: unknown): boolean {
  if (condition === null || typeof condition !== "object") return false;
  if (Array.isArray(condition)) return condition.some(readsWatchlist);
  const c = condition as Record<string, unknown>;
  return c.op === "inList" || Object.values(c).some((v) => typeof v === "object" && readsWatchlist(v));
}

/** The random draw, kept by a prepared shipment for the last (shipment id, version id) it was drawn for. */
function drawFor(prep: PreparedShipment | undefined, ids: ScoreIds): number {
  if (prep === undefined) return selectionDraw(ids.shipmentId, ids.versionId);
  if (prep.drawShipment !== ids.shipmentId || prep.drawVersion !== ids.versionId) {
    prep.draw = selectionDraw(ids.shipmentId, ids.versionId);
    prep.drawShipment = ids.shipmentId;
    prep.drawVersion = ids.versionId;
  }
  return prep.draw;
}

function notApplicable(): ScoreResult {
  return { score: 0, band: null, selected: false, random: false, applicable: false, indicators: [] };
}

export function compileProfile(profile: Profile): CompiledProfile {
  const indicators: CompiledIndicator[] = profile.indicators.map((ind) => ({
    code: ind.code,
    label: ind.label,
    points: ind.points ?? 0,
    when: ind.when === undefined ? undefined : compileCondition(ind.when),
    table: ind.table === undefined ? undefined : compileTable(ind.table),
    bare: new Map(),
  }));
  /** A match without evidence: one frozen object per indicator and points, so a back-test allocates none per record. */
  const bareMatch = (ind: CompiledIndicator, points: number): MatchedIndicator => {
    let found = ind.bare.get(points);
    if (found === undefined) {
      found = Object.freeze({ code: ind.code, label: ind.label, points, evidence: NO_EVIDENCE });
      ind.bare.set(points, found);
    }
    return found;
  };
  const { high, medium, low, select, randomRate, modes, units, validFrom, validTo, timeBound } = profileFrame(profile);
  const shared = new EvidenceBuffer();

  function scoreFacts(facts: ShipmentFacts, ids: ScoreIds, options?: ScoreOptions): ScoreResult {
    const withEvidence = options?.evidence !== false;
    if (modes !== undefined && !modes.has(facts.s.transportMode)) return notApplicable();
    if (units !== undefined && facts.ctx.unitCode !== undefined && !units.has(facts.ctx.unitCode)) return notApplicable();
    if (timeBound) {
      const t = facts.referenceTime();
      if (t < validFrom || t > validTo) return notApplicable();
    }
    // A context callback could in theory re-enter score(); never share the buffer then.
    const ev = shared.busy ? new EvidenceBuffer() : shared;
    ev.busy = true;
    const matched: MatchedIndicator[] = [];
    let score = 0;
    try {
      for (let i = 0; i < indicators.length; i++) {
        const ind = indicators[i] as CompiledIndicator;
        ev.length = 0;
        if (ind.when !== undefined && !ind.when(facts, ev)) continue;
        let points = ind.points;
        if (ind.table !== undefined) {
          const p = ind.table(facts, ev);
          // Tables speak only where they have something to say.
          if (p === undefined || p === 0) continue;
          points = p;
        }
        score += points;
        matched.push(withEvidence ? { code: ind.code, label: ind.label, points, evidence: ev.take() } : bareMatch(ind, points));
      }
    } finally {
      ev.length = 0;
      ev.busy = false;
    }
    // Sums of decimal points (14.5 + -3.2) must not miss a threshold by 1e-15.
    score = Math.round(score * 1e6) / 1e6;
    const band: Band | null = score >= high ? "high" : score >= medium ? "medium" : score >= low ? "low" : null;
    const random = randomRate > 0 && drawFor(facts.prep, ids) < randomRate;
    return { score, band, selected: random || score >= select, random, applicable: true, indicators: matched };
  }

  function scorePrepared(shipment: PreparedShipment, memo: ContextMemo, ids: ScoreIds, options?: ScoreOptions): ScoreResult {
    if (memo.texts !== shipment.texts) throw new Error("the context memo is of another pool of prepared shipments");
    const facts = new ShipmentFacts(shipment.shipment, memo.ctx);
    facts.prep = shipment;
    facts.memo = memo;
    return scoreFacts(facts, ids, options);
  }

  return {
    profile,
    scorePrepared,
    watchlistIndicators: new Set(profile.indicators.filter((ind) => ind.when !== undefined && readsWatchlist(ind.when)).map((ind) => ind.code)),
    scoreFacts,
    score: (shipment, ctx, ids) => scoreFacts(new ShipmentFacts(shipment, ctx), ids),
  };
}
