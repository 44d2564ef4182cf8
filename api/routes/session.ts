// Web sign-in and sign-out. Sign-in is public and throttled per account and
// address with backoff (core/auth/sign-in-throttle.ts); its answer carries
// what GET /v1/me and GET /v1/units answer for the new session, so the web
// client starts its first screen's reads at once instead of asking for them
// one after the other. Sign-out revokes the session token it is called with.
import { Router } from "express";
import { revokeToken } from "../../core/admin/manage-tokens.js";
import { authenticate } from "../../core/auth/authenticate.js";
import { describeCaller } from "../../core/auth/describe-caller.js";
import { isSessionToken, signIn, signInSchema } from "../../core/auth/sign-in.js";
import { conflict } from "../../core/errors.js";
import { listUnits } from "../../core/units/list-units.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, requestIdOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function sessionRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "POST", "/v1/session", {
    tag: "users",
    summary: "Sign in with user name and password: a session token valid 12 hours",
    body: signInSchema,
    responses: { 201: "token, expiresAt, username; me and units as GET /v1/me and GET /v1/units answer them for this session", 429: "too many failed sign-ins for this account or address: wait Retry-After seconds" },
  });
  router.post("/v1/session", guard(services, { kind: "public" }), async (req, res) => {
    const input = parseOrThrow(signInSchema, req.body ?? {});
    const actor = { ip: req.ip, requestId: requestIdOf(req) };
    const session = await signIn(services, input, actor);
    // The principal the session's own calls will have: the same rules decide what it may see.
    const principal = await authenticate(services, `Bearer ${session.token}`, actor);
    const [me, units] = await Promise.all([describeCaller(services, principal), listUnits(services, principal)]);
    res.status(201).json({ ...session, me, units: units.items });
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
