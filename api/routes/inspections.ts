import { Router } from "express";
import { listInspectionsSchema, recordInspectionSchema } from "../../core/inspections/inspection-schemas.js";
import { getInspection, listInspections } from "../../core/inspections/list-inspections.js";
import { recordInspection } from "../../core/inspections/record-inspection.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function inspectionRoutes(services: Services): Router {
  const router = Router();
  const officers = guard(services, { kind: "unit", roles: ["officer"] });
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  describeRoute(router, "POST", "/v1/units/:unitCode/inspections", { tag: "inspections", summary: "Record an inspection of a shipment", body: recordInspectionSchema, responses: { 201: "the inspection" } });
  router.post("/v1/units/:unitCode/inspections", officers, async (req, res) => {
    const input = parseOrThrow(recordInspectionSchema, req.body);
    res.status(201).json(await recordInspection(services, unitOf(req), principalOf(req), input, actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/inspections", { tag: "inspections", summary: "The unit's inspections", query: listInspectionsSchema, responses: { 200: "inspections" } });
  router.get("/v1/units/:unitCode/inspections", readers, async (req, res) => {
    res.json(await listInspections(services, unitOf(req), principalOf(req), parseOrThrow(listInspectionsSchema, req.query, "query")));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/inspections/:inspectionId", { tag: "inspections", summary: "One inspection", responses: { 200: "the inspection" } });
  router.get("/v1/units/:unitCode/inspections/:inspectionId", readers, async (req, res) => {
    res.json(await getInspection(services, unitOf(req), principalOf(req), String(req.params.inspectionId)));
  });
  return router;
}
