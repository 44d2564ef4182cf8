-- The queue's broad counts at a million shipments a unit (issue 17 item 5).
-- Function bodies are E'' strings with \073 for the semicolon (see 0025).
--
-- queue_count holds a row per arrival day, manifest and (status, decision,
-- flags, band, score bucket): some 35,000 rows for a unit with 200 manifests,
-- all summed for every count without a date or manifest filter (the first
-- page's total of the flagged list, a band, awaiting decision). queue_count_unit
-- holds the same counts without the day and the manifest, by a score bucket
-- ten times finer (about 0.3 % of the score): a few hundred to a few thousand
-- rows a unit, and a tenth of the rows to read one by one in the buckets that
-- hold a cut-off. The triggers record both buckets in each delta, and
-- queue_count_fold moves each delta into both tables in one statement, under
-- its advisory lock. A count then reads queue_count_unit plus the deltas not
-- folded yet, less the rows of the replaced and cancelled manifests
-- (core/triage/queue-counters.ts).

-- 0 alone, then about 0.3 % wide on either side.
CREATE FUNCTION "queue_score_fine_bucket"(score float8) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN score IS NULL THEN NULL
              WHEN score = 0 THEN 0
              WHEN score > 0 THEN 1 + floor(ln(1 + LEAST(score, 1e300)) * 320)::integer
              ELSE -1 - floor(ln(1 + LEAST(-score, 1e300)) * 320)::integer END
$$;

-- A score inside the fine bucket, away from its edges (as queue_bucket_middle).
CREATE FUNCTION "queue_fine_bucket_middle"(bucket integer) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN bucket IS NULL THEN NULL
              WHEN bucket = 0 THEN 0::float8
              WHEN bucket > 0 THEN exp((bucket - 0.5::float8) / 320::float8) - 1
              ELSE 1 - exp((-bucket - 0.5::float8) / 320::float8) END
$$;

-- The deltas written so far carry no fine bucket: fold them first (the old fold).
SELECT queue_count_fold(u.unit_id, 2147483647) FROM (SELECT DISTINCT "unit_id" FROM "queue_count_delta") u;

ALTER TABLE "queue_count_delta" ADD COLUMN "fine" INTEGER;

CREATE TABLE "queue_count_unit" (
  "unit_id" UUID NOT NULL,
  "transport_mode" "transport_mode",
  "status" "scoring_status" NOT NULL,
  "decision" "triage_decision" NOT NULL,
  "random" BOOLEAN NOT NULL,
  "alerted" BOOLEAN NOT NULL,
  "watchlisted" BOOLEAN NOT NULL,
  "selected" BOOLEAN NOT NULL,
  "band" "risk_band",
  "fine" INTEGER,
  "n" BIGINT NOT NULL
);
CREATE UNIQUE INDEX "queue_count_unit_key" ON "queue_count_unit"
  ("unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "fine")
  NULLS NOT DISTINCT;

-- The unit's replaced and cancelled manifests, whose rows are subtracted.
CREATE INDEX "manifest_not_in_force" ON "manifest" ("unit_id", "id") WHERE "superseded_at" IS NOT NULL OR "cancelled_at" IS NOT NULL;

CREATE OR REPLACE FUNCTION "scoring_state_count_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "queue_count_delta" ("unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket", "fine", "n")
  SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
         queue_score_bucket("score"), queue_score_fine_bucket("score"), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION "scoring_state_count_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "queue_count_delta" ("unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket", "fine", "n")
  SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
         queue_score_bucket("score"), queue_score_fine_bucket("score"), -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION "scoring_state_count_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "queue_count_delta" ("unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket", "fine", "n")
  SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", b, f, sum(n)
    FROM (SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
                 queue_score_bucket("score") AS b, queue_score_fine_bucket("score") AS f, -1 AS n FROM old_rows
          UNION ALL
          SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
                 queue_score_bucket("score"), queue_score_fine_bucket("score"), 1 FROM new_rows) d
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
  HAVING sum(n) <> 0\073
  RETURN NULL\073
END ';

CREATE OR REPLACE FUNCTION "queue_count_fold"(unit UUID, max_rows INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS E'
DECLARE moved INTEGER\073
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext(''queue_count_fold''), hashtext(unit::text)) THEN
    RETURN -1\073
  END IF\073
  WITH picked AS MATERIALIZED (
    DELETE FROM "queue_count_delta" WHERE ctid IN (SELECT ctid FROM "queue_count_delta" WHERE "unit_id" = unit LIMIT max_rows) RETURNING *
  ), summed AS (
    SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket",
           sum("n") AS n
      FROM picked GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  ), upserted AS (
    INSERT INTO "queue_count"
    SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket", n
      FROM summed WHERE n <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    ON CONFLICT ("unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket")
    DO UPDATE SET "n" = "queue_count"."n" + EXCLUDED."n"
    RETURNING 1
  ), unit_upserted AS (
    INSERT INTO "queue_count_unit"
    SELECT "unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "fine", sum("n")
      FROM picked GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING sum("n") <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT ("unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "fine")
    DO UPDATE SET "n" = "queue_count_unit"."n" + EXCLUDED."n"
    RETURNING 1
  )
  SELECT count(*) INTO moved FROM picked\073
  DELETE FROM "queue_count" WHERE "unit_id" = unit AND "n" = 0\073
  DELETE FROM "queue_count_unit" WHERE "unit_id" = unit AND "n" = 0\073
  RETURN moved\073
END ';

-- Every delta is folded (above), so queue_count_unit is scoring_state as it stands.
INSERT INTO "queue_count_unit"
SELECT "unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", queue_score_fine_bucket("score"), count(*)
  FROM "scoring_state" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

GRANT SELECT, INSERT, UPDATE, DELETE ON "queue_count_unit" TO portcullis_app;
