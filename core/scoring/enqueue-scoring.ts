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
): Promise<boolean> {
  const size = services.config.SCORE_CHUNK_SIZE;
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
