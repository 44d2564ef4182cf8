// Use cases: start a back-test (one profile) or a comparison (two, on the
// same history) as an analysis job. The profiles are checked now, so a bad
// request is a 400 or 404 at once rather than a failed job later.
import { createAnalysisJob } from "../analysis/analysis-jobs.js";
import type { UnitScope } from "../auth/principal.js";
import type { AuditActor } from "../audit/record-audit.js";
import type { Services } from "../services.js";
import type { ProfileRefInput } from "./profile-schemas.js";
import { checkDefinition, findProfile, findVersion } from "./profile-store.js";

/** What a job's params hold for each profile it evaluates. */
export type StoredProfileRef = { versionId: string; profileCode: string; version: number } | { definition: unknown; profileCode: string };

async function resolveRef(services: Pick<Services, "pool">, unit: UnitScope, ref: ProfileRefInput, root: string): Promise<StoredProfileRef> {
  if (ref.definition !== undefined) {
    const profile = checkDefinition(ref.definition, `${root}.definition`);
    return { definition: ref.definition, profileCode: profile.code };
  }
  const profile = await findProfile(services.pool, unit.id, ref.profileCode!);
  const row = await findVersion(services.pool, profile, ref.version!);
  return { versionId: row.id, profileCode: profile.code, version: row.version };
}

interface RangeInput {
  from?: string | undefined;
  to?: string | undefined;
}

type JobServices = Pick<Services, "pool" | "queues" | "logger" | "deployment">;

export async function startBacktest(services: JobServices, unit: UnitScope, input: RangeInput & { profile: ProfileRefInput }, actor: AuditActor) {
  const profile = await resolveRef(services, unit, input.profile, "profile");
  const job = await createAnalysisJob(services, {
    unitId: unit.id,
    kind: "backtest",
    params: { from: input.from ?? null, to: input.to ?? null, profiles: [profile] },
    createdBy: actor.principal?.userId,
  });
  return { jobId: job.id, status: job.status, kind: "backtest" as const, location: `/v1/units/${unit.code}/analysis-jobs/${job.id}` };
}

export async function startComparison(
  services: JobServices,
  unit: UnitScope,
  input: RangeInput & { baseline: ProfileRefInput; candidate: ProfileRefInput },
  actor: AuditActor,
) {
  const baseline = await resolveRef(services, unit, input.baseline, "baseline");
  const candidate = await resolveRef(services, unit, input.candidate, "candidate");
  const job = await createAnalysisJob(services, {
    unitId: unit.id,
    kind: "compare",
    params: { from: input.from ?? null, to: input.to ?? null, profiles: [baseline, candidate] },
    createdBy: actor.principal?.userId,
  });
  return { jobId: job.id, status: job.status, kind: "compare" as const, location: `/v1/units/${unit.code}/analysis-jobs/${job.id}` };
}
