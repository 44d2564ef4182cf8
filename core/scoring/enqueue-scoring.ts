// Enqueue scoring work after commit, in chunks, with one round trip (addBulk).
// Losing this enqueue is harmless: the rows are pending in PostgreSQL and the
// reconciler re-enqueues them after the grace period.
import type { ScoreShipmentsPayload } from "../jobs/job-catalog.js";
import { addJobs } from "../jobs/typed-jobs.js";
import type { Services } from "../services.js";

export async function enqueueScoring(
  services: Pick<Services, "queues" | "config" | "logger" | "deployment">,
  unitId: string,
  shipmentIds: readonly string[],
  reason: ScoreShipmentsPayload["reason"],
  jobIdPrefix: string,
  chunkSize = services.config.SCORE_CHUNK_SIZE,
): Promise<boolean> {
  const size = chunkSize;
  try {
    const deployment = await services.deployment();
    const jobs = [];
    for (let start = 0, index = 0; start < shipmentIds.length; start += size, index += 1) {
      const data: ScoreShipmentsPayload = { deployment, unitId, shipmentIds: shipmentIds.slice(start, start + size), reason };
      // BullMQ job ids may not contain ':' (its key separator).
      jobs.push({ data, opts: { jobId: `${jobIdPrefix}-${index}` } });
    }
    await addJobs(services.queues, "scoreShipments", jobs);
    return true;
  } catch (error) {
    services.logger.warn({ err: error, unitId, shipments: shipmentIds.length }, "enqueue failed; the reconciler will retry");
    return false;
  }
}

/**
 * Chunk size for re-scoring a unit's open queue after an activation: the
 * whole queue arrives at once, so chunks grow up to 4x the configured size,
 * keeping at least 8 jobs for the worker slots to share. Each chunk is one
 * transaction with its own context load and a dozen round trips; on a
 * loaded machine those waits cost more than the scoring, and 15,000
 * containers in 30 chunks of 500 became 8 of 1,875.
 */
export function rescoreChunkSize(configured: number, shipments: number): number {
  return Math.min(4 * configured, Math.max(configured, Math.ceil(shipments / 8)));
}
