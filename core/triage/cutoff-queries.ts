// The two ways of computing a unit's cut-offs (band-cutoffs.ts), one row per
// transport mode with scored containers in its window: { mode, n, hold_cut,
// doc_cut }. Both take $1 unit, $2-$4 the default hold share, documentary
// share and window days, $5 the transport modes, $6 today.
//
// Each cut-off is the score whose share of the window at or above it is
// nearest its target, over the distinct scores above 0 (on equal distance
// the smaller share), the documentary one no higher than the hold one. The
// share of a score only grows as the score falls, so the nearest is one of
// the two distinct scores either side of where the share crosses the
// target: the highest score whose share reaches it, and the one just above.
// CUTOFFS_FROM_COUNTERS_SQL finds them from the queue's counters (0025: per
// day, mode and manifest, a score bucket about 3 % wide) and reads by exact
// score only the bucket where each share crosses its target, plus the lowest
// score of the nearest non-empty bucket above it: 30 ms of database CPU at
// 900,000 rows in the window (the 30 days of a 10M-shipment unit). Before, the
// refresh grouped every row of the window by score (CUTOFFS_FROM_ROWS_SQL:
// 1.7-2.5 s with parallel workers, about 1.9 s of CPU on one backend); it is
// kept for when the rows read disagree with the counters, as they never should.

import { manifestInForceSql } from "../manifests/manifest-versions.js";

/**
 * The versions in force on scoring_state's copy of the manifest id (0025, kept in step by a shipment trigger), as
 * queue-filters.ts reads it: the window is read from scoring_state alone, by its (unit, arrival date) index. Joined
 * to shipment, it read every shipment of the unit, history included (0.15-0.2 s of database CPU at 65,000, serial
 * at a re-score's end).
 */
const STATE_COPY_IN_FORCE_SQL = manifestInForceSql("st.manifest_id");

/** Each mode's targets: hold share, documentary share on top of it, and window in days. */
const TARGETS_SQL = `SELECT m.mode, COALESCE(u.hold_share, $2) AS hold, COALESCE(u.documentary_share, $3) AS doc, COALESCE(u.window_days, $4) AS win
   FROM unnest($5::transport_mode[]) AS m(mode)
   LEFT JOIN unit_selection_target u ON u.unit_id = $1 AND u.transport_mode = m.mode`;

export const CUTOFFS_FROM_ROWS_SQL = `WITH t AS (${TARGETS_SQL}
), tiers AS (
  SELECT t.mode, t.hold, t.doc, st.score, count(*) AS k, sum(count(*)) OVER (PARTITION BY t.mode) AS n
    FROM t
    JOIN scoring_state st ON st.unit_id = $1 AND st.transport_mode = t.mode AND st.arrival_date >= $6::date - t.win AND st.score IS NOT NULL
     AND ${STATE_COPY_IN_FORCE_SQL}
   GROUP BY t.mode, t.hold, t.doc, st.score
), shares AS (
  SELECT mode, hold, doc, score, n, sum(k) OVER (PARTITION BY mode ORDER BY score DESC) / n::float8 AS share FROM tiers
), hold_pick AS (
  SELECT DISTINCT ON (mode) mode, score AS hold_cut FROM shares WHERE score > 0 ORDER BY mode, abs(share - hold), share
), doc_pick AS (
  SELECT DISTINCT ON (x.mode) x.mode, x.score AS doc_cut
    FROM shares x JOIN hold_pick h ON h.mode = x.mode
   WHERE x.score > 0 AND x.score <= h.hold_cut
   ORDER BY x.mode, abs(x.share - (x.hold + x.doc)), x.share
)
SELECT w.mode, w.n, h.hold_cut, d.doc_cut, true AS exact
  FROM (SELECT DISTINCT mode, n FROM tiers) w
  LEFT JOIN hold_pick h ON h.mode = w.mode
  LEFT JOIN doc_pick d ON d.mode = w.mode`;

/**
 * Rows `st` of bucket `b` (always above 0: a bucket of scores above 0) of mode `mode` on one day `day` of the window,
 * by the (unit, arrival date, score) index: the bucket's score range (queue_score_bucket inverted, a millionth of a
 * bucket wider each side against rounding), then the bucket itself. The index holds no mode or manifest, so each row
 * of the range is fetched: a range half a bucket wider each side (the bounds of queue-counters.ts) fetched twice the
 * rows. Day by day beats reading the bucket unit-wide, even index-only from a covering (unit, score) index: that
 * reads the bucket's rows of every day kept, about twelve times the window's (at 10M shipments 130-140 ms of
 * database CPU against 30 ms for the whole query). The topmost bucket (scores of 1e300 and more, clamped) has no
 * upper bound.
 */
const bucketRows = (b: string, mode: string, day: string) => `st.unit_id = $1 AND st.arrival_date = ${day} AND st.transport_mode = ${mode}
  AND COALESCE(st.score, '-Infinity'::float8) >= exp((${b} - 1 - 1e-6::float8) / 32::float8) - 1
  AND COALESCE(st.score, '-Infinity'::float8) <= CASE WHEN ${b} >= queue_score_bucket(1e300) THEN 'Infinity'::float8 ELSE exp((${b} + 1e-6::float8) / 32::float8) - 1 END
  AND queue_score_bucket(st.score) = ${b}
  AND (st.manifest_id IS NULL OR st.manifest_id NOT IN (SELECT id FROM gone))`;

/** A share as the rows query computes it, to the last bit: rows at or above over the window's rows, in float8. */
const share = (above: string, n: string) => `(${above}::float8 / ${n}::float8)`;

export const CUTOFFS_FROM_COUNTERS_SQL = `WITH t AS (${TARGETS_SQL}
), gone AS MATERIALIZED (
  -- The unit's replaced and cancelled manifests, read once (queue-counters.ts): a manifest's shipments are its unit's.
  SELECT id FROM manifest WHERE unit_id = $1 AND (superseded_at IS NOT NULL OR cancelled_at IS NOT NULL)
), days AS MATERIALIZED (
  -- Rows in force of each mode, day of its window and bucket: the day counters plus the deltas not folded yet.
  SELECT t.mode, q.arrival_date AS day, q.bucket AS b, sum(q.n) AS k
    FROM (SELECT transport_mode, arrival_date, manifest_id, bucket, n FROM queue_count
           WHERE unit_id = $1 AND arrival_date >= $6::date - (SELECT max(win) FROM t)
          UNION ALL
          SELECT transport_mode, arrival_date, manifest_id, bucket, n FROM queue_count_delta
           WHERE unit_id = $1 AND arrival_date >= $6::date - (SELECT max(win) FROM t)) q
    JOIN t ON t.mode = q.transport_mode AND q.arrival_date >= $6::date - t.win
   WHERE q.bucket IS NOT NULL AND (q.manifest_id IS NULL OR q.manifest_id NOT IN (SELECT id FROM gone))
   GROUP BY 1, 2, 3
  HAVING sum(q.n) <> 0
), cum AS (
  -- Per bucket from the top: its rows k, and upto, the rows at or above its lowest score.
  SELECT mode, b, k, sum(k) OVER (PARTITION BY mode) AS n, sum(k) OVER (PARTITION BY mode ORDER BY b DESC) AS upto
    FROM (SELECT mode, b, sum(k) AS k FROM days GROUP BY 1, 2 HAVING sum(k) <> 0) x
), lanes AS (
  -- cb: the highest bucket whose lowest score reaches the target share, where the share crosses it.
  SELECT t.mode, v.lane, v.share, w.n,
         (SELECT max(c.b) FROM cum c WHERE c.mode = t.mode AND ${share("c.upto", "c.n")} >= v.share) AS cb
    FROM t
    JOIN (SELECT DISTINCT mode, n FROM cum) w ON w.mode = t.mode
   CROSS JOIN LATERAL (VALUES ('hold', t.hold), ('documentary', t.hold + t.doc)) AS v(lane, share)
), probes AS (
  -- pb: the nearest non-empty bucket above cb holding scores above 0 (the lowest such bucket when cb holds none).
  SELECT l.*, (SELECT min(c.b) FROM cum c WHERE c.mode = l.mode AND c.b >= 1 AND (l.cb IS NULL OR c.b > l.cb)) AS pb FROM lanes l
), open_buckets AS (
  SELECT DISTINCT mode, cb AS b FROM probes WHERE cb >= 1
), open_rows AS (
  -- Every score of a crossing bucket, read day by day (the days the counters hold rows of it).
  SELECT o.mode, o.b, r.score, count(*) AS k
    FROM open_buckets o
    JOIN days d ON d.mode = o.mode AND d.b = o.b
   CROSS JOIN LATERAL (SELECT st.score FROM scoring_state st WHERE ${bucketRows("o.b", "o.mode", "d.day")}) r
   GROUP BY 1, 2, 3
), candidates AS (
  -- The crossing bucket's scores, each with the rows at or above it: those of the buckets above, and its own.
  SELECT p.mode, p.lane, p.share, p.n, e.score, c.upto - c.k + sum(e.k) OVER (PARTITION BY p.mode, p.lane ORDER BY e.score DESC) AS above, false AS probe
    FROM probes p
    JOIN cum c ON c.mode = p.mode AND c.b = p.cb
    JOIN open_rows e ON e.mode = p.mode AND e.b = p.cb
  UNION ALL
  -- The lowest score of the bucket above: every row of that bucket and above is at or above it.
  SELECT p.mode, p.lane, p.share, p.n, lo.score, c.upto, true
    FROM probes p
    JOIN cum c ON c.mode = p.mode AND c.b = p.pb
   CROSS JOIN LATERAL (
     SELECT min(r.score) AS score FROM days d
      CROSS JOIN LATERAL (SELECT st.score FROM scoring_state st WHERE ${bucketRows("p.pb", "p.mode", "d.day")}
                           ORDER BY COALESCE(st.score, '-Infinity'::float8) LIMIT 1) r
      WHERE d.mode = p.mode AND d.b = p.pb) lo
), hold_pick AS (
  SELECT DISTINCT ON (mode) mode, score AS hold_cut
    FROM candidates WHERE lane = 'hold' AND score > 0
   ORDER BY mode, abs(${share("above", "n")} - share), ${share("above", "n")}
), doc_pick AS (
  -- The documentary target is the hold one or more, so its crossing bucket is the hold one's or below: its
  -- candidates include the hold cut-off or all lie below it, and those above it are left out as before.
  SELECT DISTINCT ON (x.mode) x.mode, x.score AS doc_cut
    FROM candidates x JOIN hold_pick h ON h.mode = x.mode
   WHERE x.lane = 'documentary' AND x.score > 0 AND x.score <= h.hold_cut
   ORDER BY x.mode, abs(${share("x.above", "x.n")} - x.share), ${share("x.above", "x.n")}
), checks AS (
  -- The rows read are what the counters say: every row of each crossing bucket, and a lowest score in each bucket above.
  SELECT o.mode, (SELECT c.k FROM cum c WHERE c.mode = o.mode AND c.b = o.b) = COALESCE((SELECT sum(e.k) FROM open_rows e WHERE e.mode = o.mode AND e.b = o.b), 0) AS ok
    FROM open_buckets o
  UNION ALL
  SELECT mode, score IS NOT NULL FROM candidates WHERE probe
)
SELECT w.mode, w.n, h.hold_cut, d.doc_cut, COALESCE((SELECT bool_and(ok) FROM checks k WHERE k.mode = w.mode), true) AS exact
  FROM (SELECT DISTINCT mode, n FROM cum) w
  LEFT JOIN hold_pick h ON h.mode = w.mode
  LEFT JOIN doc_pick d ON d.mode = w.mode`;
