// Recent inspections weigh more: fraud patterns drift (an importer cleans up,
// a new route appears), so each record's weight halves every `halfLifeDays`
// counted back from the newest record of the history.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD or a full timestamp). */
export function dayNumber(isoDate: string): number {
  const t = Date.parse(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (!Number.isFinite(t)) throw new Error(`not an ISO date: ${JSON.stringify(isoDate)}`);
  return Math.floor(t / DAY_MS);
}

/**
 * Sample weights, rescaled so they sum to the number of records: the L2
 * penalty then means the same thing whatever the half-life.
 * `halfLifeDays` of Infinity (or <= 0 meaning "off") gives equal weights.
 */
export function decayWeights(dates: readonly string[], halfLifeDays: number): Float64Array {
  const w = new Float64Array(dates.length);
  if (dates.length === 0) return w;
  if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) return w.fill(1);
  const days = dates.map(dayNumber);
  // A loop, not Math.max(...days): spreading 100k+ arguments can overflow the stack.
  let newest = -Infinity;
  for (const d of days) if (d > newest) newest = d;
  let sum = 0;
  days.forEach((d, i) => {
    w[i] = 0.5 ** ((newest - d) / halfLifeDays);
    sum += w[i];
  });
  const scale = dates.length / sum;
  for (let i = 0; i < w.length; i++) w[i]! *= scale;
  return w;
}
