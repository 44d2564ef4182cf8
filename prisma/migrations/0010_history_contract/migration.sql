-- History records in the manifest contract's shape (format manifest-jsonl,
-- and every contract field through a custom column mapping).
-- A history shipment has no manifest row, so its voyage fields (manifestRef,
-- carrier, vessel, flight, dates) are kept on the shipment itself. Live
-- shipments leave it NULL and keep reading them from their manifest.
ALTER TABLE "shipment" ADD COLUMN "voyage" JSONB;

-- The seized quantity of a history inspection (live seizures record theirs
-- in the seizure table). inspection.selection is plain text without a
-- CHECK constraint, so the history values random, profile, self and
-- intelligence need no change here.
ALTER TABLE "inspection" ADD COLUMN "seized_quantity" DECIMAL(16,3),
ADD COLUMN "seized_unit" TEXT;
