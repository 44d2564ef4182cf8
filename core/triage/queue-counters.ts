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
 * Not a replaced or cancelled manifest's, over `alias.manifest_id`: the unit's
 * such manifests are read once (`gone`, a hashed list) instead of probed per
 * row (a planner that expects one live row probed the manifest table for each
 * of 4,000). A manifest's shipments are its unit's (ingest writes them so).
 */
const inForce = (alias: string) => `(${alias}.manifest_id IS NULL OR ${alias}.manifest_id NOT IN (SELECT id FROM gone))`;

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
 *
 * Without an arrival window (and with replaced and cancelled versions left
 * out, the default) the counters are the unit's summary (queue_count_unit,
 * migration 0028: no day or manifest, a score bucket ten times finer, so a
 * tenth of the rows to read in the open buckets) plus every delta not folded
 * yet, less the rows of the manifests no longer in force (few, read from
 * scoring_state by manifest: the summary and the deltas hold all of them).
 * These rows carry no day or manifest. With a window, the day counters of
 * that window alone are read.
 *
 * `options.manifests` names a `WITH` item written before these, with columns
 * (id, arrival_date, transport_mode): only those manifests' rows are counted,
 * from their own counters (found by their key, as a manifest's shipments
 * carry its arrival day and mode), and their open buckets are read manifest
 * by manifest from the (manifest, score) index, so the rows read are bounded
 * by those manifests' open buckets, not the unit's.
 */
export async function countedRows(
  services: Pick<Services, "pool">, where: Pick<SqlWhere, "params" | "arrival">, filters: QueueFilters, options: { manifests?: string } = {},
): Promise<string> {
  await foldIfDue(services, String(where.params[0]));
  where.params.push(filters.minScore ?? null);
  const minScore = `$${where.params.length}::float8`;
  const columns = "unit_id, arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band";
  const unitColumns = "unit_id, NULL::date AS arrival_date, transport_mode, NULL::uuid AS manifest_id, status, decision, random, alerted, watchlisted, selected, band";
  const listed = options.manifests;
  const summary = where.arrival.length === 0 && filters.versions !== "all" && listed === undefined;
  const bucketOf = summary ? "queue_score_fine_bucket" : "queue_score_bucket";
  const middleOf = summary ? "queue_fine_bucket_middle" : "queue_bucket_middle";
  const score = "COALESCE(r0.score, '-Infinity'::float8)";
  const window = (alias: string) => where.arrival.map((c) => ` AND ${c.replace(/^st\./, `${alias}.`)}`).join("");
  // With an arrival window, the open buckets are read day by day, for the days whose counters hold rows of
  // them, from the (unit, arrival day, score) index: read from the unit's score index and filtered on the day,
  // a week at 10M shipments went through the open buckets' 200,000 rows of every day for their 4,000 of the
  // week (14,000 index pages, 200 ms under load).
  const byDay = listed === undefined && !summary && where.arrival.length > 0;
  const inBucket = `r0.unit_id = $1 AND ${bucketOf}(r0.score) = ov.b${window("r0")}${listed === undefined ? "" : " AND r0.manifest_id = lm.id"}${byDay ? " AND r0.arrival_date = od.day" : ""}`;
  const ofListed = (table: string) => `SELECT ${columns.split(", ").map((c) => `q.${c}`).join(", ")}, q.bucket, q.n FROM ${listed} lm JOIN ${table} q
       ON q.unit_id = $1 AND q.arrival_date = lm.arrival_date AND q.transport_mode = lm.transport_mode AND q.manifest_id = lm.id`;
  const keyed = listed !== undefined
    ? `${ofListed("queue_count")}
      UNION ALL
      ${ofListed("queue_count_delta")}`
    : summary
    ? `SELECT ${unitColumns}, fine AS bucket, n FROM queue_count_unit WHERE unit_id = $1
      UNION ALL
      SELECT ${unitColumns}, fine, n FROM queue_count_delta WHERE unit_id = $1
      UNION ALL
      SELECT ${unitColumns}, ${bucketOf}(score), -1 FROM scoring_state WHERE unit_id = $1 AND manifest_id IN (SELECT id FROM gone)`
    : `SELECT ${columns}, bucket, n FROM queue_count q WHERE unit_id = $1${window("q")}
      UNION ALL
      SELECT ${columns}, bucket, n FROM queue_count_delta q WHERE unit_id = $1${window("q")}`;
  // Each row read (each group of them, `n` rows) is taken out of its bucket's
  // counter. In the summary's case `live` holds rows in force only, keyed as
  // the summary is (no day, no manifest): the summary less the rows of the
  // manifests not in force counts those alone.
  const taken = `SELECT ${columns}, b, -n FROM live`;
  const gone = summary
    ? `gone AS MATERIALIZED (SELECT id FROM manifest WHERE unit_id = $1 AND (superseded_at IS NOT NULL OR cancelled_at IS NOT NULL)), `
    : "";
  return `${gone}open_raw AS (
      SELECT v FROM (
        SELECT hold_cutoff AS v FROM unit_band_cutoff WHERE unit_id = $1
        UNION ALL SELECT documentary_cutoff FROM unit_band_cutoff WHERE unit_id = $1
        UNION ALL SELECT ${minScore}) x
       WHERE v IS NOT NULL
    ), open_values AS (
      SELECT ${bucketOf}(v) AS b, min(v) AS v0 FROM open_raw GROUP BY 1
    ), cuts AS (
      SELECT array_agg(v ORDER BY v) AS a FROM open_raw
    ), keyed AS (
      -- Not grouped: counts only add up, and regrouping the unit's counters cost more than the rest of the query.
      ${keyed}
    ), live AS (
      -- The rows read, grouped: rows that agree on every counted column and
      -- lie between the same two open values compare alike with every cut-off,
      -- so one row of each group (its lowest score) stands for all of them.
      -- At 10M shipments the open buckets hold some 20,000 rows, a few dozen groups.
      SELECT ${summary ? unitColumns : columns}, r.b, min(r.score) AS score, count(*) AS n FROM (
        SELECT r.*, ov.b FROM open_values ov${listed === undefined ? "" : ` CROSS JOIN ${listed} lm`}${byDay ? `
         CROSS JOIN LATERAL (SELECT DISTINCT q.arrival_date AS day FROM keyed q WHERE q.bucket = ov.b) od` : ""} CROSS JOIN LATERAL (
          SELECT ${columns}, r0.score FROM scoring_state r0
           WHERE ${inBucket} AND ${score} >= ${middleOf}(ov.b - 1) AND ${score} < ov.v0
          UNION ALL
          SELECT ${columns}, r0.score FROM scoring_state r0
           WHERE ${inBucket} AND ${score} > ov.v0 AND ${score} <= ${middleOf}(ov.b + 1)
        ) r
      ) r
      ${summary ? `WHERE ${inForce("r")}` : ""}
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, width_bucket(${score.replace("r0.", "r.")}, (SELECT a FROM cuts))
    ), st AS (
      SELECT ${columns}, ${middleOf}(bucket) AS score, n, NULL::uuid AS assignee_id FROM keyed
       WHERE bucket IS NULL OR bucket NOT IN (SELECT b FROM open_values)
      UNION ALL
      SELECT ${columns}, score, n, NULL::uuid FROM live
      UNION ALL
      SELECT ${columns}, ov.v0, sum(d.n), NULL::uuid FROM (
        SELECT ${columns}, bucket AS b, n FROM keyed WHERE bucket IN (SELECT b FROM open_values)
        UNION ALL
        ${taken}
      ) d JOIN open_values ov USING (b)
       GROUP BY ${columns}, ov.v0
      HAVING sum(d.n) <> 0
    )`;
}
