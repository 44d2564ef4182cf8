// The unit's labelled history for back-tests, streamed from PostgreSQL in
// keyset batches (never the whole history at once): shipments of the unit
// with at least one inspection, dated by arrival, labelled a hit when any
// inspection found a seizure or an irregularity.
import type { ScoringContext, ShipmentInput } from "../../profiling/shipment.js";
import type { Pool } from "../db/pool.js";
import { loadScoringContext } from "../scoring/scoring-context.js";
import { loadShipmentInputs, toShipmentInput } from "../scoring/shipment-input.js";

export interface HistoryRange {
  from: string | null;
  to: string | null;
}

export interface LabelledRecord {
  shipment: ShipmentInput;
  arrivalDate: string;
  hit: boolean;
}

export interface LabelledBatch {
  records: LabelledRecord[];
  ctx: ScoringContext;
  /** Stored rows too malformed to score (hand-edited data): counted, not fatal. */
  skipped: number;
}

const LABELLED = `
  FROM shipment s
  JOIN LATERAL (SELECT bool_or(outcome IN ('seizure', 'irregularity')) AS hit
                  FROM inspection i WHERE i.shipment_id = s.id HAVING count(*) > 0) l ON true
 WHERE s.unit_id = $1 AND s.arrival_date IS NOT NULL
   AND ($2::date IS NULL OR s.arrival_date >= $2) AND ($3::date IS NULL OR s.arrival_date <= $3)`;

interface HistoryRow {
  id: string;
  arrival_date: string;
  hit: boolean;
}

export async function countLabelledHistory(pool: Pool, unitId: string, range: HistoryRange): Promise<number> {
  const result = await pool.query<{ n: number }>(`SELECT count(*)::int AS n ${LABELLED}`, [unitId, range.from, range.to]);
  return result.rows[0]!.n;
}

export async function* labelledHistory(pool: Pool, unitId: string, range: HistoryRange, now: Date, batchSize = 1_000): AsyncGenerator<LabelledBatch> {
  let after: { date: string; id: string } | null = null;
  const client = await pool.connect();
  try {
    for (;;) {
      const page: { rows: HistoryRow[] } = await client.query<HistoryRow>(
        `SELECT s.id, s.arrival_date, l.hit ${LABELLED}
           AND ($4::date IS NULL OR (s.arrival_date, s.id) > ($4::date, $5::uuid))
         ORDER BY s.arrival_date, s.id LIMIT $6`,
        [unitId, range.from, range.to, after?.date ?? null, after?.id ?? null, batchSize],
      );
      if (page.rows.length === 0) return;
      const last: HistoryRow = page.rows[page.rows.length - 1]!;
      after = { date: last.arrival_date, id: last.id };
      const loaded = new Map((await loadShipmentInputs(client, page.rows.map((r) => r.id))).map((s) => [s.id, s]));
      // The context's queries run in parallel: on the pool, not on this one client.
      const ctx = await loadScoringContext(pool, unitId, [...new Set([...loaded.values()].flatMap((s) => s.partyIds))], now);
      const records: LabelledRecord[] = [];
      let skipped = 0;
      for (const row of page.rows) {
        const found = loaded.get(row.id);
        try {
          if (found) records.push({ shipment: toShipmentInput(found.row), arrivalDate: row.arrival_date, hit: row.hit });
        } catch {
          skipped += 1;
        }
      }
      yield { records, ctx, skipped };
      if (page.rows.length < batchSize) return;
    }
  } finally {
    client.release();
  }
}
