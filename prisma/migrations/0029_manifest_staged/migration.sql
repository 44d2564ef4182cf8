-- A large manifest accepted before its shipment rows exist (issue 17 point 7).
-- The answer's transaction stores the manifest row and, here, the validated
-- manifest as one compact text (its canonical JSON, the text its content hash
-- is taken of). A worker job expands it into shipment, scoring_state and
-- party rows and deletes this row in the same transaction, so a row here
-- means "accepted, shipments not written yet" and is never expanded twice.
-- The reconciler re-enqueues the expansion of a row older than its grace
-- period (core/manifests/staged-manifests.ts).
CREATE TABLE "manifest_staged" (
  "manifest_id" UUID NOT NULL PRIMARY KEY REFERENCES "manifest"("id") ON DELETE CASCADE,
  "unit_id" UUID NOT NULL,
  "payload" TEXT NOT NULL,
  "staged_at" TIMESTAMPTZ NOT NULL,
  "enqueued_at" TIMESTAMPTZ NOT NULL
);
-- lz4 compresses the 12 MB of a 15,000-container manifest in milliseconds, pglz takes far longer.
ALTER TABLE "manifest_staged" ALTER COLUMN "payload" SET COMPRESSION lz4;
CREATE INDEX "manifest_staged_enqueued_at" ON "manifest_staged" ("enqueued_at");

GRANT SELECT, INSERT, UPDATE, DELETE ON "manifest_staged" TO portcullis_app;
