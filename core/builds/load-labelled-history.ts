// Streams a unit's labelled history (shipments with at least one inspection)
// in date order, in batches, through a server-side cursor: the builder gets
// plain HistoryRecords, the same shape the CLI makes from a CSV file.
// A shipment counts as a hit when any of its inspections found a seizure or
// an irregularity; its date is its arrival (declaration) date, else the day
// of its first inspection.
import type { HistoryRecord } from "../../profiling/builder/build-profile.js";
import type { Pool } from "../db/pool.js";
import { loadShipmentInputs, toShipmentInput } from "../scoring/shipment-input.js";

export interface LabelledRange {
  /** Inclusive YYYY-MM-DD bounds. */
  from: string;
  to: string;
}

interface LabelRow {
  id: string;
  day: string;
  hit: boolean;
  critical: boolean;
}

export async function* labelledHistory(pool: Pool, unitId: string, range: LabelledRange, batchSize = 5_000): AsyncGenerator<HistoryRecord[]> {
  const client = await pool.connect();
  let committed = false;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(
      `DECLARE labelled NO SCROLL CURSOR FOR
         SELECT id, day::text AS day, hit, critical FROM (
           SELECT s.id, COALESCE(s.arrival_date, min((i.inspected_at AT TIME ZONE 'UTC')::date)) AS day,
                  bool_or(i.outcome IN ('seizure', 'irregularity')) AS hit, bool_or(i.outcome = 'seizure') AS critical
             FROM shipment s JOIN inspection i ON i.shipment_id = s.id AND i.unit_id = s.unit_id
            WHERE s.unit_id = $1
            GROUP BY s.id) labelled
          WHERE day BETWEEN $2::date AND $3::date
          ORDER BY day, id`,
      [unitId, range.from, range.to],
    );
    for (;;) {
      const page = await client.query<LabelRow>(`FETCH ${Math.floor(batchSize)} FROM labelled`);
      if (page.rows.length === 0) break;
      const loaded = await loadShipmentInputs(client, page.rows.map((r) => r.id));
      const byId = new Map(loaded.map((s) => [s.id, s.row]));
      const batch: HistoryRecord[] = [];
      for (const label of page.rows) {
        const row = byId.get(label.id);
        if (!row) continue;
        batch.push({ shipment: toShipmentInput(row), label: { hit: label.hit, critical: label.critical }, date: label.day });
      }
      yield batch;
    }
    await client.query("COMMIT");
    committed = true;
  } finally {
    // Also when the consumer stops early: never hand a client back mid-transaction.
    if (!committed) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

/** How many labelled shipments the range holds (for progress). */
export async function countLabelled(pool: Pool, unitId: string, range: LabelledRange): Promise<number> {
  const found = await pool.query<{ n: number }>(
    `SELECT count(DISTINCT s.id)::int AS n FROM shipment s JOIN inspection i ON i.shipment_id = s.id AND i.unit_id = s.unit_id
      WHERE s.unit_id = $1 AND COALESCE(s.arrival_date, (i.inspected_at AT TIME ZONE 'UTC')::date) BETWEEN $2::date AND $3::date`,
    [unitId, range.from, range.to],
  );
  return found.rows[0]!.n;
}
