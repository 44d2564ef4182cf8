// Dry-runs of a profile (POST .../profiles/dry-run and .../versions/{v}/dry-run):
// what the analyst typed → the target, and a sample's results → the figures
// the editor shows (bands, share selected, how often each indicator matched).
import type { Band, MatchedIndicator, ScoreResult } from "../../profiling/dsl/compile.js";
import { UUID } from "./uuid.js";

export type { Band, MatchedIndicator };
export type { Evidence } from "../../profiling/dsl/compile.js";

/** The engine's result for one shipment, with the shipment it was run on. */
export interface DryRunResult extends ScoreResult {
  shipmentId?: string;
  billOfLading?: string;
  containerNumber?: string | null;
  arrivalDate?: string | null;
}

export interface DryRunResponse {
  profileCode: string;
  version: number | null;
  summary: { shipments: number; applicable: number; selected: number; random: number; byBand: Record<Band | "none", number> };
  results: DryRunResult[];
}

export const SAMPLE_SIZES = [100, 200, 500, 1000] as const;

/** A shipment id as it is, else a container number the way the API stores it (upper case, no spaces or dashes). */
export function containerTarget(typed: string): { shipmentId: string } | { containerNumber: string } | null {
  const value = typed.trim();
  if (value === "") return null;
  if (UUID.test(value)) return { shipmentId: value.toLowerCase() };
  return { containerNumber: value.replace(/[\s-]+/g, "").toUpperCase() };
}

export interface BandShare {
  band: Band | "none";
  count: number;
  share: number | null;
}

export function bandShares(summary: DryRunResponse["summary"]): BandShare[] {
  const total = summary.shipments;
  return (["high", "medium", "low", "none"] as const).map((band) => ({ band, count: summary.byBand[band], share: total > 0 ? summary.byBand[band] / total : null }));
}

export const selectedShare = (summary: DryRunResponse["summary"]): number | null => (summary.shipments > 0 ? summary.selected / summary.shipments : null);

export interface IndicatorCount {
  code: string;
  label: string;
  matched: number;
  share: number | null;
  points: number;
}

/** How many shipments of the sample each indicator matched, most frequent first (ties in profile order of first appearance). */
export function indicatorCounts(results: readonly DryRunResult[]): IndicatorCount[] {
  const counts = new Map<string, IndicatorCount>();
  for (const result of results) {
    for (const ind of result.indicators) {
      const seen = counts.get(ind.code) ?? { code: ind.code, label: ind.label, matched: 0, share: null, points: 0 };
      seen.matched += 1;
      seen.points += ind.points;
      counts.set(ind.code, seen);
    }
  }
  return [...counts.values()]
    .map((c) => ({ ...c, share: results.length > 0 ? c.matched / results.length : null }))
    .sort((a, b) => b.matched - a.matched);
}

/** The highest scores of the sample (stable for equal scores). */
export function topScores(results: readonly DryRunResult[], n: number): DryRunResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.score - a.r.score || a.i - b.i)
    .slice(0, n)
    .map((x) => x.r);
}

/** Evidence values as one short text: lists joined, objects as JSON. */
export function evidenceText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(evidenceText).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "—";
}
