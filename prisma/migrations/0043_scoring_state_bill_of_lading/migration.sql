-- A broad B/L search at ten million shipments a unit (issue 17 item 5), as
-- 0035 did for the container number. Its page walks the unit's score order
-- (scoring_state_queue) and looked each row's B/L up on its shipment, a heap
-- page each: at 10M, "BL0001" (1 % of the unit) read 4,400 shipment rows for
-- its first page (48 ms of database CPU), and a prefix just over the 10,000 a
-- narrow search reads would read some 50,000. scoring_state now carries its
-- shipment's B/L and house B/L, and the score index INCLUDEs them, so that
-- walk is index-only. About 30 bytes a shipment in the row and as many in the index.
-- Function bodies are E'' strings with \073 for the semicolon (see 0025).
--
-- Writers that give transport_mode skip the fill trigger (its WHEN, 0025), so
-- they give both numbers too (OUTBOX_COLUMNS, write-shipments.ts).
ALTER TABLE "scoring_state" ADD COLUMN "bill_of_lading" TEXT, ADD COLUMN "house_bill_of_lading" TEXT;

-- The backfill rewrites every row, and a row's new version is entered in every
-- index of the table: at 10M rows each entry touched a random page of each
-- index, and with a checkpoint every GB of WAL most of those pages were
-- logged in full again (the first try wrote 388 GB in 52 minutes before it
-- was stopped). So scoring_state's indexes but its key are dropped for the
-- backfill and built again after it, from their own definitions, and the
-- queue counters' update trigger (0025) is off: the backfill changes no
-- counted column, so that trigger would add nothing after grouping every
-- rewritten row twice.
CREATE TEMPORARY TABLE "scoring_state_0043_indexes" AS
  SELECT "indexname", "indexdef" FROM pg_indexes
   WHERE "schemaname" = current_schema() AND "tablename" = 'scoring_state' AND "indexname" NOT IN ('scoring_state_pkey', 'scoring_state_queue');
DROP INDEX "scoring_state_queue";
DO E'DECLARE i record\073 BEGIN FOR i IN SELECT "indexname" FROM "scoring_state_0043_indexes" LOOP EXECUTE format(''DROP INDEX %I'', i."indexname")\073 END LOOP\073 END';
ALTER TABLE "scoring_state" DISABLE TRIGGER "scoring_state_count_update";

UPDATE "scoring_state" st
   SET "bill_of_lading" = s."bill_of_lading", "house_bill_of_lading" = s."house_bill_of_lading"
  FROM "shipment" s
 WHERE s."id" = st."shipment_id" AND (s."bill_of_lading" IS NOT NULL OR s."house_bill_of_lading" IS NOT NULL);

ALTER TABLE "scoring_state" ENABLE TRIGGER "scoring_state_count_update";
DO E'DECLARE i record\073 BEGIN FOR i IN SELECT "indexdef" FROM "scoring_state_0043_indexes" LOOP EXECUTE i."indexdef"\073 END LOOP\073 END';
DROP TABLE "scoring_state_0043_indexes";

CREATE OR REPLACE FUNCTION "scoring_state_fill_shipment"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  SELECT s."arrival_date", s."transport_mode", s."manifest_id", s."container_number", s."bill_of_lading", s."house_bill_of_lading"
    INTO NEW."arrival_date", NEW."transport_mode", NEW."manifest_id", NEW."container_number", NEW."bill_of_lading", NEW."house_bill_of_lading"
    FROM "shipment" s WHERE s."id" = NEW."shipment_id"\073
  RETURN NEW\073
END ';

CREATE OR REPLACE FUNCTION "shipment_sync_scoring_state"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "scoring_state"
     SET "arrival_date" = NEW."arrival_date", "transport_mode" = NEW."transport_mode", "manifest_id" = NEW."manifest_id",
         "container_number" = NEW."container_number", "bill_of_lading" = NEW."bill_of_lading", "house_bill_of_lading" = NEW."house_bill_of_lading"
   WHERE "shipment_id" = NEW."id"\073
  RETURN NULL\073
END ';

DROP TRIGGER "shipment_sync_scoring_state" ON "shipment";
CREATE TRIGGER "shipment_sync_scoring_state" AFTER UPDATE OF "arrival_date", "transport_mode", "manifest_id", "container_number", "bill_of_lading", "house_bill_of_lading" ON "shipment"
  FOR EACH ROW WHEN (OLD."arrival_date" IS DISTINCT FROM NEW."arrival_date" OR OLD."transport_mode" IS DISTINCT FROM NEW."transport_mode"
                     OR OLD."manifest_id" IS DISTINCT FROM NEW."manifest_id" OR OLD."container_number" IS DISTINCT FROM NEW."container_number"
                     OR OLD."bill_of_lading" IS DISTINCT FROM NEW."bill_of_lading" OR OLD."house_bill_of_lading" IS DISTINCT FROM NEW."house_bill_of_lading")
  EXECUTE FUNCTION "shipment_sync_scoring_state"();

-- The same key and name as 0035's, both numbers added to what it carries.
CREATE INDEX "scoring_state_queue" ON "scoring_state"
  ("unit_id", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC)
  INCLUDE ("score", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "assignee_id", "container_number", "bill_of_lading", "house_bill_of_lading");

ANALYZE "scoring_state";
