// A re-score in progress, stored as chunks (rescore_chunk, migration 0030).
// The chunk row is the durable record: its job scores the chunk's rows in
// place and deletes the row in the same transaction (score-shipments.ts), so
// a job that runs twice finds nothing the second time and a job that was lost
// or whose worker died leaves its row for the reconciler to enqueue again.
import { randomBytes } from "node:crypto";
import type { Pool, PoolClient } from "../db/pool.js";
import { uuidV7 } from "../ids.js";
import type { ScoreShipmentsPayload } from "../jobs/job-catalog.js";
import { addJobs } from "../jobs/typed-jobs.js";
import type { Services } from "../services.js";

export interface RescoreChunk {
  id: string;
  shipmentIds: string[];
}

/**
 * Stores a unit's re-score as chunks of `size` shipments. Chunks of an earlier re-score of the unit still waiting are
 * folded into the new ones (deleted, their shipments re-chunked with these), so a container is in one chunk at most
 * and is scored once with the versions then active. A chunk being scored right now holds its row's lock: the delete
 * waits for that chunk's transaction, which either finishes its rows or rolls back and leaves them to this re-score.
 */
export async function storeRescoreChunks(client: PoolClient, unitId: string, cause: string, upcoming: readonly string[], size: number, now: Date): Promise<RescoreChunk[]> {
  const earlier = await client.query<{ shipment_ids: string[] }>("DELETE FROM rescore_chunk WHERE unit_id = $1 RETURNING shipment_ids", [unitId]);
  const shipmentIds = [...new Set([...upcoming, ...earlier.rows.flatMap((row) => row.shipment_ids)])].sort();
  if (shipmentIds.length === 0) return [];
  const chunks: RescoreChunk[] = [];
  for (let start = 0; start < shipmentIds.length; start += size) chunks.push({ id: uuidV7(now.getTime()), shipmentIds: shipmentIds.slice(start, start + size) });
  await client.query(
    `INSERT INTO rescore_chunk (id, unit_id, cause, shipment_ids, created_at, enqueued_at)
     SELECT id, $2, $3, ARRAY(SELECT jsonb_array_elements_text(ids)::uuid), $4, $4
       FROM ROWS FROM (unnest($1::uuid[]), jsonb_array_elements($5::jsonb)) AS t(id, ids)`,
    [chunks.map((c) => c.id), unitId, cause, now, JSON.stringify(chunks.map((c) => c.shipmentIds))],
  );
  return chunks;
}

/** One job per chunk, after commit, in one round trip. A lost enqueue is harmless: the reconciler finds the chunk rows. */
export async function enqueueRescoreChunks(
  services: Pick<Services, "queues" | "logger" | "deployment">,
  unitId: string,
  chunks: readonly RescoreChunk[],
  jobIdPrefix: string,
): Promise<boolean> {
  if (chunks.length === 0) return true;
  try {
    const deployment = await services.deployment();
    const jobs = chunks.map((chunk) => {
      const data: ScoreShipmentsPayload = { deployment, unitId, shipmentIds: chunk.shipmentIds, reason: "rescore", rescoreChunkId: chunk.id };
      // BullMQ job ids may not contain ':' (its key separator).
      return { data, opts: { jobId: `${jobIdPrefix}-${chunk.id}` } };
    });
    await addJobs(services.queues, "scoreShipments", jobs);
    return true;
  } catch (error) {
    services.logger.warn({ err: error, unitId, chunks: chunks.length }, "re-score enqueue failed; the reconciler will retry");
    return false;
  }
}

/** Locks the chunk's row for this transaction; null when it is done already (deleted) or another worker holds it. */
export async function lockRescoreChunk(client: PoolClient, chunkId: string): Promise<RescoreChunk | null> {
  const found = await client.query<{ shipment_ids: string[] }>("SELECT shipment_ids FROM rescore_chunk WHERE id = $1 FOR UPDATE SKIP LOCKED", [chunkId]);
  const row = found.rows[0];
  return row ? { id: chunkId, shipmentIds: row.shipment_ids } : null;
}

export async function deleteRescoreChunk(client: PoolClient, chunkId: string): Promise<void> {
  await client.query("DELETE FROM rescore_chunk WHERE id = $1", [chunkId]);
}

/**
 * Chunks whose job is overdue (lost, or its worker died) are enqueued again with a fresh job id; chunks being scored
 * are skipped. `units` (sweptUnits: one unit, or a worker's WORKER_UNITS) narrows the sweep; null: every unit.
 */
export async function reconcileRescoreChunks(
  services: Pick<Services, "pool" | "queues" | "logger" | "deployment">,
  cutoff: Date,
  now: Date,
  units: readonly string[] | null,
): Promise<number> {
  const due = await services.pool.query<{ id: string; unit_id: string; shipment_ids: string[] }>(
    `UPDATE rescore_chunk SET enqueued_at = $2 WHERE id IN (
       SELECT id FROM rescore_chunk WHERE enqueued_at < $1 AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))
        ORDER BY enqueued_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
     RETURNING id, unit_id, shipment_ids`,
    [cutoff, now, units],
  );
  const byUnit = new Map<string, RescoreChunk[]>();
  for (const row of due.rows) byUnit.set(row.unit_id, [...(byUnit.get(row.unit_id) ?? []), { id: row.id, shipmentIds: row.shipment_ids }]);
  const sweep = `r${now.getTime()}-${randomBytes(3).toString("hex")}`;
  for (const [unit, chunks] of byUnit) await enqueueRescoreChunks(services, unit, chunks, `rescore-${sweep}`);
  if (due.rows.length > 0) services.logger.info({ chunks: due.rows.length }, "reconciler re-enqueued re-score chunks");
  return due.rows.length;
}

/**
 * Containers of a unit (or of one manifest) waiting in a re-score: the truthful "being re-scored" count, since a
 * re-score no longer marks its rows pending.
 */
export async function rescoringCount(db: Pool | PoolClient, unitId: string, manifestId?: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    manifestId === undefined
      ? "SELECT coalesce(sum(cardinality(shipment_ids)), 0)::int AS n FROM rescore_chunk WHERE unit_id = $1"
      : `SELECT count(*)::int AS n FROM rescore_chunk c CROSS JOIN LATERAL unnest(c.shipment_ids) AS x(id)
          JOIN shipment s ON s.id = x.id WHERE c.unit_id = $1 AND s.manifest_id = $2`,
    manifestId === undefined ? [unitId] : [unitId, manifestId],
  );
  return result.rows[0]?.n ?? 0;
}
