-- Every shipment's outbox row is written at ingestion and rewritten when it is
-- scored, so each index on scoring_state costs two entries per shipment. The
-- (status, enqueued_at) index covered all rows but only two lookups use it:
-- the reconciler (pending rows, already served by "scoring_state_pending")
-- and the backlog gauge's count of failed rows, which gets a partial index of
-- its own that stays as small as the failures.
CREATE INDEX "scoring_state_failed" ON "scoring_state" ("updated_at") WHERE "status" = 'failed';

DROP INDEX IF EXISTS "scoring_state_status_enqueued_at_idx";
