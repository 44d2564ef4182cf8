-- A broad party search at ten million shipments a unit (issue 17 item 5).
-- A word found in many names (a party search matching more than 10,000
-- shipments) is answered "10,000+" when its first 10,001 matches are all in
-- the officers' queue, in a manifest still in force. Those matches were read
-- from the heap to learn their manifest (one page each, 10,000 pages at 10M)
-- and each was then looked up in scoring_state by its key (another 8,500
-- pages): about 100 ms of the 120 a first page cost. With the manifest in the
-- name indexes, the matches are read index-only and grouped by manifest, and
-- each manifest is checked once (core/shipments/queue-filters.ts). The manifest
-- is a key column, not INCLUDE, so that the indexes keep deduplicating the
-- shipments of one party in one manifest.
CREATE INDEX "shipment_shipper_name_manifest" ON "shipment" ("unit_id", "shipper_name", "manifest_id");
CREATE INDEX "shipment_consignee_name_manifest" ON "shipment" ("unit_id", "consignee_name", "manifest_id");
DROP INDEX "shipment_shipper_name";
DROP INDEX "shipment_consignee_name";
ALTER INDEX "shipment_shipper_name_manifest" RENAME TO "shipment_shipper_name";
ALTER INDEX "shipment_consignee_name_manifest" RENAME TO "shipment_consignee_name";
