-- The SHA-256 of each assessment's evidence as the scorer wrote it (the JSON
-- text of its indicators). A re-score whose evidence for a shipment is one the
-- shipment already has stored sends the hash, and the row copies the stored
-- value instead of PostgreSQL parsing and compressing it again
-- (core/scoring/evidence-reuse.ts). Rows written before, or by the demo
-- loader, keep NULL and are never copied from.
ALTER TABLE "assessment" ADD COLUMN "evidence_hash" BYTEA;
