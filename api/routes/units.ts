import { Router } from "express";
import type { Services } from "../../core/services.js";
import { listUnits } from "../../core/units/list-units.js";
import { programmeUnits } from "../../core/units/programme-units.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { principalOf, unitOf } from "../request-context.js";

export function unitRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/v1/units", { tag: "units", summary: "The control units the caller belongs to, and their agencies", responses: { 200: "units" } });
  router.get("/v1/units", guard(services, { kind: "authenticated" }), async (req, res) => {
    res.json(await listUnits(services, principalOf(req)));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/programme-units", {
    tag: "units",
    summary: "The other units of this unit's programme (code, name, locode, country, kind): those a seizure may be referred to (recipient kind programme_unit, its unitCode) and alerts sent to",
    responses: { 200: "programme and units" },
  });
  router.get("/v1/units/:unitCode/programme-units", guard(services, { kind: "unit", roles: ["officer", "analyst", "manager"] }), async (req, res) => {
    res.json(await programmeUnits(services.pool, unitOf(req)));
  });
  return router;
}
