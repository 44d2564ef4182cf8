// node-cron only enqueues; the jobs do the work. Every worker process runs a
// scheduler, and the job id is the minute slot, so several processes enqueue
// one sweep per slot between them.
import { createHash } from "node:crypto";
import cron from "node-cron";
import type { Services } from "../core/services.js";
import { deploymentKey } from "../core/jobs/deployment-identity.js";
import { addJob } from "../core/jobs/typed-jobs.js";

/**
 * A sweep covers the units of the process that enqueued it (WORKER_UNITS, carried in the payload). Pools of other
 * scopes sharing the prefix enqueue under other ids (a digest of the codes; none for every unit), so their sweeps
 * never collapse into one job that covers only one pool's units.
 */
function sweepScope(units: readonly string[]): { units?: string[]; idPart: string } {
  if (units.length === 0) return { idPart: "" };
  const sorted = [...units].sort();
  return { units: sorted, idPart: `-u${createHash("sha256").update(sorted.join(",")).digest("hex").slice(0, 12)}` };
}

// The job id names the deployment too: two deployments sharing a Redis and
// prefix must not collapse each other's sweeps into one job.

/** Returns the job id, or undefined when Redis refused it (the next slot tries again). */
export async function enqueueReconcile(services: Pick<Services, "queues" | "logger" | "now" | "deployment" | "config">, slot: string): Promise<string | undefined> {
  try {
    const deployment = await services.deployment();
    const scope = sweepScope(services.config.WORKER_UNITS);
    const job = await addJob(
      services.queues,
      "reconcile",
      { deployment, requestedAt: services.now().toISOString(), ...(scope.units ? { units: scope.units } : {}) },
      { jobId: `reconcile-${deploymentKey(deployment)}${scope.idPart}-${slot}` },
    );
    return job.id;
  } catch (error) {
    services.logger.warn({ err: error }, "could not enqueue the reconciler sweep");
    return undefined;
  }
}

/** Returns the job id, or undefined when Redis refused it (the next slot tries again). */
export async function enqueueReferralSweep(services: Pick<Services, "queues" | "logger" | "now" | "deployment" | "config">, slot: string): Promise<string | undefined> {
  try {
    const deployment = await services.deployment();
    const scope = sweepScope(services.config.WORKER_UNITS);
    const job = await addJob(
      services.queues,
      "referralSweep",
      { deployment, requestedAt: services.now().toISOString(), ...(scope.units ? { units: scope.units } : {}) },
      { jobId: `referral-sweep-${deploymentKey(deployment)}${scope.idPart}-${slot}` },
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
