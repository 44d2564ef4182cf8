-- A broad container-number search at ten million shipments a unit (issue 17
-- item 5). Its page walks the unit's score order (scoring_state_queue) and
-- tested each row's container number on its shipment: at 10M a prefix
-- matching 20,000 read some 25,000 shipment rows from the heap for its first
-- page (160 ms of database CPU). scoring_state now carries its shipment's
-- container number, as 0025 made it carry the arrival date, mode and
-- manifest, and the score index INCLUDEs it, so that walk is index-only.
-- Function bodies are E'' strings with \073 for the semicolon (see 0025).
--
-- Writers that give transport_mode skip the fill trigger (its WHEN, 0025), so
-- they give the container number too (OUTBOX_COLUMNS, write-shipments.ts).
ALTER TABLE "scoring_state" ADD COLUMN "container_number" TEXT;

-- The wide index is built once, after the backfill, instead of being kept up
-- by every row the backfill rewrites.
DROP INDEX "scoring_state_queue";

UPDATE "scoring_state" st
   SET "container_number" = s."container_number"
  FROM "shipment" s
 WHERE s."id" = st."shipment_id" AND s."container_number" IS NOT NULL;

CREATE OR REPLACE FUNCTION "scoring_state_fill_shipment"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  SELECT s."arrival_date", s."transport_mode", s."manifest_id", s."container_number"
    INTO NEW."arrival_date", NEW."transport_mode", NEW."manifest_id", NEW."container_number"
    FROM "shipment" s WHERE s."id" = NEW."shipment_id"\073
  RETURN NEW\073
END ';

CREATE OR REPLACE FUNCTION "shipment_sync_scoring_state"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "scoring_state"
     SET "arrival_date" = NEW."arrival_date", "transport_mode" = NEW."transport_mode", "manifest_id" = NEW."manifest_id",
         "container_number" = NEW."container_number"
   WHERE "shipment_id" = NEW."id"\073
  RETURN NULL\073
END ';

DROP TRIGGER "shipment_sync_scoring_state" ON "shipment";
CREATE TRIGGER "shipment_sync_scoring_state" AFTER UPDATE OF "arrival_date", "transport_mode", "manifest_id", "container_number" ON "shipment"
  FOR EACH ROW WHEN (OLD."arrival_date" IS DISTINCT FROM NEW."arrival_date" OR OLD."transport_mode" IS DISTINCT FROM NEW."transport_mode"
                     OR OLD."manifest_id" IS DISTINCT FROM NEW."manifest_id" OR OLD."container_number" IS DISTINCT FROM NEW."container_number")
  EXECUTE FUNCTION "shipment_sync_scoring_state"();

-- The same key and name as 0033's, the container number added to what it carries.
CREATE INDEX "scoring_state_queue" ON "scoring_state"
  ("unit_id", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC)
  INCLUDE ("score", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "assignee_id", "container_number");

-- Statistics for the new column (a prefix's share of the walk).
ANALYZE "scoring_state";
