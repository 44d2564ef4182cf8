// Back-test metrics over scored, labelled records: what a profile would have
// selected from past shipments and how many of those were real hits. Pure:
// the caller scores the records (compiled profile) and labels them (past
// inspection results). Shared with the profile builder.

export interface BacktestRecord {
  score: number;
  /** Selected by the profile (by score or at random). */
  selected: boolean;
  /** Selected by the random draw (counted apart to measure what profiles miss). */
  random?: boolean;
  /** The inspection found something (a seizure, a confirmed irregularity). */
  hit: boolean;
  indicators: readonly { code: string; points: number }[];
}

export interface TopShareMetrics {
  /** Percent of records, e.g. 5 for the top 5 %. */
  percent: number;
  /** Records in the top share (rounded up, at least one when there are records). */
  count: number;
  /** Expected hits in the top share; ties at the cut count pro rata. */
  hits: number;
  precision: number | null;
  recall: number | null;
  lift: number | null;
}

export interface IndicatorMetrics {
  code: string;
  matched: number;
  matchedHits: number;
  hitRate: number | null;
  pointsOnHits: number;
  pointsTotal: number;
  /** pointsOnHits / pointsTotal: how much of what the indicator adds lands on hits. */
  contribution: number | null;
}

export interface BacktestResult {
  records: number;
  hits: number;
  baseRate: number | null;
  selected: number;
  selectionRate: number | null;
  selectedHits: number;
  precision: number | null;
  recall: number | null;
  /** Precision over the base rate: how much better than opening boxes at random. */
  lift: number | null;
  random: { selected: number; hits: number; hitRate: number | null };
  /**
   * There were records but none scored above 0 (e.g. the profile's scope left
   * them all out): no ranking exists, and topShares are only the base rate of
   * an arbitrary draw, not a curve to show.
   */
  noRecordScored: boolean;
  topShares: TopShareMetrics[];
  indicators: IndicatorMetrics[];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Expected hits among the `share` (0–1) highest-scored records. Records tied
 * with the last one admitted share the remaining places pro rata, so the
 * answer does not depend on input order.
 */
export function precisionAtTopShare(records: readonly { score: number; hit: boolean }[], share: number): { count: number; hits: number; precision: number | null; recall: number | null } {
  return topShare(records, ascendingScores(records), share);
}

/** The records' scores in ascending order: one sort serves every share asked. */
function ascendingScores(records: readonly { score: number }[]): Float64Array {
  const scores = new Float64Array(records.length);
  for (let i = 0; i < records.length; i++) scores[i] = (records[i] as { score: number }).score;
  return scores.sort();
}

function topShare(records: readonly { score: number; hit: boolean }[], ascending: Float64Array, share: number): { count: number; hits: number; precision: number | null; recall: number | null } {
  const total = records.length;
  if (total === 0) return { count: 0, hits: 0, precision: null, recall: null };
  const count = Math.min(total, Math.max(1, Math.ceil(total * share - 1e-9)));
  // The count-th highest score; then one pass counts those above it and those tied with it.
  const cutScore = ascending[total - count] as number;
  let totalHits = 0;
  let above = 0;
  let aboveHits = 0;
  let tied = 0;
  let tiedHits = 0;
  for (let i = 0; i < total; i++) {
    const r = records[i] as { score: number; hit: boolean };
    if (r.hit) totalHits++;
    if (r.score > cutScore) {
      above++;
      if (r.hit) aboveHits++;
    } else if (r.score === cutScore) {
      tied++;
      if (r.hit) tiedHits++;
    }
  }
  const hits = aboveHits + (tied > 0 ? ((count - above) * tiedHits) / tied : 0);
  return { count, hits, precision: hits / count, recall: ratio(hits, totalHits) };
}

export function backtest(records: readonly BacktestRecord[], options: { topK: readonly number[] } = { topK: [1, 2, 5, 10] }): BacktestResult {
  const total = records.length;
  let hits = 0;
  let selected = 0;
  let selectedHits = 0;
  let randomSelected = 0;
  let randomHits = 0;
  let scored = 0;
  const byCode = new Map<string, IndicatorMetrics>();
  for (const r of records) {
    if (r.hit) hits++;
    if (r.score > 0) scored++;
    if (r.selected) {
      selected++;
      if (r.hit) selectedHits++;
    }
    if (r.random === true) {
      randomSelected++;
      if (r.hit) randomHits++;
    }
    for (const ind of r.indicators) {
      let m = byCode.get(ind.code);
      if (m === undefined) {
        m = { code: ind.code, matched: 0, matchedHits: 0, hitRate: null, pointsOnHits: 0, pointsTotal: 0, contribution: null };
        byCode.set(ind.code, m);
      }
      m.matched++;
      m.pointsTotal += ind.points;
      if (r.hit) {
        m.matchedHits++;
        m.pointsOnHits += ind.points;
      }
    }
  }
  const baseRate = ratio(hits, total);
  const precision = ratio(selectedHits, selected);
  const indicators = [...byCode.values()]
    .map((m) => ({ ...m, hitRate: ratio(m.matchedHits, m.matched), contribution: ratio(m.pointsOnHits, m.pointsTotal) }))
    .sort((a, b) => b.matched - a.matched || a.code.localeCompare(b.code));
  const noRecordScored = total > 0 && scored === 0;
  const ascending = ascendingScores(records);
  const topShares = options.topK.map((percent): TopShareMetrics => {
    const top = topShare(records, ascending, percent / 100);
    return { percent, ...top, lift: top.precision !== null && baseRate ? top.precision / baseRate : null };
  });
  return {
    records: total,
    hits,
    baseRate,
    selected,
    selectionRate: ratio(selected, total),
    selectedHits,
    precision,
    recall: ratio(selectedHits, hits),
    lift: precision !== null && baseRate ? precision / baseRate : null,
    random: { selected: randomSelected, hits: randomHits, hitRate: ratio(randomHits, randomSelected) },
    noRecordScored,
    topShares,
    indicators,
  };
}
