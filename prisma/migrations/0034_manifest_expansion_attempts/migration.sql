-- A staged manifest whose expansion fails on every retry (a payload the
-- database refuses, a fault that does not go away) no longer stays
-- "expanding" for ever. Each failed expansion counts one attempt here, with
-- its error message, in its own transaction after the failed part rolled
-- back. At MANIFEST_EXPAND_MAX_ATTEMPTS the row is marked failed: GET the
-- manifest answers state "failed" with the last error, the reconciler stops
-- re-enqueuing it, and the payload stays, so nothing accepted is lost. The
-- CLI command `manifests retry-expansion` clears the mark and the count and
-- enqueues the expansion again (core/manifests/expansion-failures.ts).
ALTER TABLE "manifest_staged"
  ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "last_error" TEXT,
  ADD COLUMN "failed_at" TIMESTAMPTZ;

-- The reconciler looks only at rows still due, never at failed ones.
DROP INDEX "manifest_staged_enqueued_at";
CREATE INDEX "manifest_staged_enqueued_at" ON "manifest_staged" ("enqueued_at") WHERE "failed_at" IS NULL;
