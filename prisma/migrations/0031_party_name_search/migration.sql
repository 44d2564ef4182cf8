-- Party search at a million shipments a unit (issue 17 item 5).
-- Function bodies are E'' strings with \073 for the semicolon (see 0025).
--
-- party_name holds each unit's distinct shipper and consignee names, with a
-- trigram index: a search reads the unit's names (some 40,000 for a million
-- shipments) instead of two names of every shipment (the trigram indexes of
-- 0020 on shipment read posting lists of every name sharing a trigram, 107 ms
-- of database CPU at 1M), then finds the shipments by the matched names
-- through plain btree indexes on (unit, name), which replace the trigram
-- indexes on shipment (smaller, cheaper to write, and they serve the sorts by
-- shipper and consignee). The search keeps its meaning: a substring, case
-- insensitive (ILIKE), checked again on each shipment read.
--
-- Statement triggers on shipment keep it current for every writer (manifest
-- ingest, history import, demo loader): inserted names are added, and the
-- names of deleted shipments (archive, a unit removed) or of changed names
-- that no shipment of the unit still carries are removed. Adding takes the
-- unit's advisory lock shared and removing takes it exclusive, so that a name
-- added by a transaction still running is never removed by another.

CREATE TABLE "party_name" (
  "unit_id" UUID NOT NULL REFERENCES "control_unit" ("id") ON DELETE CASCADE,
  "name" TEXT NOT NULL,
  PRIMARY KEY ("unit_id", "name")
);
CREATE INDEX "party_name_trgm" ON "party_name" USING gin ("name" gin_trgm_ops);

INSERT INTO "party_name" ("unit_id", "name")
SELECT DISTINCT "unit_id", "name" FROM (
  SELECT "unit_id", "shipper_name" AS "name" FROM "shipment"
  UNION ALL
  SELECT "unit_id", "consignee_name" FROM "shipment"
) n
WHERE "name" IS NOT NULL AND "name" <> '';

CREATE INDEX "shipment_shipper_name" ON "shipment" ("unit_id", "shipper_name");
CREATE INDEX "shipment_consignee_name" ON "shipment" ("unit_id", "consignee_name");
DROP INDEX IF EXISTS "shipment_shipper_trgm";
DROP INDEX IF EXISTS "shipment_consignee_trgm";

-- Units in order, so two writers never wait on each other's locks in a cycle.
CREATE FUNCTION "party_name_add"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext(''party_name''), hashtext(u::text))
     FROM (SELECT DISTINCT "unit_id" AS u FROM new_rows ORDER BY 1) x\073
  INSERT INTO "party_name" ("unit_id", "name")
  SELECT DISTINCT "unit_id", "name" FROM (
    SELECT "unit_id", "shipper_name" AS "name" FROM new_rows
    UNION ALL
    SELECT "unit_id", "consignee_name" FROM new_rows
  ) n
   WHERE "name" IS NOT NULL AND "name" <> ''''
   ORDER BY 1, 2
  ON CONFLICT DO NOTHING\073
  RETURN NULL\073
END ';

-- The given names of the unit that no shipment carries any more.
CREATE FUNCTION "party_name_remove"("unit" uuid, "names" text[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(''party_name''), hashtext("unit"::text))\073
  DELETE FROM "party_name" p
   WHERE p."unit_id" = "unit" AND p."name" = ANY("names")
     AND NOT EXISTS (SELECT 1 FROM "shipment" s WHERE s."unit_id" = "unit" AND s."shipper_name" = p."name")
     AND NOT EXISTS (SELECT 1 FROM "shipment" s WHERE s."unit_id" = "unit" AND s."consignee_name" = p."name")\073
END ';

CREATE FUNCTION "party_name_prune_deleted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "party_name_remove"(g."unit_id", g."names") FROM (
    SELECT "unit_id", array_agg(DISTINCT "name") AS "names" FROM (
      SELECT "unit_id", "shipper_name" AS "name" FROM old_rows
      UNION ALL
      SELECT "unit_id", "consignee_name" FROM old_rows
    ) n
     WHERE "name" IS NOT NULL
     GROUP BY "unit_id" ORDER BY "unit_id"
  ) g\073
  RETURN NULL\073
END ';

-- A changed name (or unit) is added, and the old one removed if nothing
-- carries it. Most updates change no name: they take no lock and write nothing.
CREATE FUNCTION "party_name_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o."id" = n."id"
                  WHERE n."shipper_name" IS DISTINCT FROM o."shipper_name" OR n."consignee_name" IS DISTINCT FROM o."consignee_name"
                     OR n."unit_id" <> o."unit_id") THEN
    RETURN NULL\073
  END IF\073
  PERFORM pg_advisory_xact_lock_shared(hashtext(''party_name''), hashtext(u::text))
     FROM (SELECT DISTINCT "unit_id" AS u FROM new_rows ORDER BY 1) x\073
  INSERT INTO "party_name" ("unit_id", "name")
  SELECT DISTINCT n."unit_id", v."name"
    FROM new_rows n CROSS JOIN LATERAL (VALUES (n."shipper_name"), (n."consignee_name")) v("name")
   WHERE v."name" IS NOT NULL AND v."name" <> ''''
   ORDER BY 1, 2
  ON CONFLICT DO NOTHING\073
  PERFORM "party_name_remove"(g."unit_id", g."names") FROM (
    SELECT o."unit_id", array_agg(DISTINCT v."name") AS "names"
      FROM new_rows n JOIN old_rows o ON o."id" = n."id"
     CROSS JOIN LATERAL (VALUES (o."shipper_name"), (o."consignee_name")) v("name")
     WHERE v."name" IS NOT NULL
       AND (n."shipper_name" IS DISTINCT FROM o."shipper_name" OR n."consignee_name" IS DISTINCT FROM o."consignee_name" OR n."unit_id" <> o."unit_id")
     GROUP BY o."unit_id" ORDER BY o."unit_id"
  ) g\073
  RETURN NULL\073
END ';

CREATE TRIGGER "party_name_add" AFTER INSERT ON "shipment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "party_name_add"();
CREATE TRIGGER "party_name_prune_deleted" AFTER DELETE ON "shipment"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "party_name_prune_deleted"();
CREATE TRIGGER "party_name_update" AFTER UPDATE ON "shipment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "party_name_update"();

GRANT SELECT, INSERT, UPDATE, DELETE ON "party_name" TO portcullis_app;
