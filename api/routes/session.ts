// Web sign-in and sign-out. Sign-in is public and rate limited per client
// address; sign-out revokes the session token it is called with.
import { Router } from "express";
import { revokeToken } from "../../core/admin/manage-tokens.js";
import { isSessionToken, signIn, signInSchema } from "../../core/auth/sign-in.js";
import { conflict } from "../../core/errors.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, requestIdOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

/** Sign-in attempts per client address per minute (an office behind one NAT address shares it). */
export const SIGN_IN_PER_MINUTE = 20;

export function sessionRoutes(services: Services): Router {
  const router = Router();
  const limited = rateLimit(services, { name: "sign-in", limit: SIGN_IN_PER_MINUTE, windowSeconds: 60 });
  describeRoute(router, "POST", "/v1/session", {
    tag: "users",
    summary: "Sign in with user name and password: a session token valid 12 hours",
    body: signInSchema,
    responses: { 201: "token, expiresAt, username", 429: "rate limited" },
  });
  router.post("/v1/session", guard(services, { kind: "public" }), limited, async (req, res) => {
    const input = parseOrThrow(signInSchema, req.body ?? {});
    res.status(201).json(await signIn(services, input, { ip: req.ip, requestId: requestIdOf(req) }));
  });
  describeRoute(router, "DELETE", "/v1/session", { tag: "users", summary: "Sign out: revoke the session token of this call", responses: { 204: "signed out" } });
  router.delete("/v1/session", guard(services, { kind: "authenticated" }), async (req, res) => {
    const principal = principalOf(req);
    if (!(await isSessionToken(services, principal.tokenId))) {
      throw conflict("this is an API token, not a web session: revoke it through the admin API");
    }
    await revokeToken(services, principal.tokenId, actorOf(req));
    res.status(204).end();
  });
  return router;
}
