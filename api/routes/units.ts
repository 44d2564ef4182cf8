import { Router } from "express";
import type { Services } from "../../core/services.js";
import { listUnits } from "../../core/units/list-units.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { principalOf } from "../request-context.js";

export function unitRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/v1/units", { tag: "units", summary: "The control units the caller belongs to, and their agencies", responses: { 200: "units" } });
  router.get("/v1/units", guard(services, { kind: "authenticated" }), async (req, res) => {
    res.json(await listUnits(services, principalOf(req)));
  });
  return router;
}
