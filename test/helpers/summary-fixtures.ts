// Rows for summary tests written straight into the tables (history shipments,
// inspections, seizures at chosen dates), so a test can lay out months of
// seizures across units without running the whole officer workflow.
import { randomBytes } from "node:crypto";
import type { PoolClient } from "../../core/db/pool.js";

export async function insertHistoryShipment(client: PoolClient, unitId: string, line: number): Promise<string> {
  const res = await client.query<{ id: string }>(
    "INSERT INTO shipment (id, unit_id, source, line_no, bill_of_lading, external_ref) VALUES (gen_random_uuid(), $1, 'history', $2, $3, $3) RETURNING id",
    [unitId, line, `BL-${randomBytes(4).toString("hex")}`],
  );
  return res.rows[0]!.id;
}

export async function insertInspection(client: PoolClient, unitId: string, shipmentId: string, outcome: string): Promise<string> {
  const res = await client.query<{ id: string }>(
    "INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', '2025-01-01') RETURNING id",
    [shipmentId, unitId, outcome],
  );
  return res.rows[0]!.id;
}

export interface SeizureRow {
  unitId: string;
  commodity: string;
  quantity: number;
  qUnit: string;
  /** ISO date-time of the seizure. */
  at: string;
  method?: string;
  arrests: number;
}

/** A seizure on a new history shipment with its inspection; line is the shipment's line number. */
export async function insertSeizure(client: PoolClient, f: SeizureRow, line: number): Promise<{ seizureId: string; shipmentId: string }> {
  const shipmentId = await insertHistoryShipment(client, f.unitId, line);
  const inspectionId = await insertInspection(client, f.unitId, shipmentId, "seizure");
  const res = await client.query<{ id: string }>(
    `INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, quantity, quantity_unit, concealment, detection_method, agencies, persons_arrested, seized_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, 'in_cargo', $7, '{}', $8, $9) RETURNING id`,
    [f.unitId, inspectionId, shipmentId, f.commodity, f.quantity, f.qUnit, f.method ?? "profile", f.arrests, f.at],
  );
  return { seizureId: res.rows[0]!.id, shipmentId };
}
