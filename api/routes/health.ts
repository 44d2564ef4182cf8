import { Router } from "express";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

export function healthRoutes(services: Services): Router {
  const router = Router();
  const open = guard(services, { kind: "public" });
  describeRoute(router, "GET", "/healthz", { tag: "operations", summary: "Liveness: the process is up", responses: { 200: "ok" } });
  router.get("/healthz", open, (_req, res) => {
    res.json({ status: "ok" });
  });
  describeRoute(router, "GET", "/readyz", { tag: "operations", summary: "Readiness: PostgreSQL and Redis answer", responses: { 200: "ready", 503: "a backing service does not answer" } });
  router.get("/readyz", open, async (_req, res) => {
    const [postgres, redis] = await Promise.allSettled([
      withTimeout(services.pool.query("SELECT 1"), 2_000),
      withTimeout(services.redis.ping(), 2_000),
    ]);
    const state = (result: PromiseSettledResult<unknown>) => (result.status === "fulfilled" ? "ok" : "unavailable");
    const ready = postgres.status === "fulfilled" && redis.status === "fulfilled";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", checks: { postgres: state(postgres), redis: state(redis) } });
  });
  return router;
}
