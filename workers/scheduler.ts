// node-cron only enqueues; the jobs do the work. Every worker process runs a
// scheduler, and the job id is the minute slot, so several processes enqueue
// one sweep per slot between them.
import cron from "node-cron";
import type { Services } from "../core/services.js";
import { JOBS } from "./queues.js";

export async function enqueueReconcile(services: Pick<Services, "queues" | "logger" | "now">, slot: string): Promise<void> {
  try {
    await services.queues.maintenance.add(
      JOBS.reconcile.name,
      { requestedAt: services.now().toISOString() },
      { jobId: `reconcile-${slot}` },
    );
  } catch (error) {
    services.logger.warn({ err: error }, "could not enqueue the reconciler sweep");
  }
}

export async function enqueueReferralSweep(services: Pick<Services, "queues" | "logger" | "now">, slot: string): Promise<void> {
  try {
    await services.queues.maintenance.add(
      JOBS.referralSweep.name,
      { requestedAt: services.now().toISOString() },
      { jobId: `referral-sweep-${slot}` },
    );
  } catch (error) {
    services.logger.warn({ err: error }, "could not enqueue the referral sweep");
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
