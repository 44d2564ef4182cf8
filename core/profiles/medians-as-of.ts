// The unit's median declared value per kg as it stood on a past day, for
// back-tests: the median of the priced shipments dated (arrival, else the day
// the unit received them) on or before that day, never of later ones, with
// the same groups, fallback and minimum sample as live scoring
// (core/scoring/scoring-context.ts). Read once per run; a group's medians by
// day are worked out the first time a record asks for it.

import type { Pool, PoolClient } from "../db/pool.js";

/** As live scoring: below this many priced shipments a median says little. */
const MIN_SAMPLES = 5;
const DAY_MS = 86_400_000;

/** One group's priced shipments as read (days since the epoch and values per kg, by day): plain arrays, so a worker thread can be handed the rows. */
export interface MedianGroupRow {
  hs: string;
  origin: string | null;
  currency: string | null;
  days: number[];
  values: number[];
}

interface DatedMedians {
  /** Days (since the epoch) on which the median changed, ascending. */
  days: number[];
  medians: number[];
}

/**
 * The median after each day of `days` (ascending, values in the same order):
 * an order-statistics tree over the values' ranks, so a group of n shipments
 * costs n log n. Interpolates as PostgreSQL's percentile_cont(0.5) does.
 */
function mediansByDay(days: readonly number[], values: readonly number[]): DatedMedians {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const rank = new Int32Array(n);
  order.forEach((index, r) => (rank[index] = r));
  const tree = new Int32Array(n + 1);
  let top = 1;
  while (top * 2 <= n) top *= 2;
  /** The value of the k-th smallest (1-based) inserted so far. */
  const kth = (k: number): number => {
    let pos = 0;
    for (let step = top; step > 0; step >>= 1) {
      if (pos + step <= n && tree[pos + step]! < k) {
        pos += step;
        k -= tree[pos]!;
      }
    }
    return values[order[pos]!]!;
  };
  const out: DatedMedians = { days: [], medians: [] };
  let i = 0;
  while (i < n) {
    const day = days[i]!;
    for (; i < n && days[i] === day; i++) for (let t = rank[i]! + 1; t <= n; t += t & -t) tree[t] = tree[t]! + 1;
    if (i < MIN_SAMPLES) continue;
    const lo = kth(Math.floor((i + 1) / 2));
    const hi = kth(Math.floor(i / 2) + 1);
    out.days.push(day);
    out.medians.push(lo + (hi - lo) * 0.5);
  }
  return out;
}

export type MedianAsOf = (dayStartMs: number, hsCode: string, origin: string | undefined, currency?: string) => number | undefined;

export async function loadMediansAsOf(pool: Pool, unitId: string): Promise<MedianAsOf> {
  return mediansAsOf(await readMedianGroups(pool, unitId));
}

/** The unit's priced shipments by group (HS6 and HS4 with origin and currency), with enough of them for a median. */
export async function readMedianGroups(pool: Pool | PoolClient, unitId: string): Promise<MedianGroupRow[]> {
  const found = await pool.query<MedianGroupRow>(
    `WITH priced AS (
       SELECT left(hs_codes[1], 6) AS hs6, left(hs_codes[1], 4) AS hs4, country_of_origin AS origin, currency,
              COALESCE(arrival_date, (created_at AT TIME ZONE 'UTC')::date) - DATE '1970-01-01' AS day,
              declared_value / NULLIF(COALESCE(net_weight_kg, gross_weight_kg), 0) AS vpk
         FROM shipment
        WHERE unit_id = $1 AND declared_value > 0 AND COALESCE(net_weight_kg, gross_weight_kg) > 0
          AND cardinality(hs_codes) > 0)
     SELECT COALESCE(hs6, hs4) AS hs, origin, currency, array_agg(day ORDER BY day, vpk) AS days, array_agg(vpk ORDER BY day, vpk) AS values
       FROM priced
      GROUP BY GROUPING SETS ((hs6, origin, currency), (hs4, origin, currency))
     HAVING count(*) >= $2`,
    [unitId, MIN_SAMPLES],
  );
  return found.rows;
}

// What the groups are read from changes only when the unit's shipments do:
// rows are inserted (manifests, imports) or deleted (cancellations, the
// archive), never updated in place, so their count and latest insertion name
// the set. A heap scan of the unit's rows, a fraction of the grouped sort.
const SHIPMENTS_KEY_SQL = "SELECT count(*) || '@' || COALESCE(max(created_at)::text, '') AS key FROM shipment WHERE unit_id = $1";
/** Units whose groups are kept; the least recently used goes first. */
const MAX_UNITS = 3;
const kept = new Map<string, { key: string; groups: Promise<MedianGroupRow[]> }>();

/**
 * readMedianGroups, kept per unit while its shipments stay the same: a
 * back-test or comparison after another reads only the key (the grouped
 * sort of 50,000 priced shipments was about a second of a warm run on
 * loaded cores).
 */
export async function keptMedianGroups(pool: Pool, unitId: string): Promise<readonly MedianGroupRow[]> {
  const key = (await pool.query<{ key: string }>(SHIPMENTS_KEY_SQL, [unitId])).rows[0]!.key;
  const found = kept.get(unitId);
  kept.delete(unitId);
  if (found && found.key === key) {
    kept.set(unitId, found);
    return found.groups;
  }
  const groups = readMedianGroups(pool, unitId);
  const entry = { key, groups };
  kept.set(unitId, entry);
  groups.catch(() => {
    if (kept.get(unitId) === entry) kept.delete(unitId);
  });
  while (kept.size > MAX_UNITS) kept.delete(kept.keys().next().value!);
  return groups;
}

/** The median as of a day, from the rows readMedianGroups gave; a group's medians by day are worked out when first asked. */
export function mediansAsOf(groups: readonly MedianGroupRow[]): MedianAsOf {
  const rows = new Map(groups.map((row) => [`${row.hs}|${row.origin ?? ""}|${row.currency ?? ""}`, row]));
  const dated = new Map<string, DatedMedians>();
  const at = (key: string, day: number): number | undefined => {
    let medians = dated.get(key);
    if (medians === undefined) {
      const row = rows.get(key);
      if (row === undefined) return undefined;
      dated.set(key, (medians = mediansByDay(row.days, row.values)));
    }
    // The last change on or before the day.
    let lo = 0;
    let hi = medians.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (medians.days[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : medians.medians[lo - 1];
  };
  return (dayStartMs, hsCode, origin, currency) => {
    const day = Math.floor(dayStartMs / DAY_MS);
    return at(`${hsCode.slice(0, 6)}|${origin ?? ""}|${currency ?? ""}`, day) ?? at(`${hsCode.slice(0, 4)}|${origin ?? ""}|${currency ?? ""}`, day);
  };
}
