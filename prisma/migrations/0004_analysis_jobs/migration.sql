-- CreateEnum
CREATE TYPE "analysis_kind" AS ENUM ('backtest', 'compare', 'build', 'history_import', 'rescore');

-- CreateEnum
CREATE TYPE "analysis_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "analysis_job" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "kind" "analysis_kind" NOT NULL,
    "status" "analysis_status" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "params" JSONB NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "analysis_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "analysis_job_unit_id_created_at_idx" ON "analysis_job"("unit_id", "created_at");

-- CreateIndex
CREATE INDEX "analysis_job_status_created_at_idx" ON "analysis_job"("status", "created_at");

