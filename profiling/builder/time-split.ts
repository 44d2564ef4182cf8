// Time-ordered splits of a labelled history. A profile is judged on what
// comes after the history it learned from, so every split here puts the
// cut on a date: nothing on or after the cut is ever handed to the builder.

export interface Dated {
  date: string;
}

/** Records strictly before `cut` (YYYY-MM-DD) and records on or after it. */
export function splitAtDate<T extends Dated>(records: readonly T[], cut: string): { before: T[]; after: T[] } {
  const before: T[] = [];
  const after: T[] = [];
  for (const r of records) (r.date < cut ? before : after).push(r);
  return { before, after };
}

/**
 * The date that leaves about `share` of the records on or after it, moved
 * to a day boundary so one day's declarations are never split.
 */
export function cutForRecentShare(records: readonly Dated[], share: number): string | undefined {
  if (records.length === 0 || !(share > 0 && share < 1)) return undefined;
  const dates = records.map((r) => r.date.slice(0, 10)).sort();
  const cut = dates[Math.min(dates.length - 1, Math.floor(dates.length * (1 - share)))]!;
  // Everything before the first date means no build history at all.
  return cut > dates[0]! ? cut : undefined;
}

/** The score at which about `share` of the scores are at or above it. */
export function scoreAtTopShare(scores: readonly number[], share: number): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => b - a);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * share) - 1))]!;
}
