import { Router } from "express";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { principalOf } from "../request-context.js";

export function meRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/v1/me", { tag: "users", summary: "The caller: agency and memberships", responses: { 200: "the caller" } });
  router.get("/v1/me", guard(services, { kind: "authenticated" }), async (req, res) => {
    const principal = principalOf(req);
    const user = await services.prisma.user.findUniqueOrThrow({ where: { id: principal.userId }, include: { agency: true, memberships: { include: { unit: true } } } });
    res.json({
      username: user.username,
      displayName: user.displayName,
      agency: { code: user.agency.code, name: user.agency.name },
      memberships: user.memberships.map((m) => ({ role: m.role, unitCode: m.unit?.code ?? null, programme: m.programme, country: m.country })),
    });
  });
  return router;
}
