// HTTP latency by route pattern: `req.route.path` (e.g. /v1/units/:unitCode/shipments),
// never the raw URL, so label cardinality stays bounded.
import type { RequestHandler } from "express";
import { httpRequestDuration } from "../../core/metrics/api-metrics.js";

export const httpMetrics: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const route = (req.route as { path?: unknown } | undefined)?.path;
    const pattern = typeof route === "string" ? route : req.baseUrl ? `${req.baseUrl}/*` : "unmatched";
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpRequestDuration().observe({ method: req.method, route: pattern, status: String(res.statusCode) }, seconds);
  });
  next();
};
