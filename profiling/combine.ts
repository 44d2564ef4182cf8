// Scoring one shipment with every active profile of a unit: the shipment's
// facts are derived once and shared, and the overall verdict is the most
// severe one (highest score and band, selected if any profile selects it).
import { ShipmentFacts } from "./derived.js";
import type { Band, CompiledProfile, ScoreResult } from "./dsl/compile.js";
import type { ScoringContext, ShipmentInput } from "./shipment.js";

export interface VersionToScore {
  versionId: string;
  compiled: CompiledProfile;
}

export interface OverallVerdict {
  score: number;
  band: Band | null;
  selected: boolean;
  /** Selected at random by at least one profile. */
  random: boolean;
}

export interface CombinedResult {
  /** With `watchlisted`: an indicator reading a watchlist matched, which flags the shipment whatever its score. */
  overall: OverallVerdict & { watchlisted: boolean };
  results: { versionId: string; profileCode: string; result: ScoreResult }[];
}

const BAND_RANK: Readonly<Record<Band, number>> = { high: 3, medium: 2, low: 1 };

export function combineResults(results: readonly ScoreResult[]): OverallVerdict {
  let score = 0;
  let band: Band | null = null;
  let selected = false;
  let random = false;
  for (const r of results) {
    if (!r.applicable) continue;
    score = Math.max(score, r.score);
    if (r.band !== null && (band === null || BAND_RANK[r.band] > BAND_RANK[band])) band = r.band;
    selected ||= r.selected;
    random ||= r.random;
  }
  return { score, band, selected, random };
}

export function scoreWithProfiles(versions: readonly VersionToScore[], shipment: ShipmentInput, ctx: ScoringContext): CombinedResult {
  const facts = new ShipmentFacts(shipment, ctx);
  const results = versions.map((v) => ({
    versionId: v.versionId,
    profileCode: v.compiled.profile.code,
    result: v.compiled.scoreFacts(facts, { shipmentId: shipment.id, versionId: v.versionId }),
  }));
  const watchlisted = results.some((r, i) => {
    const lists = versions[i]!.compiled.watchlistIndicators;
    return lists.size > 0 && r.result.indicators.some((ind) => lists.has(ind.code));
  });
  return { overall: { ...combineResults(results.map((r) => r.result)), watchlisted }, results };
}
