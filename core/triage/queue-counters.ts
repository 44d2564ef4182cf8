// The queue's counts without reading the unit's whole table: migration 0025
// keeps per unit, arrival day, mode and manifest the number of shipments in
// each (status, decision, flags, profile band, score bucket). Bands and
// "flagged" compare the score with the unit's cut-offs, which move every few
// minutes, so a bucket holding a cut-off (or the minimum score asked for) is
// read row by row from the score index, and every other bucket is counted by
// a score inside it: the comparison is the same for every score of the bucket.
// The result is rows shaped like scoring_state `st` with a weight `st.n`, to
// which the queue's own filters apply unchanged (queue-filters.ts).
import type { Services } from "../services.js";
import type { QueueFilters, SqlWhere } from "../shipments/queue-filters.js";

/** Moves the unit's counter deltas into queue_count at most this often per process; each read sums what is not folded yet. */
const FOLD_EVERY_MS = 10_000;
const FOLD_MAX_ROWS = 50_000;
const foldedAt = new Map<string, number>();

/**
 * Whether the counters answer these filters: they know every filter but the
 * searches, the assignee and one manifest. Those views are narrow (an index
 * finds their few rows), so they are counted live, exactly as the page reads.
 */
export function countersServe(filters: QueueFilters): boolean {
  return !filters.containerNumber && !filters.billOfLading && !filters.party && filters.assignee === undefined && !filters.manifestId;
}

export async function foldQueueCounts(services: Pick<Services, "pool">, unitId: string): Promise<void> {
  await services.pool.query("SELECT queue_count_fold($1::uuid, $2::int)", [unitId, FOLD_MAX_ROWS]);
  foldedAt.set(unitId, Date.now());
}

async function foldIfDue(services: Pick<Services, "pool">, unitId: string): Promise<void> {
  const last = foldedAt.get(unitId);
  if (last !== undefined && Date.now() - last < FOLD_EVERY_MS) return;
  await foldQueueCounts(services, unitId);
}

/**
 * `WITH` items ending in `st`: the unit's shipments as counted rows, with
 * `st.n` the number each stands for. `where.params[0]` is the unit id; the
 * minimum score, when filtered on, is added to `where.params`.
 *
 * A bucket holding a cut-off or the minimum score is "open": its rows are read
 * from the score index except those at exactly that value (v0), whose number
 * is the bucket's counter less the rows read. Many containers often share one
 * score (sums of indicator points) and percentile cut-offs fall on such a
 * score, so the rows at v0 are the ones not to read.
 */
export async function countedRows(services: Pick<Services, "pool">, where: SqlWhere, filters: QueueFilters): Promise<string> {
  await foldIfDue(services, String(where.params[0]));
  where.params.push(filters.minScore ?? null);
  const minScore = `$${where.params.length}::float8`;
  const columns = "unit_id, arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band";
  const score = "COALESCE(r0.score, '-Infinity'::float8)";
  const inBucket = `r0.unit_id = $1 AND queue_score_bucket(r0.score) = ov.b`;
  return `open_values AS (
      SELECT queue_score_bucket(v) AS b, min(v) AS v0 FROM (
        SELECT hold_cutoff AS v FROM unit_band_cutoff WHERE unit_id = $1
        UNION ALL SELECT documentary_cutoff FROM unit_band_cutoff WHERE unit_id = $1
        UNION ALL SELECT ${minScore}) x
       WHERE v IS NOT NULL GROUP BY 1
    ), keyed AS (
      -- Not grouped: counts only add up, and regrouping the unit's counters cost more than the rest of the query.
      SELECT ${columns}, bucket, n FROM queue_count WHERE unit_id = $1
      UNION ALL
      SELECT ${columns}, bucket, n FROM queue_count_delta WHERE unit_id = $1
    ), live AS (
      SELECT r.*, ov.b FROM open_values ov CROSS JOIN LATERAL (
        SELECT ${columns}, r0.score, r0.assignee_id FROM scoring_state r0
         WHERE ${inBucket} AND ${score} >= queue_bucket_middle(ov.b - 1) AND ${score} < ov.v0
        UNION ALL
        SELECT ${columns}, r0.score, r0.assignee_id FROM scoring_state r0
         WHERE ${inBucket} AND ${score} > ov.v0 AND ${score} <= queue_bucket_middle(ov.b + 1)
      ) r
    ), st AS (
      SELECT ${columns}, queue_bucket_middle(bucket) AS score, n, NULL::uuid AS assignee_id FROM keyed
       WHERE bucket IS NULL OR bucket NOT IN (SELECT b FROM open_values)
      UNION ALL
      SELECT ${columns}, score, 1, assignee_id FROM live
      UNION ALL
      SELECT ${columns}, ov.v0, sum(d.n), NULL::uuid FROM (
        SELECT ${columns}, bucket AS b, n FROM keyed WHERE bucket IN (SELECT b FROM open_values)
        UNION ALL
        SELECT ${columns}, b, -1 FROM live
      ) d JOIN open_values ov USING (b)
       GROUP BY ${columns}, ov.v0
      HAVING sum(d.n) <> 0
    )`;
}
