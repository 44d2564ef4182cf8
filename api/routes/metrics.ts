// Prometheus scrape endpoint of the API process. Process metrics and HTTP
// latencies are this process's; backlog gauges (queue depth, pending and
// failed shipments, overdue referrals) are read from PostgreSQL and Redis at
// scrape time, so they hold for the whole deployment. Worker processes serve
// their own job metrics (WORKER_METRICS_PORT).
import { timingSafeEqual } from "node:crypto";
import { Router, type RequestHandler } from "express";
import { refreshBacklogGauges } from "../../core/metrics/backlog-gauges.js";
import { refreshInboxGauges } from "../../core/metrics/inbox-gauges.js";
import { metricsRegistry } from "../../core/metrics/registry.js";
import type { Services } from "../../core/services.js";
import { guard, type GuardHandler } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The scrape token (METRICS_TOKEN) or an admin's token. Declared to the route
 * catalog as the admin policy: the scrape token is an extra, narrower credential.
 */
function scrapeGuard(services: Services): GuardHandler {
  const admin = guard(services, { kind: "admin" });
  const token = services.config.METRICS_TOKEN;
  const handler: RequestHandler = (req, res, next) => {
    const header = req.get("authorization") ?? "";
    if (token && header.startsWith("Bearer ") && sameSecret(header.slice(7), token)) return next();
    return admin(req, res, next);
  };
  return Object.assign(handler, { policy: admin.policy });
}

export function metricsRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/metrics", {
    tag: "operations",
    summary: "Prometheus metrics (scrape token METRICS_TOKEN or an admin token)",
    responses: { 200: "text exposition format" },
    produces: ["text/plain"],
  });
  router.get("/metrics", scrapeGuard(services), async (_req, res) => {
    await refreshBacklogGauges(services);
    // A scrape still answers when the inbox query fails (the backlog gauges report the database as down).
    await refreshInboxGauges(services).catch(() => undefined);
    const registry = metricsRegistry();
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
