// The queue's score histogram from the counts of its bins (queue-overview.ts).
// Bins have a whole-number width from the lowest score's floor, so every edge
// is exact, and there are at most HISTOGRAM_BINS of them, but none past the
// one holding the highest score: ten bins for scores that fit in two drew
// eight empty bars after the data (a vessel all at 51 had an axis running to
// 61). A single score counted exactly is one bar at that score, not a range.

/** At most this many bins. */
export const HISTOGRAM_BINS = 10;

export interface ScoreBin {
  from: number;
  to: number;
  count: number;
}

/** How the bins were cut: `base` (the lowest score's floor) and `width` (whole); the lowest and highest scores counted. */
export interface ScoreRange {
  base: number;
  width: number;
  lowest: number;
  highest: number;
}

/**
 * `binCounts[i]`: shipments in [base + i·width, base + (i+1)·width), the last
 * bin closed. `exact`: the scores are the shipments' own (a live count); the
 * counters place a bucket's shipments by one score inside it, so a lone score
 * there stands for a bucket and keeps its whole-number bin.
 */
export function scoreHistogram(binCounts: readonly number[], range: ScoreRange, exact: boolean): ScoreBin[] {
  if (exact && range.lowest === range.highest) {
    return [{ from: range.lowest, to: range.highest, count: binCounts.reduce((sum, n) => sum + n, 0) }];
  }
  const used = Math.min(binCounts.length, Math.floor((range.highest - range.base) / range.width) + 1);
  return binCounts.slice(0, used).map((count, i) => ({ from: range.base + i * range.width, to: range.base + (i + 1) * range.width, count }));
}
