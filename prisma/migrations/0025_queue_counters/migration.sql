-- The officer queue at a million shipments a unit (issue 17 item 5).
-- Function bodies are E'' strings with \073 for the semicolon: Prisma's
-- migration runner splits scripts at every one, even inside dollar quotes.
--
-- 1. scoring_state carries its shipment's arrival date, transport mode and
--    manifest, so that the queue's filters and its score order are served by
--    one index on one table (no join to shipment before the page is chosen).
--    A BEFORE INSERT trigger fills them from the shipment when the writer
--    does not, and a shipment trigger keeps them in step.
-- 2. queue_count holds per unit, arrival day, mode and manifest the number of
--    shipments in each (status, decision, flags, profile band, score bucket).
--    Statement triggers on scoring_state append the changes to
--    queue_count_delta (no row is updated there, so concurrent scoring and
--    decisions never wait on each other or deadlock), and
--    queue_count_fold(unit) moves the deltas into queue_count under an
--    advisory lock. A count is the sum over both tables.
-- The score bucket is about 3 % of the score wide (32 per e-fold of 1 + |score|),
-- and 0 is a bucket of its own, so the unit's cut-offs only leave one bucket
-- each to count row by row (core/triage/queue-counters.ts).

ALTER TABLE "scoring_state"
  ADD COLUMN "arrival_date" DATE,
  ADD COLUMN "transport_mode" "transport_mode",
  ADD COLUMN "manifest_id" UUID;

UPDATE "scoring_state" st
   SET "arrival_date" = s."arrival_date", "transport_mode" = s."transport_mode", "manifest_id" = s."manifest_id"
  FROM "shipment" s
 WHERE s."id" = st."shipment_id";

CREATE FUNCTION "scoring_state_fill_shipment"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  SELECT s."arrival_date", s."transport_mode", s."manifest_id"
    INTO NEW."arrival_date", NEW."transport_mode", NEW."manifest_id"
    FROM "shipment" s WHERE s."id" = NEW."shipment_id"\073
  RETURN NEW\073
END ';

-- The condition is checked without calling the function: writers that give the columns pay nothing.
CREATE TRIGGER "scoring_state_fill_shipment" BEFORE INSERT ON "scoring_state"
  FOR EACH ROW WHEN (NEW."transport_mode" IS NULL) EXECUTE FUNCTION "scoring_state_fill_shipment"();

CREATE FUNCTION "shipment_sync_scoring_state"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "scoring_state"
     SET "arrival_date" = NEW."arrival_date", "transport_mode" = NEW."transport_mode", "manifest_id" = NEW."manifest_id"
   WHERE "shipment_id" = NEW."id"\073
  RETURN NULL\073
END ';

CREATE TRIGGER "shipment_sync_scoring_state" AFTER UPDATE OF "arrival_date", "transport_mode", "manifest_id" ON "shipment"
  FOR EACH ROW WHEN (OLD."arrival_date" IS DISTINCT FROM NEW."arrival_date" OR OLD."transport_mode" IS DISTINCT FROM NEW."transport_mode"
                     OR OLD."manifest_id" IS DISTINCT FROM NEW."manifest_id")
  EXECUTE FUNCTION "shipment_sync_scoring_state"();

-- A manifest's list by score, and an arrival window by score.
CREATE INDEX "scoring_state_manifest_queue" ON "scoring_state" ("manifest_id", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC)
  WHERE "manifest_id" IS NOT NULL;
CREATE INDEX "scoring_state_arrival_queue" ON "scoring_state" ("unit_id", "arrival_date", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC);

-- 0 alone, then about 3 % wide on either side. Infinite scores are clamped.
CREATE FUNCTION "queue_score_bucket"(score float8) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN score IS NULL THEN NULL
              WHEN score = 0 THEN 0
              WHEN score > 0 THEN 1 + floor(ln(1 + LEAST(score, 1e300)) * 32)::integer
              ELSE -1 - floor(ln(1 + LEAST(-score, 1e300)) * 32)::integer END
$$;

-- A score inside the bucket, away from its edges (float8 throughout: exp of a numeric is a hundred times slower): every comparison with a value outside the bucket gives the same answer as any score in it.
CREATE FUNCTION "queue_bucket_middle"(bucket integer) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN bucket IS NULL THEN NULL
              WHEN bucket = 0 THEN 0::float8
              WHEN bucket > 0 THEN exp((bucket - 0.5::float8) / 32::float8) - 1
              ELSE 1 - exp((-bucket - 0.5::float8) / 32::float8) END
$$;

CREATE TABLE "queue_count" (
  "unit_id" UUID NOT NULL,
  "arrival_date" DATE,
  "transport_mode" "transport_mode",
  "manifest_id" UUID,
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
CREATE UNIQUE INDEX "queue_count_key" ON "queue_count"
  ("unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "bucket")
  NULLS NOT DISTINCT;

CREATE TABLE "queue_count_delta" (LIKE "queue_count");
CREATE INDEX "queue_count_delta_unit" ON "queue_count_delta" ("unit_id");

CREATE FUNCTION "scoring_state_count_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "queue_count_delta"
  SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
         queue_score_bucket("score"), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\073
  RETURN NULL\073
END ';

CREATE FUNCTION "scoring_state_count_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "queue_count_delta"
  SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
         queue_score_bucket("score"), -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\073
  RETURN NULL\073
END ';

-- Updates that leave every counted column alone (enqueued_at, attempts, assignee) add nothing.
CREATE FUNCTION "scoring_state_count_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "queue_count_delta"
  SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", b, sum(n)
    FROM (SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
                 queue_score_bucket("score") AS b, -1 AS n FROM old_rows
          UNION ALL
          SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
                 queue_score_bucket("score"), 1 FROM new_rows) d
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
  HAVING sum(n) <> 0\073
  RETURN NULL\073
END ';

CREATE TRIGGER "scoring_state_count_insert" AFTER INSERT ON "scoring_state"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_state_count_insert"();
CREATE TRIGGER "scoring_state_count_update" AFTER UPDATE ON "scoring_state"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_state_count_update"();
CREATE TRIGGER "scoring_state_count_delete" AFTER DELETE ON "scoring_state"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "scoring_state_count_delete"();

-- Moves a unit's deltas into queue_count. One caller at a time per unit (the
-- others skip: their deltas are still counted, and folded next time).
-- Returns the number of delta rows moved, or -1 when another caller holds the lock.
CREATE FUNCTION "queue_count_fold"(unit UUID, max_rows INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS E'
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
  )
  SELECT COALESCE(sum(rows_moved), 0) INTO moved FROM summed\073
  DELETE FROM "queue_count" WHERE "unit_id" = unit AND "n" = 0\073
  RETURN moved\073
END ';

INSERT INTO "queue_count"
SELECT "unit_id", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band",
       queue_score_bucket("score"), count(*)
  FROM "scoring_state" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;

GRANT SELECT, INSERT, UPDATE, DELETE ON "queue_count", "queue_count_delta" TO portcullis_app;
