import type { Job } from "bullmq";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import type { Services } from "../../core/services.js";
import { JOBS } from "../queues.js";

export async function handleReconcile(services: Services, job: Job): Promise<unknown> {
  JOBS.reconcile.schema.parse(job.data);
  return reconcilePending(services);
}
