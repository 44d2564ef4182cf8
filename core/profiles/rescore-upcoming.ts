// After the set of active versions changes, shipments not arrived yet may be
// scored again: their outbox rows go back to pending in the caller's
// transaction, and the jobs are enqueued after commit (the reconciler
// re-enqueues them if that enqueue is lost). Assessments are unique per
// shipment and version, so earlier versions' rows stay as the record of what
// was shown; the overall verdict is recomputed from the active versions.
import type { PoolClient } from "../db/pool.js";
import { enqueueScoring, rescoreChunkSize } from "../scoring/enqueue-scoring.js";
import type { Services } from "../services.js";

/** Manifest shipments of the unit arriving today (in the unit's time zone) or later. */
export async function markUpcomingPending(client: PoolClient, unitId: string, now: Date): Promise<string[]> {
  const result = await client.query<{ shipment_id: string }>(
    `UPDATE scoring_state st
        SET status = 'pending', attempts = 0, last_error = NULL, enqueued_at = $2, updated_at = $2
       FROM shipment s JOIN control_unit u ON u.id = s.unit_id
      WHERE st.shipment_id = s.id AND s.unit_id = $1 AND s.source = 'manifest'
        AND s.arrival_date >= ($2::timestamptz AT TIME ZONE u.time_zone)::date
      RETURNING st.shipment_id`,
    [unitId, now],
  );
  return result.rows.map((row) => row.shipment_id).sort();
}

export async function enqueueRescore(
  services: Pick<Services, "queues" | "config" | "logger" | "deployment">,
  unitId: string,
  shipmentIds: readonly string[],
  cause: string,
): Promise<void> {
  if (shipmentIds.length === 0) return;
  const chunk = rescoreChunkSize(services.config.SCORE_CHUNK_SIZE, shipmentIds.length);
  await enqueueScoring(services, unitId, shipmentIds, "rescore", `rescore-${cause}-${Date.now()}`, chunk);
}
