import { Router } from "express";
import { acknowledgeAlert, getAlert, listAlertMatches, listAlerts, replyToAlert } from "../../core/alerts/alert-inbox.js";
import { listAlertsSchema, replySchema, sendAlertSchema } from "../../core/alerts/alert-schemas.js";
import { sendAlert } from "../../core/alerts/send-alert.js";
import type { Services } from "../../core/services.js";
import { z } from "zod";
import { guard } from "../middleware/guard.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const matchesQuery = z.strictObject({
  alertId: z.uuid("expected an alert id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function alertRoutes(services: Services): Router {
  const router = Router();
  const members = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  router.post("/v1/units/:unitCode/alerts", members, async (req, res) => {
    const input = parseOrThrow(sendAlertSchema, req.body);
    res.status(201).json(await sendAlert(services, unitOf(req), principalOf(req), input, actorOf(req)));
  });
  router.get("/v1/units/:unitCode/alerts", members, async (req, res) => {
    res.json(await listAlerts(services, unitOf(req), parseOrThrow(listAlertsSchema, req.query, "query")));
  });
  router.get("/v1/units/:unitCode/alert-matches", members, async (req, res) => {
    res.json(await listAlertMatches(services, unitOf(req), parseOrThrow(matchesQuery, req.query, "query")));
  });
  router.get("/v1/units/:unitCode/alerts/:alertId", members, async (req, res) => {
    res.json(await getAlert(services, unitOf(req), String(req.params.alertId)));
  });
  router.post("/v1/units/:unitCode/alerts/:alertId/acknowledge", members, async (req, res) => {
    res.json(await acknowledgeAlert(services, unitOf(req), principalOf(req), String(req.params.alertId), actorOf(req)));
  });
  router.post("/v1/units/:unitCode/alerts/:alertId/replies", members, async (req, res) => {
    const { message } = parseOrThrow(replySchema, req.body);
    res.status(201).json(await replyToAlert(services, unitOf(req), principalOf(req), String(req.params.alertId), message, actorOf(req)));
  });
  return router;
}
