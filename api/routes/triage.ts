import { Router } from "express";
import { z } from "zod";
import type { Services } from "../../core/services.js";
import { assignContainer, decideContainer, getDecision, listUnitOfficers } from "../../core/triage/decide-container.js";
import { queueCountsWithRescoring } from "../../core/triage/counts-with-rescoring.js";
import { arrivingVoyages } from "../../core/triage/queue-overview.js";
import { getSelectionTargets, selectionTargetsSchema, setSelectionTargets } from "../../core/triage/selection-targets.js";
import { assignmentSchema, decisionSchema } from "../../core/triage/triage-schemas.js";
import { sendBoardAnswer } from "../board-answer.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";
import { queueFilterFields } from "./queue-query.js";

const countsQuery = z.strictObject(queueFilterFields);
const voyagesQuery = z.strictObject({ withinHours: z.coerce.number().int().min(1, "at least 1 hour").max(24 * 14, "at most 14 days").default(72) });

export function triageRoutes(services: Services): Router {
  const router = Router();
  const officers = guard(services, { kind: "unit", roles: ["officer"] });
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  const analysts = guard(services, { kind: "unit", roles: ["analyst"] });

  describeRoute(router, "GET", "/v1/units/:unitCode/queue/voyages", { tag: "triage", summary: "Vessels and flights arriving within the next hours (72 by default) with their containers counted by band and decision", query: voyagesQuery, responses: { 200: "voyages" } });
  router.get("/v1/units/:unitCode/queue/voyages", readers, async (req, res) => {
    const { withinHours } = parseOrThrow(voyagesQuery, req.query, "query");
    const unit = unitOf(req);
    await sendBoardAnswer(services, res, unit.id, "voyages", withinHours, async () => ({ withinHours, items: await arrivingVoyages(services, unit, withinHours) }));
  });

  describeRoute(router, "GET", "/v1/units/:unitCode/queue/counts", { tag: "triage", summary: "Counts by band and decision and a score histogram for the queue's filters, and rescoring: how many of the unit's containers (whatever the filters) wait in a re-score after a profile change, shown meanwhile with their previous score and band", query: countsQuery, responses: { 200: "counts, with rescoring (0 when no re-score is under way)" } });
  router.get("/v1/units/:unitCode/queue/counts", readers, async (req, res) => {
    const filters = parseOrThrow(countsQuery, req.query, "query");
    const assignee = filters.assignee === "me" ? principalOf(req).userId : filters.assignee;
    const unit = unitOf(req);
    await sendBoardAnswer(services, res, unit.id, "counts", { ...filters, assignee }, () => queueCountsWithRescoring(services, unit, { ...filters, assignee }));
  });

  describeRoute(router, "GET", "/v1/units/:unitCode/shipments/:shipmentId/decision", { tag: "triage", summary: "The decision on a container and its assignee", responses: { 200: "the decision" } });
  router.get("/v1/units/:unitCode/shipments/:shipmentId/decision", readers, async (req, res) => {
    res.json(await getDecision(services, unitOf(req), String(req.params.shipmentId)));
  });

  describeRoute(router, "PUT", "/v1/units/:unitCode/shipments/:shipmentId/decision", { tag: "triage", summary: "Hold a container for inspection or release it (with a reason); refused if it changed since the officer saw it", body: decisionSchema, responses: { 200: "the decision", 409: "decided meanwhile, or already inspected" } });
  router.put("/v1/units/:unitCode/shipments/:shipmentId/decision", officers, async (req, res) => {
    const input = parseOrThrow(decisionSchema, req.body);
    res.json(await decideContainer(services, unitOf(req), principalOf(req), String(req.params.shipmentId), input, actorOf(req)));
  });

  describeRoute(router, "PUT", "/v1/units/:unitCode/shipments/:shipmentId/assignee", { tag: "triage", summary: "Assign a container to an officer of the unit (null to unassign)", body: assignmentSchema, responses: { 200: "the decision" } });
  router.put("/v1/units/:unitCode/shipments/:shipmentId/assignee", officers, async (req, res) => {
    const input = parseOrThrow(assignmentSchema, req.body);
    res.json(await assignContainer(services, unitOf(req), String(req.params.shipmentId), input, actorOf(req)));
  });

  describeRoute(router, "GET", "/v1/units/:unitCode/officers", { tag: "triage", summary: "The unit's active officers, who can be assigned containers", responses: { 200: "officers" } });
  router.get("/v1/units/:unitCode/officers", readers, async (req, res) => {
    res.json({ items: await listUnitOfficers(services, unitOf(req)) });
  });

  describeRoute(router, "GET", "/v1/units/:unitCode/selection-targets", { tag: "triage", summary: "Shares of containers held for inspection and checked on documents, per transport mode (defaults where not set)", responses: { 200: "targets" } });
  router.get("/v1/units/:unitCode/selection-targets", readers, async (req, res) => {
    res.json({ items: await getSelectionTargets(services, unitOf(req)) });
  });

  describeRoute(router, "PUT", "/v1/units/:unitCode/selection-targets", { tag: "triage", summary: "Set the selection targets of one or more transport modes; the queue's bands follow at once", body: selectionTargetsSchema, responses: { 200: "targets" } });
  router.put("/v1/units/:unitCode/selection-targets", analysts, async (req, res) => {
    const input = parseOrThrow(selectionTargetsSchema, req.body);
    res.json({ items: await setSelectionTargets(services, unitOf(req), principalOf(req), input, actorOf(req)) });
  });
  return router;
}
