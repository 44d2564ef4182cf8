import { Router } from "express";
import { describeCaller } from "../../core/auth/describe-caller.js";
import { changeOwnPassword, changeOwnPasswordSchema } from "../../core/auth/change-own-password.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function meRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "GET", "/v1/me", { tag: "users", summary: "The caller: agency and memberships", responses: { 200: "the caller" } });
  router.get("/v1/me", guard(services, { kind: "authenticated" }), async (req, res) => {
    res.json(await describeCaller(services, principalOf(req)));
  });
  describeRoute(router, "POST", "/v1/me/password", { tag: "users", summary: "Change your own password (required after signing in with a one-time password); your other web sessions end", body: changeOwnPasswordSchema, responses: { 200: "changed" } });
  router.post("/v1/me/password", guard(services, { kind: "authenticated" }), async (req, res) => {
    const input = parseOrThrow(changeOwnPasswordSchema, req.body);
    res.json(await changeOwnPassword(services, principalOf(req), input, actorOf(req)));
  });
  return router;
}
