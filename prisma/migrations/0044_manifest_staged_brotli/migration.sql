-- A staged manifest's payload is sent and kept compressed (issue 17 point 7).
-- Sending the 15 MB canonical JSON of a 15,000-container manifest as a text
-- parameter took the answer some 300 ms at load 6 of receiving, checking and
-- lz4-compressing on the server, for 2.3 MB kept. The API now compresses it
-- with brotli at quality 1 (about 1.3 MB, in the thread pool while the
-- transaction starts) and the server stores those bytes as they come.
-- EXTERNAL: out of line, never compressed a second time.
-- Rows staged before this migration keep their text payload, read as before,
-- so an expansion in flight across the upgrade is not lost.
ALTER TABLE "manifest_staged" ADD COLUMN "payload_brotli" BYTEA;
ALTER TABLE "manifest_staged" ALTER COLUMN "payload_brotli" SET STORAGE EXTERNAL;
ALTER TABLE "manifest_staged" ALTER COLUMN "payload" DROP NOT NULL;
ALTER TABLE "manifest_staged" ADD CONSTRAINT "manifest_staged_one_payload" CHECK (("payload" IS NULL) <> ("payload_brotli" IS NULL));
