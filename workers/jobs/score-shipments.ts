import type { Job } from "bullmq";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import type { Services } from "../../core/services.js";
import { readJob } from "../../core/jobs/typed-jobs.js";

export class RetryableScoringError extends Error {
  override readonly name = "RetryableScoringError";
}

/** Scores one chunk; throws (so BullMQ retries with backoff) while some shipments still have attempts left. */
export async function handleScoreShipments(services: Services, job: Job): Promise<unknown> {
  const payload = readJob("scoreShipments", job, await services.deployment());
  const result = await scoreShipments(services, payload.unitId, payload.shipmentIds);
  services.logger.debug({ jobId: job.id, ...result }, "scored batch");
  if (result.retry > 0) throw new RetryableScoringError(`${result.retry} shipments failed to score and will be retried`);
  return result;
}
