// Use case: an analyst asks for a profile learned from the unit's labelled
// history; the work runs as a `build` analysis job on the worker pool.
import { createAnalysisJob } from "../analysis/analysis-jobs.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import type { ProfileBuildRequest } from "./profile-build-request.js";

export async function startProfileBuild(services: Services, unit: UnitScope, request: ProfileBuildRequest, actor: AuditActor) {
  const job = await createAnalysisJob(services, { unitId: unit.id, kind: "build", params: request, createdBy: actor.principal?.userId });
  await recordAudit(services.pool, actor, { action: "profile_build.requested", entityType: "analysis_job", entityId: job.id, unitId: unit.id, details: request });
  return { jobId: job.id, status: job.status, location: `/v1/units/${unit.code}/analysis-jobs/${job.id}` };
}
