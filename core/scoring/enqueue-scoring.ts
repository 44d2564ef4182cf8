// Enqueue scoring work after commit, in chunks, with one round trip (addBulk).
// Losing this enqueue is harmless: the rows are pending in PostgreSQL and the
// reconciler re-enqueues them after the grace period.
import { JOBS, type ScoreShipmentsPayload } from "../../workers/queues.js";
import type { Services } from "../services.js";

export async function enqueueScoring(
  services: Pick<Services, "queues" | "config" | "logger">,
  unitId: string,
  shipmentIds: readonly string[],
  reason: ScoreShipmentsPayload["reason"],
  jobIdPrefix: string,
): Promise<boolean> {
  const size = services.config.SCORE_CHUNK_SIZE;
  const jobs = [];
  for (let start = 0, index = 0; start < shipmentIds.length; start += size, index += 1) {
    const data: ScoreShipmentsPayload = { unitId, shipmentIds: shipmentIds.slice(start, start + size), reason };
    // BullMQ job ids may not contain ':' (its key separator).
    jobs.push({ name: JOBS.scoreShipments.name, data, opts: { jobId: `${jobIdPrefix}-${index}` } });
  }
  try {
    await services.queues.scoring.addBulk(jobs);
    return true;
  } catch (error) {
    services.logger.warn({ err: error, unitId, shipments: shipmentIds.length }, "enqueue failed; the reconciler will retry");
    return false;
  }
}
