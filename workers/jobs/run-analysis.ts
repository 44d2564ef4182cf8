import type { Job } from "bullmq";
import { runAnalysisJob } from "../../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../../core/analysis/analysis-runners.js";
import { readJob } from "../../core/jobs/typed-jobs.js";
import type { Services } from "../../core/services.js";

export async function handleRunAnalysis(services: Services, job: Job): Promise<unknown> {
  const { analysisJobId } = readJob("runAnalysis", job, await services.deployment());
  await runAnalysisJob(services, analysisJobId, ANALYSIS_RUNNERS);
  return { analysisJobId };
}
