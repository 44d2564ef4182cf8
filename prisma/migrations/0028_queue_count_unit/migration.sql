-- The queue's broad counts at a million shipments a unit (issue 17 item 5).
-- Function bodies are E'' strings with \073 for the semicolon (see 0025).
--
-- queue_count holds a row per arrival day, manifest and (status, decision,
-- flags, band, score bucket): some 35,000 rows for a unit with 200 manifests,
-- all summed for every count that has no date or manifest filter (the first
-- page's total of the flagged list, a band, awaiting decision). queue_count_unit
-- holds the same counts without the day and the manifest: a few hundred rows
-- a unit. queue_count_fold moves each delta into both tables in one
-- statement, under its advisory lock, so the two always agree. A count then
-- reads queue_count_unit, the deltas not folded yet, and, to leave out the
-- replaced and cancelled manifests, those manifests' queue_count rows
-- subtracted (core/triage/queue-counters.ts).

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
  "bucket" INTEGER,
  "n" BIGINT NOT NULL
);
CREATE UNIQUE INDEX "queue_count_unit_key" ON "queue_count_unit"
  ("unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket")
  NULLS NOT DISTINCT;

-- A replaced or cancelled manifest's counters, to subtract them.
CREATE INDEX "queue_count_manifest" ON "queue_count" ("manifest_id") WHERE "manifest_id" IS NOT NULL;
CREATE INDEX "manifest_not_in_force" ON "manifest" ("unit_id", "id") WHERE "superseded_at" IS NOT NULL OR "cancelled_at" IS NOT NULL;

CREATE OR REPLACE FUNCTION "queue_count_fold"(unit UUID, max_rows INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS E'
DECLARE moved INTEGER\073
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext(''queue_count_fold''), hashtext(unit::text)) THEN
    RETURN -1\073
  END IF\073
  WITH picked AS (
    DELETE FROM "queue_count_delta" WHERE ctid IN (SELECT ctid FROM "queue_count_delta" WHERE "unit_id" = unit LIMIT max_rows) RETURNING *
  ), summed AS (
    SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket",
           sum("n") AS n, count(*) AS rows_moved
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
    SELECT "unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket", sum(n)
      FROM summed GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING sum(n) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT ("unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket")
    DO UPDATE SET "n" = "queue_count_unit"."n" + EXCLUDED."n"
    RETURNING 1
  )
  SELECT COALESCE(sum(rows_moved), 0) INTO moved FROM summed\073
  DELETE FROM "queue_count" WHERE "unit_id" = unit AND "n" = 0\073
  DELETE FROM "queue_count_unit" WHERE "unit_id" = unit AND "n" = 0\073
  RETURN moved\073
END ';

INSERT INTO "queue_count_unit"
SELECT "unit_id", "transport_mode", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket", sum("n")
  FROM "queue_count" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum("n") <> 0;

GRANT SELECT, INSERT, UPDATE, DELETE ON "queue_count_unit" TO portcullis_app;
