-- Shipments matched by another unit's alert are flagged like selected ones.
ALTER TABLE "scoring_state" ADD COLUMN "alerted" BOOLEAN NOT NULL DEFAULT false;

UPDATE "scoring_state" SET "alerted" = true WHERE "shipment_id" IN (SELECT "shipment_id" FROM "alert_match");

-- The officers' queue: a unit's shipments by score (unscored last), then id.
-- The expressions match list-shipments.ts exactly, so a page is an index range scan.
CREATE INDEX "scoring_state_queue" ON "scoring_state" ("unit_id", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC);

-- The flagged list alone, which officers open most.
CREATE INDEX "scoring_state_flagged" ON "scoring_state" ("unit_id", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC)
  WHERE "selected" OR "alerted";

DROP INDEX IF EXISTS "scoring_state_unit_id_score_shipment_id_idx";
