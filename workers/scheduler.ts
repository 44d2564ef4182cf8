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

export function startScheduler(services: Services): { stop(): void } {
  const task = cron.schedule(services.config.RECONCILE_CRON, () => {
    const minute = Math.floor(Date.now() / 60_000);
    void enqueueReconcile(services, `cron-${minute}`);
  });
  const referralTask = cron.schedule(services.config.REFERRAL_SWEEP_CRON, () => {
    const minute = Math.floor(Date.now() / 60_000);
    void enqueueReferralSweep(services, `cron-${minute}`);
  });
  return {
    stop() {
      void task.stop();
      void referralTask.stop();
    },
  };
}
