import type { Job } from "bullmq";
import { runAnalysisJob } from "../../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../../core/analysis/analysis-runners.js";
import type { Services } from "../../core/services.js";
import { JOBS } from "../queues.js";

export async function handleRunAnalysis(services: Services, job: Job): Promise<unknown> {
  const { analysisJobId } = JOBS.runAnalysis.schema.parse(job.data);
  await runAnalysisJob(services, analysisJobId, ANALYSIS_RUNNERS);
  return { analysisJobId };
}
