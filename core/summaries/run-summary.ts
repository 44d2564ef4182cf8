// Use case: a programme manager asks for a summary. The scope comes from
// their memberships; every export is audited (report, format, filters, units).
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal } from "../auth/principal.js";
import type { Services } from "../services.js";
import { pilotFollowUp } from "./pilot-follow-up.js";
import { profilePerformance } from "./profile-performance.js";
import { referralSummary } from "./referral-summary.js";
import { seizureSummary } from "./seizure-summary.js";
import type { PilotInput, ProfileSummaryInput, ReferralSummaryInput, SeizureSummaryInput } from "./summary-schemas.js";
import { managerScope } from "./summary-scope.js";

export type SummaryRequest =
  | { report: "seizures"; input: SeizureSummaryInput }
  | { report: "referrals"; input: ReferralSummaryInput }
  | { report: "profiles"; input: ProfileSummaryInput }
  | { report: "pilot"; input: PilotInput };

export async function runSummary(
  services: Pick<Services, "pool" | "now">,
  principal: Principal,
  request: SummaryRequest,
  actor: AuditActor,
): Promise<{ json: object; csv: () => string }> {
  const scope = await managerScope(services, principal, request.input.units);
  const result =
    request.report === "seizures" ? await seizureSummary(services, scope, request.input)
    : request.report === "referrals" ? await referralSummary(services, scope, request.input)
    : request.report === "profiles" ? await profilePerformance(services, scope, request.input)
    : await pilotFollowUp(services, scope, request.input);
  await recordAudit(services.pool, actor, {
    action: "summary.exported",
    entityType: "summary",
    entityId: request.report,
    details: { format: request.input.format, filters: request.input, units: scope.unitCodes },
  });
  return result;
}
