// The queue board's reads (the list's pages with their total, the counts, the
// voyages) from a short-lived cache shared by the readers of a unit.
// Why: the officers of a unit watch the same few views, and each read runs
// statements over the unit's whole queue. On 2 cores under ingest, reads of
// the same view queued behind one another and took seconds at p95. Now one
// computation per view and interval serves every reader, and misses that
// arrive together share one computation (lru-cache's fetch).
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
}

/** Entries kept at most: a few views per unit, with some paging and filters. */
const MAX_ENTRIES = 2_000;

export function createBoardCache(ttlMs: number): BoardCache {
  if (ttlMs <= 0) return { read: (_unit, _view, _key, compute) => compute(), invalidate: () => undefined };
  // The generation is part of every key: invalidating bumps it, so older entries (and computations
  // that started before the write) are never read again and age out.
  let generation = 0;
  const cache = new LRUCache<string, object, () => Promise<object>>({
    max: MAX_ENTRIES,
    ttl: ttlMs,
    fetchMethod: (_key, _stale, { context }) => context(),
  });
  return {
    async read<T extends object>(unitId: string, view: BoardView, key: unknown, compute: () => Promise<T>): Promise<T> {
      const cacheKey = `${generation}:${unitId}:${view}:${JSON.stringify(key)}`;
      return (await cache.fetch(cacheKey, { context: compute })) as T;
    },
    invalidate() {
      generation += 1;
    },
  };
}
