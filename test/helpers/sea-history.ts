// A unit's small inspected sea history written straight into the tables, for
// screens that back-test over it without importing a file first.
import { randomUUID } from "node:crypto";
import type { Services } from "../../core/services.js";

export type InspectionOutcome = "seizure" | "nothing_found";

/**
 * One past sea shipment of sawn timber into Antwerp per outcome, inspected
 * once: line i arrives on 2025-03-(i + 1) and is inspected an hour later;
 * even lines were loaded at Guayaquil (ECGYE), odd ones at Hamburg (DEHAM).
 */
export async function insertSeaHistory(services: Pick<Services, "pool">, unitId: string, outcomes: readonly InspectionOutcome[]): Promise<void> {
  for (const [line, outcome] of outcomes.entries()) {
    const id = randomUUID();
    const arrival = `2025-03-${String(1 + line).padStart(2, "0")}`;
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading,
         transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
       VALUES ($1, $2, 'history', $3, $4, $5, 'sea', $6, '{}', 'BEANR', $7, '{}', ARRAY['440799'], 'sawn timber')`,
      [id, unitId, line, `DECL-${line}`, `BL${line}`, line % 2 === 0 ? "ECGYE" : "DEHAM", arrival],
    );
    await services.pool.query(
      "INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)",
      [id, unitId, outcome, new Date(Date.parse(arrival) + 3_600_000)],
    );
  }
}
