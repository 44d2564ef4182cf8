import { Router } from "express";
import { listNotifications, listNotificationsSchema, markNotificationRead } from "../../core/notifications/list-notifications.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function notificationRoutes(services: Services): Router {
  const router = Router();
  const members = guard(services, { kind: "unit", roles: ["officer", "analyst", "manager"] });
  describeRoute(router, "GET", "/v1/units/:unitCode/notifications", { tag: "notifications", summary: "The unit's notifications", query: listNotificationsSchema, responses: { 200: "notifications" } });
  router.get("/v1/units/:unitCode/notifications", members, async (req, res) => {
    res.json(await listNotifications(services, unitOf(req), principalOf(req), parseOrThrow(listNotificationsSchema, req.query, "query")));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/notifications/:notificationId/read", { tag: "notifications", summary: "Mark a notification read", responses: { 200: "the notification" } });
  router.post("/v1/units/:unitCode/notifications/:notificationId/read", members, async (req, res) => {
    res.json(await markNotificationRead(services, unitOf(req), principalOf(req), String(req.params.notificationId)));
  });
  return router;
}
