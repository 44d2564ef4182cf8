-- Officer triage (issue 16): a decision on every flagged container, selection
-- targets per unit and transport mode, and the score cut-offs they imply.

-- The decision lives on scoring_state, beside the score the queue sorts by,
-- so that filtering by decision or assignee never joins another table.
-- Scoring writes never touch these columns.
CREATE TYPE "triage_decision" AS ENUM ('none', 'hold', 'released', 'inspected');

ALTER TABLE "scoring_state"
  ADD COLUMN "decision" "triage_decision" NOT NULL DEFAULT 'none',
  ADD COLUMN "decision_at" TIMESTAMPTZ(3),
  ADD COLUMN "decision_by" UUID,
  ADD COLUMN "decision_note" TEXT,
  ADD COLUMN "assignee_id" UUID REFERENCES "app_user"("id") ON DELETE SET NULL;

-- Containers already inspected start in that state.
UPDATE "scoring_state" st SET "decision" = 'inspected', "decision_at" = i."inspected_at"
  FROM (SELECT "shipment_id", max("inspected_at") AS "inspected_at" FROM "inspection" GROUP BY "shipment_id") i
 WHERE i."shipment_id" = st."shipment_id";

CREATE INDEX "scoring_state_decision" ON "scoring_state" ("unit_id", "decision", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC);
CREATE INDEX "scoring_state_assignee" ON "scoring_state" ("unit_id", "assignee_id") WHERE "assignee_id" IS NOT NULL;

-- Like selectivity lanes: the share of a unit's containers, per transport
-- mode, held for inspection and checked on documents.
CREATE TABLE "unit_selection_target" (
  "unit_id" UUID NOT NULL REFERENCES "control_unit"("id") ON DELETE CASCADE,
  "transport_mode" "transport_mode" NOT NULL,
  "hold_share" DOUBLE PRECISION NOT NULL CHECK ("hold_share" > 0 AND "hold_share" <= 0.5),
  "documentary_share" DOUBLE PRECISION NOT NULL CHECK ("documentary_share" >= 0 AND "documentary_share" <= 0.5),
  "window_days" INTEGER NOT NULL DEFAULT 30 CHECK ("window_days" BETWEEN 1 AND 365),
  "updated_by" UUID,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("unit_id", "transport_mode")
);

-- The scores at those shares of the recent distribution, refreshed when the
-- targets change and when older than a few minutes (core/triage/band-cutoffs.ts).
CREATE TABLE "unit_band_cutoff" (
  "unit_id" UUID NOT NULL REFERENCES "control_unit"("id") ON DELETE CASCADE,
  "transport_mode" "transport_mode" NOT NULL,
  "hold_cutoff" DOUBLE PRECISION NOT NULL,
  "documentary_cutoff" DOUBLE PRECISION NOT NULL,
  "sample_size" INTEGER NOT NULL,
  "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("unit_id", "transport_mode")
);

-- Search by the start of a container number or bill of lading, and by any
-- part of a party's name, without reading the unit's whole table.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "shipment_container_prefix" ON "shipment" ("unit_id", "container_number" text_pattern_ops);
CREATE INDEX "shipment_bl_prefix" ON "shipment" ("unit_id", "bill_of_lading" text_pattern_ops);
CREATE INDEX "shipment_house_bl_prefix" ON "shipment" ("unit_id", "house_bill_of_lading" text_pattern_ops) WHERE "house_bill_of_lading" IS NOT NULL;
CREATE INDEX "shipment_shipper_trgm" ON "shipment" USING gin ("shipper_name" gin_trgm_ops);
CREATE INDEX "shipment_consignee_trgm" ON "shipment" USING gin ("consignee_name" gin_trgm_ops);

GRANT SELECT, INSERT, UPDATE, DELETE ON "unit_selection_target", "unit_band_cutoff" TO portcullis_app;
