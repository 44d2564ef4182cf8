// The expand-manifest job of a staged manifest (staged-manifests.ts), enqueued
// after the commit that staged it, by the reconciler, or by an operator's
// retry (expansion-failures.ts).
import { addJob } from "../jobs/typed-jobs.js";
import type { Services } from "../services.js";

/** After commit. A failure is logged and left to the reconciler, as for scoring jobs. */
export async function enqueueExpansion(
  services: Pick<Services, "queues" | "logger" | "deployment">,
  manifestId: string,
  jobId = `expand-${manifestId}`,
  delayMs = 0,
): Promise<boolean> {
  try {
    const deployment = await services.deployment();
    // More attempts than the maintenance default: a deadlock or a restart of PostgreSQL is worth retrying at once.
    await addJob(services.queues, "expandManifest", { deployment, manifestId }, { jobId, delay: delayMs, attempts: 5, backoff: { type: "exponential", delay: 1_000 } });
    return true;
  } catch (error) {
    services.logger.warn({ err: error, manifestId }, "expansion enqueue failed; the reconciler will retry");
    return false;
  }
}
