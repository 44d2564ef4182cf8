// node-cron only enqueues; the jobs do the work. Every worker process runs a
// scheduler, and the job id is the minute slot, so several processes enqueue
// one sweep per slot between them.
import cron from "node-cron";
import type { Services } from "../core/services.js";
import { deploymentKey } from "../core/jobs/deployment-identity.js";
import { addJob } from "../core/jobs/typed-jobs.js";

// The job id names the deployment too: two deployments sharing a Redis and
// prefix must not collapse each other's sweeps into one job.
/** Returns the job id, or undefined when Redis refused it (the next slot tries again). */
export async function enqueueReconcile(services: Pick<Services, "queues" | "logger" | "now" | "deployment">, slot: string): Promise<string | undefined> {
  try {
    const deployment = await services.deployment();
    const job = await addJob(
      services.queues,
      "reconcile",
      { deployment, requestedAt: services.now().toISOString() },
      { jobId: `reconcile-${deploymentKey(deployment)}-${slot}` },
    );
    return job.id;
  } catch (error) {
    services.logger.warn({ err: error }, "could not enqueue the reconciler sweep");
    return undefined;
  }
}

/** Returns the job id, or undefined when Redis refused it (the next slot tries again). */
export async function enqueueReferralSweep(services: Pick<Services, "queues" | "logger" | "now" | "deployment">, slot: string): Promise<string | undefined> {
  try {
    const deployment = await services.deployment();
    const job = await addJob(
      services.queues,
      "referralSweep",
      { deployment, requestedAt: services.now().toISOString() },
      { jobId: `referral-sweep-${deploymentKey(deployment)}-${slot}` },
    );
    return job.id;
  } catch (error) {
    services.logger.warn({ err: error }, "could not enqueue the referral sweep");
    return undefined;
  }
}

/**
 * The slot is the second the cron fired in: every worker process fires in the
 * same second and their enqueues collapse into one job, and a cron with a
 * seconds field (e.g. every 5 s) still gets one sweep per firing.
 */
const cronSlot = () => `cron-${Math.floor(Date.now() / 1000)}`;

export function startScheduler(services: Services): { stop(): void } {
  const task = cron.schedule(services.config.RECONCILE_CRON, () => void enqueueReconcile(services, cronSlot()));
  const referralTask = cron.schedule(services.config.REFERRAL_SWEEP_CRON, () => void enqueueReferralSweep(services, cronSlot()));
  return {
    stop() {
      void task.stop();
      void referralTask.stop();
    },
  };
}
