// The managers' dashboard in one request: the KPI tiles, seizures by a grouping, over time,
// the referral funnel (overall and broken down), profile performance per
// version and per indicator, and the pilot list, all over the same period and
// units. One request per view keeps a manager who changes filters within the
// summaries' rate limit; the queries run one after another so a dashboard
// holds one pooled connection at a time.
import type { Services } from "../services.js";
import { kpiSummary } from "./kpi-summary.js";
import { pilotFollowUp } from "./pilot-follow-up.js";
import { profilePerformance } from "./profile-performance.js";
import { referralSummary } from "./referral-summary.js";
import { seizureSummary } from "./seizure-summary.js";
import { seizureTrend } from "./seizure-trend.js";
import type { DashboardInput } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

export async function dashboardSummary(services: Pick<Services, "pool" | "now">, scope: SummaryScope, input: DashboardInput) {
  const common = { from: input.from, to: input.to, units: input.units, format: "json" as const };
  // The commodity narrows the seizure figures and their follow-up; profile performance and the pilot list (its own drug filter) are not per commodity.
  const ofCommodity = { ...common, commodity: input.commodity };
  const kpis = await kpiSummary(services, scope, ofCommodity);
  const seizures = await seizureSummary(services, scope, { ...ofCommodity, groupBy: input.groupBy });
  const overTime = await seizureTrend(services, scope, { ...ofCommodity, interval: input.interval, series: input.series });
  const referrals = await referralSummary(services, scope, { ...ofCommodity, groupBy: "all" });
  const referralsBy = await referralSummary(services, scope, { ...ofCommodity, groupBy: input.funnelBy });
  const profiles = await profilePerformance(services, scope, { ...common, by: "version" });
  const indicators = await profilePerformance(services, scope, { ...common, by: "indicator" });
  const pilot = await pilotFollowUp(services, scope, { ...common, commodity: input.pilotCommodity, followUp: input.pilotFollowUp });
  return {
    json: {
      report: "dashboard",
      period: { from: input.from ?? null, to: input.to ?? null },
      commodity: input.commodity ?? null,
      units: scope.unitCodes,
      kpis: kpis.json,
      seizures: seizures.json,
      overTime: overTime.json,
      referrals: referrals.json,
      referralsBy: referralsBy.json,
      profiles: profiles.json,
      indicators: indicators.json,
      pilot: pilot.json,
    },
    csv: (): string => {
      throw new Error("the dashboard has no CSV: each block exports its own summary");
    },
  };
}
