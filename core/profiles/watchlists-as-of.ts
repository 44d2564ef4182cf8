// A unit's watchlists as they stood at a past moment, for back-tests: an
// entry counts from when it was added (added_at) until it expires, so a list
// entry made after a record's day never matches that record (the analyst may
// have added it because of that very shipment). Read once per run; the sets
// for one moment are built once and reused while records of the same day
// follow (the history is read in day order).
import type { Pool, PoolClient } from "../db/pool.js";

/** One watchlist entry as read: plain numbers and strings, so a worker thread can be handed the rows. */
export interface WatchlistEntryRow {
  code: string;
  value: string;
  added_ms: number;
  expires_ms: number | null;
}

export type Watchlists = ReadonlyMap<string, ReadonlySet<string>>;

/** The unit's watchlist entries with their dates, in the order the sets are built. */
export async function readWatchlistEntries(pool: Pool | PoolClient, unitId: string): Promise<WatchlistEntryRow[]> {
  // Epoch ms as float8: exact for timestamptz(3), and no Date parsing per row. Ordered so the sets are built the same way every run.
  const found = await pool.query<WatchlistEntryRow>(
    `SELECT w.code, e.value, (extract(epoch FROM e.added_at) * 1000)::float8 AS added_ms,
            (extract(epoch FROM e.expires_at) * 1000)::float8 AS expires_ms
       FROM watchlist w JOIN watchlist_entry e ON e.watchlist_id = w.id
      WHERE w.unit_id = $1
      ORDER BY w.code, e.value`,
    [unitId],
  );
  return found.rows;
}

/** The watchlists as at a moment, from the rows readWatchlistEntries gave. */
export function watchlistsAsOf(rows: readonly WatchlistEntryRow[]): (atMs: number) => Watchlists {
  let lastAt = Number.NaN;
  let last: Watchlists = new Map();
  return (atMs) => {
    if (atMs === lastAt) return last;
    const lists = new Map<string, Set<string>>();
    for (const row of rows) {
      // The same test as live scoring's (expires_at > now), with added_at <= now on top.
      if (row.added_ms > atMs || (row.expires_ms !== null && row.expires_ms <= atMs)) continue;
      let entries = lists.get(row.code);
      if (!entries) lists.set(row.code, (entries = new Set()));
      entries.add(row.value);
    }
    lastAt = atMs;
    last = lists;
    return lists;
  };
}
