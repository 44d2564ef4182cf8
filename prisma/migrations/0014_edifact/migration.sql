-- UN/EDIFACT CUSCAR intake (issue 18).

-- Manifest versions: a CUSCAR replacement (BGM 1225 = 5) stores a new version
-- beside the old one, and a cancellation (1225 = 1) marks the current version,
-- deleting nothing. A JSON manifest is version 1, as before.
ALTER TABLE "manifest" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "manifest" ADD COLUMN "previous_version_id" UUID;
ALTER TABLE "manifest" ADD COLUMN "superseded_at" TIMESTAMPTZ(3);
ALTER TABLE "manifest" ADD COLUMN "cancelled_at" TIMESTAMPTZ(3);
ALTER TABLE "manifest" ADD CONSTRAINT "manifest_previous_version_id_fkey"
  FOREIGN KEY ("previous_version_id") REFERENCES "manifest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
DROP INDEX "manifest_unit_id_manifest_ref_key";
CREATE UNIQUE INDEX "manifest_unit_id_manifest_ref_version_key" ON "manifest"("unit_id", "manifest_ref", "version");
-- One current (not superseded) version per reference.
CREATE UNIQUE INDEX "manifest_one_current_version" ON "manifest"("unit_id", "manifest_ref") WHERE "superseded_at" IS NULL;

-- Every interchange answered, by the sender's control reference: a re-send
-- gets the stored reply, and the sender can fetch it later.
CREATE TABLE "edifact_interchange" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "sender" TEXT NOT NULL,
    "control_reference" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reply_kind" TEXT NOT NULL,
    "reply_reference" TEXT NOT NULL,
    "reply" TEXT NOT NULL,
    "accepted" BOOLEAN NOT NULL,
    "outcome" JSONB NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "edifact_interchange_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "edifact_interchange_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "edifact_interchange_unit_id_sender_control_reference_key" ON "edifact_interchange"("unit_id", "sender", "control_reference");
CREATE INDEX "edifact_interchange_unit_id_control_reference_idx" ON "edifact_interchange"("unit_id", "control_reference");

-- A unit's national mapping variants (core/edifact/mapping-settings.ts): without a row, the standard's defaults.
CREATE TABLE "edifact_mapping_settings" (
    "unit_id" UUID NOT NULL,
    "settings" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "edifact_mapping_settings_pkey" PRIMARY KEY ("unit_id"),
    CONSTRAINT "edifact_mapping_settings_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
