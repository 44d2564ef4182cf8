import type { Job } from "bullmq";
import { enqueueScoring } from "../../core/scoring/enqueue-scoring.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import type { Services } from "../../core/services.js";
import { readJob } from "../../core/jobs/typed-jobs.js";
import { refreshBandCutoffs } from "../../core/triage/band-cutoffs.js";

export class RetryableScoringError extends Error {
  override readonly name = "RetryableScoringError";
}

/** Scores one chunk; throws (so BullMQ retries with backoff) while some shipments still have attempts left. */
export async function handleScoreShipments(services: Services, job: Job): Promise<unknown> {
  const payload = readJob("scoreShipments", job, await services.deployment());
  const result = await scoreShipments(services, payload.unitId, payload.shipmentIds, { rescoreChunkId: payload.rescoreChunkId });
  services.logger.debug({ jobId: job.id, ...result, repending: result.repending?.length }, "scored batch");
  // A re-score chunk's failures went back to pending in its (committed) transaction: their ordinary job retries them.
  if (result.repending && result.repending.length > 0) {
    await enqueueScoring(services, payload.unitId, result.repending, "rescore", `rescore-retry-${String(job.id)}-${Date.now()}`);
  }
  if (result.retry > 0 && payload.rescoreChunkId === undefined) throw new RetryableScoringError(`${result.retry} shipments failed to score and will be retried`);
  if (payload.reason === "rescore" && result.scored > 0) await refreshCutoffsWhenDone(services, payload.unitId);
  return result;
}

/**
 * A re-score moves the whole open queue, so the unit's band cut-offs (score
 * percentiles, otherwise recomputed by a queue read once they are 5 minutes
 * old) are recomputed once, by the chunk that leaves no re-score chunk and
 * nothing pending: the queue shows the new lanes as soon as the run ends, and
 * no chunk pays for it before. Chunks finishing together may both see nothing
 * left: the refresh is an upsert, so twice is harmless.
 */
async function refreshCutoffsWhenDone(services: Services, unitId: string): Promise<void> {
  const left = await services.pool.query(
    `SELECT 1 WHERE EXISTS (SELECT 1 FROM rescore_chunk WHERE unit_id = $1)
        OR EXISTS (SELECT 1 FROM scoring_state WHERE unit_id = $1 AND status = 'pending')`,
    [unitId],
  );
  if (left.rows.length > 0) return;
  // The chunk is scored and committed: a failed refresh must not fail (and retry) it.
  await refreshBandCutoffs(services, unitId).catch((error: unknown) => services.logger.warn({ err: error, unitId }, "band cut-off refresh after a re-score failed"));
}
