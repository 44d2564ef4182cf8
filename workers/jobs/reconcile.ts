import type { Job } from "bullmq";
import { readJob } from "../../core/jobs/typed-jobs.js";
import { reconcileStagedManifests } from "../../core/manifests/staged-manifests.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import type { Services } from "../../core/services.js";

export async function handleReconcile(services: Services, job: Job): Promise<unknown> {
  readJob("reconcile", job, await services.deployment());
  // Lost expansions first: their shipments' scoring is enqueued by the expansion itself.
  const expansions = await reconcileStagedManifests(services);
  return { ...(await reconcilePending(services)), expansions };
}
