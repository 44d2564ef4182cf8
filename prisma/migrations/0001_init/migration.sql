-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "unit_kind" AS ENUM ('seaport', 'dry_port', 'air_cargo');

-- CreateEnum
CREATE TYPE "agency_kind" AS ENUM ('customs', 'police', 'gendarmerie', 'anti_narcotics', 'coast_guard', 'navy', 'other');

-- CreateEnum
CREATE TYPE "transport_mode" AS ENUM ('sea', 'air', 'road', 'rail');

-- CreateEnum
CREATE TYPE "shipment_source" AS ENUM ('manifest', 'history');

-- CreateEnum
CREATE TYPE "scoring_status" AS ENUM ('pending', 'scored', 'failed');

-- CreateEnum
CREATE TYPE "risk_band" AS ENUM ('high', 'medium', 'low');

-- CreateEnum
CREATE TYPE "profile_status" AS ENUM ('draft', 'active', 'retired');

-- CreateEnum
CREATE TYPE "party_role" AS ENUM ('shipper', 'consignee', 'notify', 'forwarder', 'declarant');

-- CreateEnum
CREATE TYPE "inspection_outcome" AS ENUM ('nothing_found', 'seizure', 'irregularity');

-- CreateEnum
CREATE TYPE "watchlist_kind" AS ENUM ('party', 'address', 'port', 'hs', 'text');

-- CreateEnum
CREATE TYPE "member_role" AS ENUM ('officer', 'analyst', 'manager', 'admin');

-- CreateEnum
CREATE TYPE "sharing_level" AS ENUM ('unit', 'agency');

-- CreateEnum
CREATE TYPE "token_kind" AS ENUM ('api', 'session');

-- CreateTable
CREATE TABLE "control_unit" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "locode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "kind" "unit_kind" NOT NULL,
    "programme" TEXT NOT NULL DEFAULT 'CCP',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "control_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "agency_kind" NOT NULL,
    "country" CHAR(2) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unit_agency" (
    "unit_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,

    CONSTRAINT "unit_agency_pkey" PRIMARY KEY ("unit_id","agency_id")
);

-- CreateTable
CREATE TABLE "manifest" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "manifest_ref" TEXT NOT NULL,
    "transport_mode" "transport_mode" NOT NULL DEFAULT 'sea',
    "carrier_scac" TEXT,
    "carrier_name" TEXT,
    "vessel_imo" TEXT,
    "vessel_name" TEXT,
    "voyage" TEXT,
    "flight_number" TEXT,
    "port_of_loading" TEXT NOT NULL,
    "transshipment_ports" TEXT[],
    "port_of_discharge" TEXT NOT NULL,
    "departure_date" DATE,
    "arrival_date" DATE NOT NULL,
    "manifest_filed_at" TIMESTAMPTZ(3),
    "manifest_amended_at" TIMESTAMPTZ(3),
    "shipment_count" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "manifest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "party" (
    "id" UUID NOT NULL,
    "identity_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "country" CHAR(2),
    "address" TEXT,
    "normalized_address" TEXT,
    "external_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "party_sighting" (
    "party_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "shipments" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "party_sighting_pkey" PRIMARY KEY ("party_id","unit_id")
);

-- CreateTable
CREATE TABLE "shipment" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "source" "shipment_source" NOT NULL DEFAULT 'manifest',
    "manifest_id" UUID,
    "history_import_id" UUID,
    "line_no" INTEGER NOT NULL,
    "external_ref" TEXT,
    "bill_of_lading" TEXT NOT NULL,
    "house_bill_of_lading" TEXT,
    "container_number" TEXT,
    "container_type" TEXT,
    "seal_numbers" TEXT[],
    "is_empty" BOOLEAN NOT NULL DEFAULT false,
    "transport_mode" "transport_mode" NOT NULL DEFAULT 'sea',
    "port_of_loading" TEXT,
    "transshipment_ports" TEXT[],
    "port_of_discharge" TEXT,
    "place_of_delivery" TEXT,
    "arrival_date" DATE,
    "shipper_id" UUID,
    "consignee_id" UUID,
    "notify_id" UUID,
    "forwarder_id" UUID,
    "declarant_id" UUID,
    "parties" JSONB NOT NULL DEFAULT '{}',
    "shipper_name" TEXT,
    "consignee_name" TEXT,
    "hs_codes" TEXT[],
    "goods_description" TEXT,
    "packages" INTEGER,
    "package_type" TEXT,
    "gross_weight_kg" DOUBLE PRECISION,
    "net_weight_kg" DOUBLE PRECISION,
    "declared_value" DOUBLE PRECISION,
    "currency" CHAR(3),
    "country_of_origin" CHAR(2),
    "country_of_departure" CHAR(2),
    "freight_terms" TEXT,
    "booking_date" DATE,
    "stuffing_location" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shipment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scoring_state" (
    "shipment_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "status" "scoring_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "score" DOUBLE PRECISION,
    "band" "risk_band",
    "selected" BOOLEAN NOT NULL DEFAULT false,
    "random" BOOLEAN NOT NULL DEFAULT false,
    "enqueued_at" TIMESTAMPTZ(3),
    "scored_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scoring_state_pkey" PRIMARY KEY ("shipment_id")
);

-- CreateTable
CREATE TABLE "risk_profile" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profile_version" (
    "id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "profile_status" NOT NULL DEFAULT 'draft',
    "definition" JSONB NOT NULL,
    "definition_hash" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "profile_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment" (
    "id" UUID NOT NULL,
    "shipment_id" UUID NOT NULL,
    "profile_version_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "band" "risk_band",
    "selected" BOOLEAN NOT NULL,
    "random" BOOLEAN NOT NULL,
    "indicators" JSONB NOT NULL,
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inspection" (
    "id" UUID NOT NULL,
    "shipment_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "outcome" "inspection_outcome" NOT NULL,
    "commodity" TEXT,
    "methods" TEXT[],
    "inspected_at" TIMESTAMPTZ(3) NOT NULL,
    "inspected_by" TEXT,
    "notes" TEXT,
    "sharing" "sharing_level" NOT NULL DEFAULT 'unit',
    "owner_agency_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "history_import" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "file_name" TEXT,
    "file_hash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "rows_total" INTEGER NOT NULL DEFAULT 0,
    "rows_imported" INTEGER NOT NULL DEFAULT 0,
    "rows_duplicate" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "history_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_record" (
    "unit_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("unit_id","key")
);

-- CreateTable
CREATE TABLE "watchlist" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "watchlist_kind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watchlist_entry" (
    "id" UUID NOT NULL,
    "watchlist_id" UUID NOT NULL,
    "value" TEXT NOT NULL,
    "display" TEXT NOT NULL,
    "provenance" TEXT,
    "added_by" TEXT,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "watchlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "agency_id" UUID NOT NULL,
    "password_hash" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "member_role" NOT NULL,
    "unit_id" UUID,
    "programme" TEXT,
    "country" CHAR(2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "token_kind" NOT NULL DEFAULT 'api',
    "name" TEXT NOT NULL,
    "lookup_id" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_name" TEXT,
    "token_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "unit_id" UUID,
    "ip" TEXT,
    "request_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "details" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "control_unit_code_key" ON "control_unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "agency_code_key" ON "agency"("code");

-- CreateIndex
CREATE INDEX "manifest_unit_id_arrival_date_idx" ON "manifest"("unit_id", "arrival_date");

-- CreateIndex
CREATE UNIQUE INDEX "manifest_unit_id_manifest_ref_key" ON "manifest"("unit_id", "manifest_ref");

-- CreateIndex
CREATE UNIQUE INDEX "party_identity_key_key" ON "party"("identity_key");

-- CreateIndex
CREATE INDEX "party_normalized_name_idx" ON "party"("normalized_name");

-- CreateIndex
CREATE INDEX "party_normalized_address_idx" ON "party"("normalized_address");

-- CreateIndex
CREATE INDEX "shipment_unit_id_container_number_idx" ON "shipment"("unit_id", "container_number");

-- CreateIndex
CREATE INDEX "shipment_unit_id_bill_of_lading_idx" ON "shipment"("unit_id", "bill_of_lading");

-- CreateIndex
CREATE INDEX "shipment_unit_id_arrival_date_idx" ON "shipment"("unit_id", "arrival_date");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_manifest_id_line_no_key" ON "shipment"("manifest_id", "line_no");

-- CreateIndex
CREATE UNIQUE INDEX "shipment_unit_id_source_external_ref_key" ON "shipment"("unit_id", "source", "external_ref");

-- CreateIndex
CREATE INDEX "scoring_state_status_enqueued_at_idx" ON "scoring_state"("status", "enqueued_at");

-- CreateIndex
CREATE INDEX "scoring_state_unit_id_score_shipment_id_idx" ON "scoring_state"("unit_id", "score" DESC, "shipment_id");

-- CreateIndex
CREATE UNIQUE INDEX "risk_profile_unit_id_code_key" ON "risk_profile"("unit_id", "code");

-- CreateIndex
CREATE INDEX "profile_version_status_idx" ON "profile_version"("status");

-- CreateIndex
CREATE UNIQUE INDEX "profile_version_profile_id_version_key" ON "profile_version"("profile_id", "version");

-- CreateIndex
CREATE INDEX "assessment_profile_version_id_idx" ON "assessment"("profile_version_id");

-- CreateIndex
CREATE INDEX "assessment_unit_id_scored_at_idx" ON "assessment"("unit_id", "scored_at");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_shipment_id_profile_version_id_key" ON "assessment"("shipment_id", "profile_version_id");

-- CreateIndex
CREATE INDEX "inspection_shipment_id_idx" ON "inspection"("shipment_id");

-- CreateIndex
CREATE INDEX "inspection_unit_id_inspected_at_idx" ON "inspection"("unit_id", "inspected_at");

-- CreateIndex
CREATE INDEX "history_import_unit_id_created_at_idx" ON "history_import"("unit_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "watchlist_unit_id_code_key" ON "watchlist"("unit_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "watchlist_entry_watchlist_id_value_key" ON "watchlist_entry"("watchlist_id", "value");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE INDEX "membership_user_id_idx" ON "membership"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_lookup_id_key" ON "api_token"("lookup_id");

-- CreateIndex
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_unit_id_at_idx" ON "audit_event"("unit_id", "at");

-- AddForeignKey
ALTER TABLE "unit_agency" ADD CONSTRAINT "unit_agency_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "unit_agency" ADD CONSTRAINT "unit_agency_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "manifest" ADD CONSTRAINT "manifest_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_sighting" ADD CONSTRAINT "party_sighting_party_id_fkey" FOREIGN KEY ("party_id") REFERENCES "party"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment" ADD CONSTRAINT "shipment_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment" ADD CONSTRAINT "shipment_manifest_id_fkey" FOREIGN KEY ("manifest_id") REFERENCES "manifest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "shipment" ADD CONSTRAINT "shipment_history_import_id_fkey" FOREIGN KEY ("history_import_id") REFERENCES "history_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scoring_state" ADD CONSTRAINT "scoring_state_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_profile" ADD CONSTRAINT "risk_profile_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_version" ADD CONSTRAINT "profile_version_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "risk_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_profile_version_id_fkey" FOREIGN KEY ("profile_version_id") REFERENCES "profile_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inspection" ADD CONSTRAINT "inspection_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "history_import" ADD CONSTRAINT "history_import_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watchlist" ADD CONSTRAINT "watchlist_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watchlist_entry" ADD CONSTRAINT "watchlist_entry_watchlist_id_fkey" FOREIGN KEY ("watchlist_id") REFERENCES "watchlist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "control_unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

