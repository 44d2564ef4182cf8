import { Router } from "express";
import { acknowledgeAlert, getAlert, listAlertMatches, listAlerts, replyToAlert } from "../../core/alerts/alert-inbox.js";
import { listAlertsSchema, replySchema, sendAlertSchema } from "../../core/alerts/alert-schemas.js";
import { sendAlert } from "../../core/alerts/send-alert.js";
import type { Services } from "../../core/services.js";
import { z } from "zod";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const matchesQuery = z.strictObject({
  alertId: z.uuid("expected an alert id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function alertRoutes(services: Services): Router {
  const router = Router();
  const members = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  describeRoute(router, "POST", "/v1/units/:unitCode/alerts", { tag: "alerts", summary: "Send an alert to other units", body: sendAlertSchema, responses: { 201: "the alert" } });
  router.post("/v1/units/:unitCode/alerts", members, async (req, res) => {
    const input = parseOrThrow(sendAlertSchema, req.body);
    res.status(201).json(await sendAlert(services, unitOf(req), principalOf(req), input, actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/alerts", { tag: "alerts", summary: "The unit's alert inbox and sent alerts", query: listAlertsSchema, responses: { 200: "alerts" } });
  router.get("/v1/units/:unitCode/alerts", members, async (req, res) => {
    res.json(await listAlerts(services, unitOf(req), parseOrThrow(listAlertsSchema, req.query, "query")));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/alert-matches", { tag: "alerts", summary: "Shipments of the unit matching received alerts", query: matchesQuery, responses: { 200: "matches" } });
  router.get("/v1/units/:unitCode/alert-matches", members, async (req, res) => {
    res.json(await listAlertMatches(services, unitOf(req), parseOrThrow(matchesQuery, req.query, "query")));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/alerts/:alertId", { tag: "alerts", summary: "One alert with its replies", responses: { 200: "the alert" } });
  router.get("/v1/units/:unitCode/alerts/:alertId", members, async (req, res) => {
    res.json(await getAlert(services, unitOf(req), String(req.params.alertId)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/alerts/:alertId/acknowledge", { tag: "alerts", summary: "Acknowledge a received alert", responses: { 200: "the alert" } });
  router.post("/v1/units/:unitCode/alerts/:alertId/acknowledge", members, async (req, res) => {
    res.json(await acknowledgeAlert(services, unitOf(req), principalOf(req), String(req.params.alertId), actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/alerts/:alertId/replies", { tag: "alerts", summary: "Reply to an alert", body: replySchema, responses: { 201: "the reply" } });
  router.post("/v1/units/:unitCode/alerts/:alertId/replies", members, async (req, res) => {
    const { message } = parseOrThrow(replySchema, req.body);
    res.status(201).json(await replyToAlert(services, unitOf(req), principalOf(req), String(req.params.alertId), message, actorOf(req)));
  });
  return router;
}
