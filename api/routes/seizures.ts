import { Router } from "express";
import { getSeizure, listSeizures } from "../../core/seizures/get-seizure.js";
import { recordSeizure } from "../../core/seizures/record-seizure.js";
import { listSeizuresSchema, recordSeizureSchema } from "../../core/seizures/seizure-schemas.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function seizureRoutes(services: Services): Router {
  const router = Router();
  const officers = guard(services, { kind: "unit", roles: ["officer"] });
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst", "manager"] });
  describeRoute(router, "POST", "/v1/units/:unitCode/seizures", { tag: "seizures", summary: "Record a seizure", body: recordSeizureSchema, responses: { 201: "the seizure" } });
  router.post("/v1/units/:unitCode/seizures", officers, async (req, res) => {
    const input = parseOrThrow(recordSeizureSchema, req.body);
    res.status(201).json(await recordSeizure(services, unitOf(req), principalOf(req), input, actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/seizures", { tag: "seizures", summary: "The unit's seizures", query: listSeizuresSchema, responses: { 200: "seizures" } });
  router.get("/v1/units/:unitCode/seizures", readers, async (req, res) => {
    res.json(await listSeizures(services, unitOf(req), principalOf(req), parseOrThrow(listSeizuresSchema, req.query, "query")));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/seizures/:seizureId", { tag: "seizures", summary: "One seizure", responses: { 200: "the seizure" } });
  router.get("/v1/units/:unitCode/seizures/:seizureId", readers, async (req, res) => {
    res.json(await getSeizure(services, unitOf(req), principalOf(req), String(req.params.seizureId)));
  });
  return router;
}
