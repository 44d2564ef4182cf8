// Profile builds: an analyst asks for a profile learned from the unit's
// inspected history; the answer is the analysis job to poll. The unit's
// recent builds are listed for the build screen to reopen.
import { Router } from "express";
import { listProfileBuilds, listProfileBuildsSchema } from "../../core/builds/list-profile-builds.js";
import { profileBuildRequestSchema } from "../../core/builds/profile-build-request.js";
import { startProfileBuild } from "../../core/builds/start-profile-build.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { actorOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function profileBuildRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "POST", "/v1/units/:unitCode/profile-builds", { tag: "analysis", summary: "Learn a draft profile from the unit's inspected history", body: profileBuildRequestSchema, responses: { 202: "the analysis job to poll", 429: "rate limited" } });
  router.post(
    "/v1/units/:unitCode/profile-builds",
    guard(services, { kind: "unit", roles: ["analyst"] }),
    rateLimit(services, { name: "profile build", limit: services.config.EXPENSIVE_RATE_LIMIT, windowSeconds: 60 }),
    async (req, res) => {
      const request = parseOrThrow(profileBuildRequestSchema, req.body ?? {});
      const started = await startProfileBuild(services, unitOf(req), request, actorOf(req));
      res.status(202).location(started.location).json({ jobId: started.jobId, status: started.status });
    },
  );
  describeRoute(router, "GET", "/v1/units/:unitCode/profile-builds", { tag: "analysis", summary: "The unit's recent profile builds, newest first, with who started each and its headline figures, a page at a time (limit, then cursor: the previous page's nextCursor; a cursor this API did not give is a 400 naming query.cursor)", query: listProfileBuildsSchema, responses: { 200: "builds (items, nextCursor: null on the last page)" } });
  router.get("/v1/units/:unitCode/profile-builds", guard(services, { kind: "unit", roles: ["analyst"] }), async (req, res) => {
    res.json(await listProfileBuilds(services, unitOf(req), parseOrThrow(listProfileBuildsSchema, req.query, "query")));
  });
  return router;
}
