// What each indicator of a back-test adds, in points and as shares that add
// up. A ratio of points on hits to all of an indicator's points is no share
// of anything (with negative points it ran to "5,254.7 %"), so the chart
// shows points, and the share is each indicator's part of all the points
// that landed on hits, by absolute value: the shares are between 0 and 1 and
// add up to 1 (100 %) whatever the signs.

export interface IndicatorPoints {
  code: string;
  label: string | null;
  matched: number;
  matchedHits: number;
  hitRate: number | null;
  /** Points the indicator added to the records that were hits. */
  pointsOnHits: number;
  /** Points the indicator added to every record it matched. */
  pointsTotal: number;
}

export interface Contribution extends IndicatorPoints {
  /** Part of all points on hits, by absolute value (0..1); null when no indicator added any. */
  share: number | null;
}

/** The indicators by the points they added on hits (largest absolute first, then code), each with its share. */
export function contributions(indicators: readonly IndicatorPoints[]): Contribution[] {
  const total = indicators.reduce((sum, ind) => sum + Math.abs(ind.pointsOnHits), 0);
  return indicators
    .map((ind) => ({ ...ind, share: total > 0 ? Math.abs(ind.pointsOnHits) / total : null }))
    .sort((a, b) => Math.abs(b.pointsOnHits) - Math.abs(a.pointsOnHits) || a.code.localeCompare(b.code));
}

/** "5%" → 5: the shares inspected of a back-test result (keys like "10%"), in order. */
export function sharesOf(byShare: Record<string, number | null> | null | undefined): { percent: number; key: string }[] {
  return Object.keys(byShare ?? {})
    .map((key) => ({ key, percent: Number.parseFloat(key) }))
    .filter((entry) => Number.isFinite(entry.percent))
    .sort((a, b) => a.percent - b.percent);
}
