// Seizures over time, client side: which interval suits a period, the time
// axis with its empty months or weeks filled in, and the series (units,
// countries, commodities) pivoted into a table, the smallest folded into
// "other" so the chart stays readable. Keys are UTC like the server's:
// "YYYY-MM" for a month, the Monday "YYYY-MM-DD" for a week.
export type Interval = "month" | "week";

const DAY = 86_400_000;
/** At most this many periods on an axis (ten years of months; weeks only come with short periods). */
export const MAX_PERIODS = 120;
/** Weeks for a period of a quarter or less. */
export const WEEKS_UP_TO_DAYS = 92;

const utc = (date: string): Date => new Date(`${date.slice(0, 10)}T00:00:00Z`);
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Weeks when the period (from → to, or today when open-ended) lasts a quarter or less; months otherwise. */
export function chooseInterval(from: string, to: string, today: string): Interval {
  if (!from) return "month";
  const days = (utc(to || today).getTime() - utc(from).getTime()) / DAY + 1;
  return days >= 1 && days <= WEEKS_UP_TO_DAYS ? "week" : "month";
}

/** The period a date (YYYY-MM-DD, or an ISO date-time read in UTC) falls in. */
export function bucketOf(date: string, interval: Interval): string {
  const day = utc(date.length > 10 ? new Date(date).toISOString() : date);
  if (interval === "month") return isoDay(day).slice(0, 7);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return isoDay(new Date(day.getTime() - sinceMonday * DAY));
}

function nextBucket(key: string, interval: Interval): string {
  if (interval === "week") return isoDay(new Date(utc(key).getTime() + 7 * DAY));
  const [year, month] = key.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

/** Every period from `first` to `last` inclusive (at most `limit`). */
export function bucketRange(first: string, last: string, interval: Interval, limit = MAX_PERIODS): string[] {
  const keys: string[] = [];
  for (let key = first; key <= last && keys.length < limit; key = nextBucket(key, interval)) keys.push(key);
  return keys;
}

/**
 * The time axis of a period: from its start (or the first period with data)
 * to its end (or today), never leaving out a period that has data; [] when
 * the period is open and there is no data.
 */
export function timeAxis(period: { from: string; to: string }, withData: readonly string[], interval: Interval, today: string): string[] {
  const sorted = [...withData].sort();
  const firstData = sorted[0];
  const lastData = sorted.at(-1);
  let start = period.from ? bucketOf(period.from, interval) : firstData;
  if (start === undefined) return [];
  if (firstData !== undefined && firstData < start) start = firstData;
  let end = bucketOf(period.to || today, interval);
  if (lastData !== undefined && lastData > end) end = lastData;
  return bucketRange(start, end, interval);
}

export interface TrendCell {
  period: string;
  key: string;
  seizures: number;
}

export interface Series {
  /** The unit, country or commodity; "" for the series that gathers the others. */
  key: string;
  other: boolean;
  total: number;
}

export interface SeriesTable {
  periods: string[];
  series: Series[];
  /** values[period][series] */
  values: number[][];
  /** Per period, all series together. */
  totals: number[];
  total: number;
}

/** At most this many series in the chart and its table; beyond it, the smallest are added up as "other". */
export const MAX_SERIES = 6;

/** Pivots the server's cells onto the axis: series by total (largest first, then by key), the smallest folded into "other". */
export function pivotSeries(cells: readonly TrendCell[], periods: readonly string[], maxSeries = MAX_SERIES): SeriesTable {
  const index = new Map(periods.map((p, i) => [p, i]));
  const onAxis = cells.filter((c) => index.has(c.period));
  const totals = new Map<string, number>();
  for (const c of onAxis) totals.set(c.key, (totals.get(c.key) ?? 0) + c.seizures);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const folded = ranked.length > maxSeries;
  const shown = folded ? ranked.slice(0, Math.max(0, maxSeries - 1)) : ranked;
  const series: Series[] = shown.map(([key, total]) => ({ key, other: false, total }));
  if (folded) series.push({ key: "", other: true, total: ranked.slice(shown.length).reduce((sum, [, n]) => sum + n, 0) });
  const column = new Map(shown.map(([key], i) => [key, i]));
  const values = periods.map(() => series.map(() => 0));
  for (const c of onAxis) {
    const s = column.get(c.key) ?? series.length - 1;
    values[index.get(c.period)!]![s]! += c.seizures;
  }
  const periodTotals = values.map((row) => row.reduce((sum, n) => sum + n, 0));
  return { periods: [...periods], series, values, totals: periodTotals, total: periodTotals.reduce((sum, n) => sum + n, 0) };
}
