// The BullMQ dashboard (bull-board) at /admin/queues, admins only. Its assets
// ship in the npm package and are served from here (no CDN). The mounted app
// is opaque to the route catalog: one entry stands for it, with the admin
// guard that sits in front of everything under the prefix.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { Router, type RequestHandler } from "express";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import type { MountedApp } from "../route-catalog.js";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/** The dashboard is a script app: loosen the API's CSP for its own origin only. */
const dashboardHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  );
  next();
};

export function queueDashboard(services: Services): Router & MountedApp {
  const adapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [services.queues.scoring, services.queues.maintenance, services.queues.analysis].map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "Portcullis queues" } },
  });
  const policy = { kind: "admin" } as const;
  const router = Router();
  router.use(guard(services, policy), dashboardHeaders, adapter.getRouter() as RequestHandler);
  return Object.assign(router, {
    catalog: {
      method: "GET",
      path: QUEUE_DASHBOARD_PATH,
      policy,
      doc: {
        tag: "operations",
        summary: "BullMQ queue dashboard (bull-board UI and its /api, admins only)",
        responses: { 200: "HTML application" },
        produces: ["text/html"],
      },
    },
  });
}
