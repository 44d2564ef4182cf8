// The watched inboxes for the admin overview: watchers and their heartbeats,
// counts by status and kind, the latest failures (see core/inbox/inbox-overview.ts).
import { Router } from "express";
import { listInboxes } from "../../core/inbox/inbox-overview.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";

export function inboxAdminRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/v1/admin/inboxes", {
    tag: "admin",
    summary: "Watched inboxes (`inbox watch`): watchers with heartbeats, files done, failed and processing by kind, latest failures",
    responses: { 200: "the inboxes, by unit and directory" },
  });
  router.get("/v1/admin/inboxes", guard(services, { kind: "admin" }), async (_req, res) => {
    res.json(await listInboxes(services.pool));
  });
  return router;
}
