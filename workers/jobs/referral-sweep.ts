import type { Job } from "bullmq";
import { readJob } from "../../core/jobs/typed-jobs.js";
import { sweepOverdueReferrals } from "../../core/referrals/sweep-overdue.js";
import type { Services } from "../../core/services.js";

export async function handleReferralSweep(services: Services, job: Job): Promise<unknown> {
  readJob("referralSweep", job, await services.deployment());
  return sweepOverdueReferrals(services);
}
