-- CreateEnum
CREATE TYPE "seizure_commodity" AS ENUM ('cocaine', 'heroin', 'cannabis', 'opium', 'psychotropics', 'nps', 'precursors', 'strategic_goods', 'cigarettes', 'counterfeit', 'wildlife_environment', 'alcohol', 'vehicles', 'other');

-- CreateEnum
CREATE TYPE "concealment" AS ENUM ('in_cargo', 'in_structure', 'in_reefer_unit', 'rip_on_rip_off', 'other');

-- CreateEnum
CREATE TYPE "detection_method" AS ENUM ('profile', 'random', 'intelligence', 'tip_off', 'canine', 'scanner', 'other');

-- CreateEnum
CREATE TYPE "referral_recipient" AS ENUM ('national_investigators', 'prosecutor', 'interpol_ncb', 'financial_intelligence_unit', 'programme_unit', 'joint_investigation_team');

-- CreateEnum
CREATE TYPE "referral_status" AS ENUM ('drafted', 'sent', 'acknowledged', 'investigation_opened', 'controlled_delivery', 'prosecution', 'closed', 'declined');

-- CreateEnum
CREATE TYPE "alert_subject" AS ENUM ('container', 'bill_of_lading', 'party', 'route', 'seizure_report');

-- AlterTable
ALTER TABLE "inspection" ADD COLUMN     "recorded_by" UUID,
ADD COLUMN     "selection" TEXT;

-- CreateTable
CREATE TABLE "seizure" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "inspection_id" UUID NOT NULL,
    "shipment_id" UUID NOT NULL,
    "commodity" "seizure_commodity" NOT NULL,
    "description" TEXT,
    "quantity" DECIMAL(16,3) NOT NULL,
    "quantity_unit" TEXT NOT NULL,
    "concealment" "concealment" NOT NULL,
    "detection_method" "detection_method" NOT NULL,
    "agencies" TEXT[],
    "persons_arrested" INTEGER NOT NULL DEFAULT 0,
    "seized_at" TIMESTAMPTZ(3) NOT NULL,
    "sharing" "sharing_level" NOT NULL DEFAULT 'unit',
    "owner_agency_id" UUID,
    "recorded_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seizure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seizure_party" (
    "seizure_id" UUID NOT NULL,
    "identity_key" TEXT NOT NULL,
    "party_id" UUID,
    "name" TEXT NOT NULL,
    "role" TEXT,

    CONSTRAINT "seizure_party_pkey" PRIMARY KEY ("seizure_id","identity_key")
);

-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "seizure_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "recipient_kind" "referral_recipient" NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_unit_id" UUID,
    "notice_type" TEXT,
    "status" "referral_status" NOT NULL DEFAULT 'drafted',
    "outcome" TEXT,
    "due_at" TIMESTAMPTZ(3),
    "overdue_since" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "last_update_at" TIMESTAMPTZ(3) NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_event" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "from_status" "referral_status",
    "to_status" "referral_status" NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "actor_name" TEXT,
    "seq" BIGSERIAL NOT NULL,

    CONSTRAINT "referral_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_deadlines" (
    "unit_id" UUID NOT NULL,
    "send_hours" INTEGER NOT NULL DEFAULT 48,
    "acknowledge_days" INTEGER NOT NULL DEFAULT 7,
    "update_days" INTEGER NOT NULL DEFAULT 30,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "referral_deadlines_pkey" PRIMARY KEY ("unit_id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "read_by" UUID,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert" (
    "id" UUID NOT NULL,
    "from_unit_id" UUID NOT NULL,
    "subject_kind" "alert_subject" NOT NULL,
    "subject" JSONB NOT NULL,
    "match_key" TEXT,
    "match_country" CHAR(2),
    "message" TEXT NOT NULL,
    "seizure_id" UUID,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_recipient" (
    "alert_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" UUID,

    CONSTRAINT "alert_recipient_pkey" PRIMARY KEY ("alert_id","unit_id")
);

-- CreateTable
CREATE TABLE "alert_reply" (
    "id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "author_id" UUID,
    "author_name" TEXT,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_match" (
    "alert_id" UUID NOT NULL,
    "shipment_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_match_pkey" PRIMARY KEY ("alert_id","shipment_id")
);

-- CreateIndex
CREATE INDEX "seizure_unit_id_seized_at_idx" ON "seizure"("unit_id", "seized_at");

-- CreateIndex
CREATE INDEX "seizure_commodity_seized_at_idx" ON "seizure"("commodity", "seized_at");

-- CreateIndex
CREATE INDEX "seizure_inspection_id_idx" ON "seizure"("inspection_id");

-- CreateIndex
CREATE INDEX "referral_unit_id_status_idx" ON "referral"("unit_id", "status");

-- CreateIndex
CREATE INDEX "referral_seizure_id_idx" ON "referral"("seizure_id");

-- CreateIndex
CREATE INDEX "referral_due_at_idx" ON "referral"("due_at");

-- CreateIndex
CREATE INDEX "referral_event_referral_id_at_idx" ON "referral_event"("referral_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_dedupe_key_key" ON "notification"("dedupe_key");

-- CreateIndex
CREATE INDEX "notification_unit_id_created_at_idx" ON "notification"("unit_id", "created_at");

-- CreateIndex
CREATE INDEX "alert_from_unit_id_created_at_idx" ON "alert"("from_unit_id", "created_at");

-- CreateIndex
CREATE INDEX "alert_recipient_unit_id_idx" ON "alert_recipient"("unit_id");

-- CreateIndex
CREATE INDEX "alert_reply_alert_id_created_at_idx" ON "alert_reply"("alert_id", "created_at");

-- CreateIndex
CREATE INDEX "alert_match_unit_id_matched_at_idx" ON "alert_match"("unit_id", "matched_at");

-- CreateIndex
CREATE INDEX "alert_match_shipment_id_idx" ON "alert_match"("shipment_id");

-- AddForeignKey
ALTER TABLE "seizure_party" ADD CONSTRAINT "seizure_party_seizure_id_fkey" FOREIGN KEY ("seizure_id") REFERENCES "seizure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_seizure_id_fkey" FOREIGN KEY ("seizure_id") REFERENCES "seizure"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_event" ADD CONSTRAINT "referral_event_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_recipient" ADD CONSTRAINT "alert_recipient_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_reply" ADD CONSTRAINT "alert_reply_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_match" ADD CONSTRAINT "alert_match_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Foreign keys to tables outside this change (no Prisma relations, see schema.prisma)
ALTER TABLE "seizure" ADD CONSTRAINT "seizure_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "seizure" ADD CONSTRAINT "seizure_inspection_id_fkey" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "seizure" ADD CONSTRAINT "seizure_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "seizure" ADD CONSTRAINT "seizure_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "seizure" ADD CONSTRAINT "seizure_persons_arrested_nonnegative" CHECK ("persons_arrested" >= 0);
ALTER TABLE "referral" ADD CONSTRAINT "referral_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "referral" ADD CONSTRAINT "referral_recipient_unit_id_fkey" FOREIGN KEY ("recipient_unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "referral_deadlines" ADD CONSTRAINT "referral_deadlines_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification" ADD CONSTRAINT "notification_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert" ADD CONSTRAINT "alert_from_unit_id_fkey" FOREIGN KEY ("from_unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "alert" ADD CONSTRAINT "alert_seizure_id_fkey" FOREIGN KEY ("seizure_id") REFERENCES "seizure"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "alert_recipient" ADD CONSTRAINT "alert_recipient_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_match" ADD CONSTRAINT "alert_match_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

