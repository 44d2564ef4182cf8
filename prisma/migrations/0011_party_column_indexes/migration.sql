-- The shipments of a unit that carry given parties, by any of the five party
-- columns: partySeizureLinked degree 2 (core/scoring/seizure-links.ts) looks
-- up the shipments sharing a party with a seized shipment. With one index per
-- column the planner OR-s five bitmap scans (1.7 ms for 10 linked parties in
-- a 180,000-shipment unit, against 177 ms scanning the unit), and still falls
-- back to one hashed scan when the linked parties cover most of the unit.
-- Partial: most notify, forwarder and declarant columns are empty.
CREATE INDEX "shipment_unit_id_shipper_id_idx" ON "shipment"("unit_id", "shipper_id") WHERE "shipper_id" IS NOT NULL;
CREATE INDEX "shipment_unit_id_consignee_id_idx" ON "shipment"("unit_id", "consignee_id") WHERE "consignee_id" IS NOT NULL;
CREATE INDEX "shipment_unit_id_notify_id_idx" ON "shipment"("unit_id", "notify_id") WHERE "notify_id" IS NOT NULL;
CREATE INDEX "shipment_unit_id_forwarder_id_idx" ON "shipment"("unit_id", "forwarder_id") WHERE "forwarder_id" IS NOT NULL;
CREATE INDEX "shipment_unit_id_declarant_id_idx" ON "shipment"("unit_id", "declarant_id") WHERE "declarant_id" IS NOT NULL;

-- The unit's seizure inspections, read once per load of the links and by
-- the summaries, without walking every inspection of the unit.
CREATE INDEX "inspection_unit_id_seizure_idx" ON "inspection"("unit_id") WHERE "outcome" = 'seizure';
