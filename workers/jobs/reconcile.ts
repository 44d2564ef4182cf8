import type { Job } from "bullmq";
import { readJob } from "../../core/jobs/typed-jobs.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import type { Services } from "../../core/services.js";

export async function handleReconcile(services: Services, job: Job): Promise<unknown> {
  readJob("reconcile", job, await services.deployment());
  return reconcilePending(services);
}
