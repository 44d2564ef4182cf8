import type { Job } from "bullmq";
import { sweepOverdueReferrals } from "../../core/referrals/sweep-overdue.js";
import type { Services } from "../../core/services.js";
import { JOBS } from "../queues.js";

export async function handleReferralSweep(services: Services, job: Job): Promise<unknown> {
  JOBS.referralSweep.schema.parse(job.data);
  return sweepOverdueReferrals(services);
}
