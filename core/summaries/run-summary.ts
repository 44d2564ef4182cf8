// Use case: a programme manager asks for a summary. The scope comes from
// their memberships; every export is audited (report, format, filters, units).
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal } from "../auth/principal.js";
import type { Services } from "../services.js";
import { dashboardSummary } from "./dashboard-summary.js";
import { kpiSummary, type KpiInput } from "./kpi-summary.js";
import { pilotFollowUp } from "./pilot-follow-up.js";
import { profilePerformance } from "./profile-performance.js";
import { referralSummary } from "./referral-summary.js";
import { seizureSummary } from "./seizure-summary.js";
import { seizureTrend } from "./seizure-trend.js";
import type { DashboardInput, PilotInput, ProfileSummaryInput, ReferralSummaryInput, SeizureSummaryInput, SeizureTrendInput } from "./summary-schemas.js";
import { managerScope, type SummaryScope } from "./summary-scope.js";

export type SummaryRequest =
  | { report: "seizures"; input: SeizureSummaryInput }
  | { report: "referrals"; input: ReferralSummaryInput }
  | { report: "profiles"; input: ProfileSummaryInput }
  | { report: "pilot"; input: PilotInput }
  | { report: "seizures-over-time"; input: SeizureTrendInput }
  | { report: "dashboard"; input: DashboardInput }
  | { report: "kpis"; input: KpiInput };

async function summaryOf(services: Pick<Services, "pool" | "now">, scope: SummaryScope, request: SummaryRequest): Promise<{ json: object; csv: () => string }> {
  switch (request.report) {
    case "seizures":
      return seizureSummary(services, scope, request.input);
    case "referrals":
      return referralSummary(services, scope, request.input);
    case "profiles":
      return profilePerformance(services, scope, request.input);
    case "pilot":
      return pilotFollowUp(services, scope, request.input);
    case "seizures-over-time":
      return seizureTrend(services, scope, request.input);
    case "dashboard":
      return dashboardSummary(services, scope, request.input);
    case "kpis":
      return kpiSummary(services, scope, request.input);
  }
}

export async function runSummary(
  services: Pick<Services, "pool" | "now">,
  principal: Principal,
  request: SummaryRequest,
  actor: AuditActor,
): Promise<{ json: object; csv: () => string }> {
  const scope = await managerScope(services, principal, request.input.units);
  const result = await summaryOf(services, scope, request);
  await recordAudit(services.pool, actor, {
    // A CSV is data leaving the system; a JSON answer is a screen being read (the dashboard, each change of its filters).
    action: request.input.format === "csv" ? "summary.exported" : "summary.viewed",
    entityType: "summary",
    entityId: request.report,
    details: { format: request.input.format, filters: request.input, units: scope.unitCodes },
  });
  return result;
}
