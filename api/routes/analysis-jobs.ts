import { Router } from "express";
import { getAnalysisJob } from "../../core/analysis/analysis-jobs.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { unitOf } from "../request-context.js";

export function analysisJobRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/v1/units/:unitCode/analysis-jobs/:jobId", { tag: "analysis", summary: "Progress and result of a back-test, comparison or profile build", responses: { 200: "the job" } });
  router.get("/v1/units/:unitCode/analysis-jobs/:jobId", guard(services, { kind: "unit", roles: ["analyst", "officer"] }), async (req, res) => {
    res.json(await getAnalysisJob(services, unitOf(req), String(req.params.jobId)));
  });
  return router;
}
