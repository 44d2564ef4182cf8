// Programme managers' summaries. Any caller may ask; the scope is the units
// their manager memberships cover (none for a caller who is not a manager).
import { Router, type Response } from "express";
import { kpiSchema } from "../../core/summaries/kpi-summary.js";
import { runSummary, type SummaryRequest } from "../../core/summaries/run-summary.js";
import {
  dashboardSchema,
  pilotSchema,
  profileSummarySchema,
  referralSummarySchema,
  seizureSummarySchema,
  seizureTrendSchema,
} from "../../core/summaries/summary-schemas.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { actorOf, principalOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

function send(res: Response, report: string, format: "json" | "csv", result: { json: object; csv: () => string }): void {
  if (format === "csv") {
    res.type("text/csv; charset=utf-8").setHeader("Content-Disposition", `attachment; filename="${report}-summary.csv"`);
    res.send(result.csv());
  } else {
    res.json(result.json);
  }
}

export function summaryRoutes(services: Services): Router {
  const router = Router();
  const managers = guard(services, { kind: "manager" });
  const limited = rateLimit(services, { name: "summaries", limit: services.config.EXPENSIVE_RATE_LIMIT, windowSeconds: 60 });
  const parse = {
    seizures: (query: unknown): SummaryRequest => ({ report: "seizures", input: parseOrThrow(seizureSummarySchema, query, "query") }),
    referrals: (query: unknown): SummaryRequest => ({ report: "referrals", input: parseOrThrow(referralSummarySchema, query, "query") }),
    profiles: (query: unknown): SummaryRequest => ({ report: "profiles", input: parseOrThrow(profileSummarySchema, query, "query") }),
    pilot: (query: unknown): SummaryRequest => ({ report: "pilot", input: parseOrThrow(pilotSchema, query, "query") }),
    "seizures-over-time": (query: unknown): SummaryRequest => ({ report: "seizures-over-time", input: parseOrThrow(seizureTrendSchema, query, "query") }),
  };
  const schemas = { seizures: seizureSummarySchema, referrals: referralSummarySchema, profiles: profileSummarySchema, pilot: pilotSchema, "seizures-over-time": seizureTrendSchema };
  for (const report of ["seizures", "referrals", "profiles", "pilot", "seizures-over-time"] as const) {
    describeRoute(router, "GET", `/v1/summaries/${report}`, {
      tag: "summaries",
      summary: `Programme summary of ${report} over the manager's units (JSON or CSV)`,
      query: schemas[report],
      responses: { 200: "the summary", 429: "rate limited" },
      produces: ["application/json", "text/csv"],
    });
    router.get(`/v1/summaries/${report}`, managers, limited, async (req, res) => {
      const request = parse[report](req.query);
      send(res, report, request.input.format, await runSummary(services, principalOf(req), request, actorOf(req)));
    });
  }
  describeRoute(router, "GET", "/v1/summaries/kpis", {
    tag: "summaries",
    summary:
      "Headline figures over a period (default: the last 90 days) and the previous period of equal length: seizures and quantity by commodity, " +
      "referral follow-up rate, referrals overdue at the end of each period, hit rate of inspections; each with its change",
    query: kpiSchema,
    responses: { 200: "the KPI figures", 429: "rate limited" },
  });
  router.get("/v1/summaries/kpis", managers, limited, async (req, res) => {
    const input = parseOrThrow(kpiSchema, req.query, "query");
    res.json((await runSummary(services, principalOf(req), { report: "kpis", input }, actorOf(req))).json);
  });
  describeRoute(router, "GET", "/v1/summaries/dashboard", {
    tag: "summaries",
    summary: "Every block of the managers' dashboard (KPI tiles, seizures by a grouping and over time, referral funnel, profile performance, pilot list) in one response",
    query: dashboardSchema,
    responses: { 200: "the dashboard", 429: "rate limited" },
  });
  router.get("/v1/summaries/dashboard", managers, limited, async (req, res) => {
    const input = parseOrThrow(dashboardSchema, req.query, "query");
    res.json((await runSummary(services, principalOf(req), { report: "dashboard", input }, actorOf(req))).json);
  });
  return router;
}
