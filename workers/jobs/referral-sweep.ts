import type { Job } from "bullmq";
import { readJob } from "../../core/jobs/typed-jobs.js";
import { sweepOverdueReferrals } from "../../core/referrals/sweep-overdue.js";
import type { Services } from "../../core/services.js";
import { sweepUnitIds } from "../../core/units/worker-units.js";

export async function handleReferralSweep(services: Services, job: Job): Promise<unknown> {
  const payload = readJob("referralSweep", job, await services.deployment());
  // The units of the worker that enqueued it (WORKER_UNITS); none named: every unit.
  return sweepOverdueReferrals(services, { unitIds: await sweepUnitIds(services.pool, payload.units) });
}
