-- AlterTable
ALTER TABLE "history_import" ADD COLUMN "mapping" JSONB,
ADD COLUMN "byte_size" BIGINT,
ADD COLUMN "analysis_job_id" UUID;

-- CreateTable
CREATE TABLE "history_upload_chunk" (
    "import_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "history_upload_chunk_pkey" PRIMARY KEY ("import_id","seq")
);

-- AddForeignKey
ALTER TABLE "history_upload_chunk" ADD CONSTRAINT "history_upload_chunk_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "history_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The same file twice into one unit is one import (partial: a failed import may be retried)
CREATE UNIQUE INDEX "history_import_one_per_file" ON "history_import" ("unit_id", "file_hash") WHERE "file_hash" IS NOT NULL AND "status" <> 'failed';
