-- Broad container and B/L prefix searches at ten million shipments a unit
-- (issue 17 item 5), as 0038 did for party names: a prefix matching more than
-- 10,000 shipments is answered "10,000+" when its first 10,001 matches are in
-- the queue, in a manifest in force. Each was read from the heap for its
-- manifest (10,000 pages at 10M for MSCU1) and looked up in scoring_state's key.
-- With the manifest in the prefix indexes, the matches are read index-only and
-- checked manifest by manifest (core/shipments/queue-filters.ts). Sixteen bytes
-- an entry more, about 48 a shipment with the house B/L's.
CREATE INDEX "shipment_container_prefix_manifest" ON "shipment" ("unit_id", "container_number" text_pattern_ops, "manifest_id");
CREATE INDEX "shipment_bl_prefix_manifest" ON "shipment" ("unit_id", "bill_of_lading" text_pattern_ops, "manifest_id");
CREATE INDEX "shipment_house_bl_prefix_manifest" ON "shipment" ("unit_id", "house_bill_of_lading" text_pattern_ops, "manifest_id") WHERE "house_bill_of_lading" IS NOT NULL;
DROP INDEX "shipment_container_prefix";
DROP INDEX "shipment_bl_prefix";
DROP INDEX "shipment_house_bl_prefix";
ALTER INDEX "shipment_container_prefix_manifest" RENAME TO "shipment_container_prefix";
ALTER INDEX "shipment_bl_prefix_manifest" RENAME TO "shipment_bl_prefix";
ALTER INDEX "shipment_house_bl_prefix_manifest" RENAME TO "shipment_house_bl_prefix";
