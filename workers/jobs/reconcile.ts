import type { Job } from "bullmq";
import { readJob } from "../../core/jobs/typed-jobs.js";
import { reconcileStagedManifests } from "../../core/manifests/staged-manifests.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import type { Services } from "../../core/services.js";
import { sweepUnitIds } from "../../core/units/worker-units.js";

/**
 * Every sweep here reads unit-owned rows, so all of them keep to the units of the worker that enqueued the job
 * (WORKER_UNITS, carried in the payload); none named: every unit. The jobs a sweep enqueues go to this process's
 * queue prefix, which the other units' pools may not read: a sweep past its units would strand their work there.
 */
export async function handleReconcile(services: Services, job: Job): Promise<unknown> {
  const payload = readJob("reconcile", job, await services.deployment());
  const unitIds = await sweepUnitIds(services.pool, payload.units);
  // Lost expansions first: their shipments' scoring is enqueued by the expansion itself.
  const expansions = await reconcileStagedManifests(services, { unitIds });
  return { ...(await reconcilePending(services, { unitIds })), expansions };
}
