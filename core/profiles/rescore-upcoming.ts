// After the set of active versions changes, shipments not arrived yet may be
// scored again. The caller's transaction stores the re-score as chunks
// (rescore_chunk, migration 0030) rather than marking every upcoming outbox
// row pending: that serial phase was most of the database's work before any
// worker started. Each chunk's job scores its rows in place and deletes the
// chunk in the same transaction (core/scoring/rescore-chunks.ts), the jobs are
// enqueued after commit, and the reconciler re-enqueues a chunk whose job was
// lost. Assessments are unique per shipment and version, so earlier versions'
// rows stay as the record of what was shown; the overall verdict is
// recomputed from the active versions.
import type { Pool, PoolClient } from "../db/pool.js";
import { rescoreChunkSize } from "../scoring/enqueue-scoring.js";
import { enqueueRescoreChunks, storeRescoreChunks, type RescoreChunk } from "../scoring/rescore-chunks.js";
import type { Services } from "../services.js";

export interface UpcomingRescore {
  /** The upcoming shipments, sorted. */
  shipmentIds: string[];
  chunks: RescoreChunk[];
}

/** The unit's ($1) manifest shipments arriving today, in its time zone, at $2, or later: the open queue a profile change scores again. */
const UPCOMING_FROM_WHERE = `FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id JOIN control_unit u ON u.id = s.unit_id
      WHERE s.unit_id = $1 AND st.unit_id = $1 AND s.source = 'manifest'
        AND s.arrival_date >= ($2::timestamptz AT TIME ZONE u.time_zone)::date`;

/** Manifest shipments of the unit arriving today (in the unit's time zone) or later, stored as re-score chunks. */
export async function planUpcomingRescore(
  client: PoolClient,
  config: Pick<Services["config"], "SCORE_CHUNK_SIZE">,
  unitId: string,
  cause: string,
  now: Date,
): Promise<UpcomingRescore> {
  const result = await client.query<{ shipment_id: string }>(`SELECT st.shipment_id ${UPCOMING_FROM_WHERE} ORDER BY st.shipment_id`, [unitId, now]);
  const shipmentIds = result.rows.map((row) => row.shipment_id);
  const size = rescoreChunkSize(config.SCORE_CHUNK_SIZE, shipmentIds.length);
  const chunks = await storeRescoreChunks(client, unitId, cause, shipmentIds, size, now);
  return { shipmentIds, chunks };
}

/** How many shipments planUpcomingRescore would store now: what the activation dialog says will be scored again. */
export async function countUpcoming(pool: Pick<Pool, "query">, unitId: string, now: Date): Promise<number> {
  const result = await pool.query<{ n: number }>(`SELECT count(*)::int AS n ${UPCOMING_FROM_WHERE}`, [unitId, now]);
  return result.rows[0]?.n ?? 0;
}

export async function enqueueRescore(
  services: Pick<Services, "queues" | "config" | "logger" | "deployment">,
  unitId: string,
  chunks: readonly RescoreChunk[],
  cause: string,
): Promise<void> {
  // Job ids rescore-<cause>-<chunk id>: the cause is the activated (or retired) version's id.
  await enqueueRescoreChunks(services, unitId, chunks, `rescore-${cause}`);
}
