// How many of a unit's shipments the queue's filters select: the first page's
// total, and the search hint's "matches without the other filters". Broad
// views are summed from the counters (queue-counters.ts); searches, one
// manifest and an assignee are counted live, from the few rows their indexes find.
import type { Services } from "../services.js";
import { CUTOFF_JOIN_SQL } from "../triage/band-cutoffs.js";
import { countedRows, countersServe } from "../triage/queue-counters.js";
import { broadSearchWalk, hasSearch, isBroadSearch, isMatchedIds, NARROW_SEARCH, queueSource, queueWhere, searchMatches, type BroadSearch, type Narrow, type QueueFilters, type SqlWhere } from "./queue-filters.js";

/** A broad search's total is counted up to this many shipments, and shown as "10,000+" above it. */
export const TOTAL_CAP = NARROW_SEARCH;

/**
 * A broad search narrowed by other filters, or whose first matches are not
 * all in the queue, is counted by walking those filters' rows in score order
 * and reading each one's shipment for the search: at most this many rows.
 * Beyond, its total is a lower bound ("130+ containers"), the board saying
 * that a search this broad is not counted further. Unbounded, "flagged" and a
 * word in 6 % of 10M shipments' names walked 155,000 flagged rows for its
 * 10,001 matches, 7 s; a search whose first matches were past voyages walked
 * the unit's every row. Each row read is a heap page at 10M (10,000 rows: 190
 * ms under load), so the walk is kept to about what a page of a rare
 * combination walks, not to the cap.
 */
export const COUNT_WALK = 2_000;

/** A first page's total; `capped`: there are more than `total` (a broad search, counted up to TOTAL_CAP). */
export interface QueueTotal {
  total: number;
  capped: boolean;
}

export interface CountOptions {
  /** Stop counting there (a hint needs to know "some", not to read the whole unit); always live. */
  cap?: number | undefined;
  /** What searchMatches found for these same filters (a narrow search's matches, what is known of a broad one, or false), when the caller already has it. */
  narrow?: Narrow | undefined;
  /** Count the rows even when the counters could answer (the tests' reference). */
  live?: boolean | undefined;
}

export async function countQueue(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters, options: CountOptions = {}): Promise<number> {
  return (await countQueueBounded(services, unitId, filters, options)).n;
}

/** `n` shipments, or more when `atLeast`. */
export interface Counted {
  n: number;
  atLeast: boolean;
}

/**
 * countQueue, saying when its count is a lower bound: a broad search counted
 * up to `cap` is one at `cap`, and one narrowed by other filters whose walk
 * (COUNT_WALK rows) ended before finding `cap` is one at what it found, or at
 * what its first matches held, whichever is more.
 */
export async function countQueueBounded(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters, options: CountOptions = {}): Promise<Counted> {
  const where = queueWhere(unitId, filters);
  const { cap } = options;
  if (cap === undefined && !options.live && countersServe(filters)) {
    const rows = await countedRows(services, where, filters);
    const result = await services.pool.query<{ n: string | null }>(
      `WITH ${rows} SELECT sum(st.n) AS n FROM st ${CUTOFF_JOIN_SQL} WHERE ${where.clauses.join(" AND ")}`,
      where.params,
    );
    return { n: Number(result.rows[0]?.n ?? 0), atLeast: false };
  }
  const narrow = options.narrow ?? (await searchMatches(services, unitId, filters, { countSample: cap !== undefined }));
  if (cap !== undefined && isBroadSearch(narrow)) {
    // A broad search whose first matches read (NARROW_SEARCH + 1) hold `cap`
    // the filters select has at least that many: no walk of the unit's score
    // order until `cap` rows match (100,000 rows for a B/L prefix matching 10 %
    // of 1M, ten times that at 10M for the same share).
    const sample = narrow.sampleSelected ?? 0;
    if (sample >= cap) return { n: cap, atLeast: true };
    const walked = await countByWalk(services, where, narrow);
    if (walked) {
      if (walked.found >= cap) return { n: cap, atLeast: true };
      if (walked.walked < COUNT_WALK) return { n: walked.found, atLeast: false };
      return { n: Math.max(walked.found, sample), atLeast: true };
    }
  }
  const n = await countLive(services, where, narrow, cap);
  return { n, atLeast: cap !== undefined && n >= cap };
}

async function countByWalk(services: Pick<Services, "pool">, where: SqlWhere, narrow: BroadSearch): Promise<{ walked: number; found: number } | null> {
  const sql = broadSearchWalk(where, narrow, COUNT_WALK);
  if (sql === null) return null;
  const result = await services.pool.query<{ walked: string; found: string }>(sql, where.params);
  return { walked: Number(result.rows[0]?.walked ?? 0), found: Number(result.rows[0]?.found ?? 0) };
}

/**
 * The first page's total (a narrow search's is counted with its page,
 * list-shipments.ts). A search matching more than NARROW_SEARCH shipments (a
 * short B/L or container prefix, a common word in party names) is counted up
 * to TOTAL_CAP only: counting all of them read every match (a B/L prefix
 * matching 10,000 of 1M shipments took 2.4-2.8 s under load).
 */
export async function queueTotal(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters, narrow: Narrow): Promise<QueueTotal> {
  if (!hasSearch(filters) || isMatchedIds(narrow)) return { total: await countQueue(services, unitId, filters, { narrow }), capped: false };
  const counted = await countQueueBounded(services, unitId, filters, { narrow, cap: TOTAL_CAP + 1 });
  return { total: Math.min(counted.n, TOTAL_CAP), capped: counted.atLeast || counted.n > TOTAL_CAP };
}

async function countLive(services: Pick<Services, "pool">, where: ReturnType<typeof queueWhere>, narrow: Narrow, cap: number | undefined): Promise<number> {
  const source = queueSource(where, { narrow });
  const selected = `SELECT 1 ${source.fromWhere}`;
  const limited = cap === undefined ? selected : `${selected} LIMIT ${Math.floor(cap)}`;
  const result = await services.pool.query<{ n: string }>(`${source.with ? `WITH ${source.with} ` : ""}SELECT count(*) AS n FROM (${limited}) x`, where.params);
  return Number(result.rows[0]?.n ?? 0);
}
