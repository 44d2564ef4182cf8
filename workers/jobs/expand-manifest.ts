import type { Job } from "bullmq";
import { expandStagedManifest } from "../../core/manifests/staged-manifests.js";
import { readJob } from "../../core/jobs/typed-jobs.js";
import type { Services } from "../../core/services.js";

/** Writes a staged manifest's shipment rows and enqueues their scoring; a no-op once done. */
export async function handleExpandManifest(services: Services, job: Job): Promise<unknown> {
  const payload = readJob("expandManifest", job, await services.deployment());
  return expandStagedManifest(services, payload.manifestId);
}
