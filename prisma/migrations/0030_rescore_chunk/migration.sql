-- A re-score of a unit's upcoming containers in progress (issue 17 point 2).
-- The activation (or retirement) stores its chunks here instead of marking
-- every upcoming outbox row pending. A score-shipments job of reason rescore
-- scores its chunk's rows in place and deletes the chunk row in the same
-- transaction, so a chunk is applied once however often its job runs. The
-- reconciler re-enqueues a chunk older than its grace period (a lost enqueue
-- or a killed worker). A later re-score of the unit deletes the earlier
-- chunks still here: its own chunks cover every upcoming container again.
CREATE TABLE "rescore_chunk" (
  "id" UUID NOT NULL PRIMARY KEY,
  "unit_id" UUID NOT NULL REFERENCES "control_unit"("id") ON DELETE CASCADE,
  "cause" TEXT NOT NULL,
  "shipment_ids" UUID[] NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL,
  "enqueued_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX "rescore_chunk_unit_id" ON "rescore_chunk" ("unit_id");
CREATE INDEX "rescore_chunk_enqueued_at" ON "rescore_chunk" ("enqueued_at");

GRANT SELECT, INSERT, UPDATE, DELETE ON "rescore_chunk" TO portcullis_app;
