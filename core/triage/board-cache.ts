// The queue board's reads (the list's pages with their total, the counts, the
// voyages) from a short-lived cache shared by the readers of a unit.
// Why: the officers of a unit watch the same few views, and each read runs
// statements over the unit's whole queue. On 2 cores under ingest, reads of
// the same view queued behind one another and took seconds at p95. Now one
// computation per view and interval serves every reader, and misses that
// arrive together share one computation.
// Refresh ahead: an entry read in the last part of its lifetime
// (REFRESH_AHEAD of it) is recomputed in the background while readers are
// still served the entry, so under steady reading nobody waits for a
// recomputation; an entry past its lifetime is never served (its age counts
// from when its computation started).
// How stale: a write made through this process (a decision, an assignment,
// an inspection, a seizure, an alert...) makes every unit's next reads fresh
// (api/middleware/board-freshness.ts): an alert or a seizure of one unit can
// change another's queue, and such writes are rare next to the reads. Scores written
// by the worker processes show within QUEUE_READ_CACHE_MS, as does a write
// made through another API process.
import { LRUCache } from "lru-cache";

export type BoardView = "page" | "counts" | "voyages";

export interface BoardCache {
  /** The view's answer: cached for this unit, view and key, or computed once for every reader waiting on it. */
  read<T extends object>(unitId: string, view: BoardView, key: unknown, compute: () => Promise<T>): Promise<T>;
  /** The next reads are computed afresh. */
  invalidate(): void;
  /** Bumped by every invalidate(): what else is kept for the board's lifetime (api/middleware/guard.ts) is valid for one generation. */
  generation(): number;
  /** The entries' lifetime in ms (0: nothing is kept). */
  readonly ttlMs: number;
}

/** Entries kept at most: a few views per unit, with some paging and filters. */
const MAX_ENTRIES = 2_000;
/** Past this share of its lifetime, a read starts the entry's recomputation in the background. */
const REFRESH_AHEAD = 0.6;

interface Entry {
  value: Promise<object>;
  /** When its computation started (performance.now()). */
  startedAt: number;
  settled: boolean;
  refreshing: boolean;
}

/** `clock`: milliseconds, performance.now() unless a test steps it. */
export function createBoardCache(ttlMs: number, clock: () => number = () => performance.now()): BoardCache {
  if (ttlMs <= 0) return { read: (_unit, _view, _key, compute) => compute(), invalidate: () => undefined, generation: () => 0, ttlMs: 0 };
  // The generation is part of every key: invalidating bumps it, so older entries (and computations
  // that started before the write) are never read again and age out.
  let generation = 0;
  const cache = new LRUCache<string, Entry>({ max: MAX_ENTRIES });

  const start = (cacheKey: string, compute: () => Promise<object>): Entry => {
    const entry: Entry = { value: compute(), startedAt: clock(), settled: false, refreshing: false };
    entry.value.then(
      () => (entry.settled = true),
      // A failure is not kept: the next read computes again.
      () => cache.get(cacheKey) === entry && cache.delete(cacheKey),
    );
    return entry;
  };
  const refresh = (cacheKey: string, current: Entry, compute: () => Promise<object>) => {
    current.refreshing = true;
    const next = start(cacheKey, compute);
    next.value.then(
      () => cache.get(cacheKey) === current && cache.set(cacheKey, next),
      () => (current.refreshing = false),
    );
  };

  return {
    ttlMs,
    async read<T extends object>(unitId: string, view: BoardView, key: unknown, compute: () => Promise<T>): Promise<T> {
      const cacheKey = `${generation}:${unitId}:${view}:${JSON.stringify(key)}`;
      const now = clock();
      const entry = cache.get(cacheKey);
      if (entry !== undefined && now - entry.startedAt < ttlMs) {
        if (entry.settled && !entry.refreshing && now - entry.startedAt >= ttlMs * REFRESH_AHEAD) refresh(cacheKey, entry, compute);
        return (await entry.value) as T;
      }
      const fresh = start(cacheKey, compute);
      cache.set(cacheKey, fresh);
      return (await fresh.value) as T;
    },
    invalidate() {
      generation += 1;
    },
    generation: () => generation,
  };
}
