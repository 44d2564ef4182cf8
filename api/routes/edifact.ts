// UN/EDIFACT over HTTP: the CUSCAR branch of POST /v1/units/{unitCode}/manifests
// (mounted inside the manifests route, after its guard and rate limit), the
// stored reply by control reference, and each unit's mapping settings.
import express, { Router, type RequestHandler } from "express";
import { z } from "zod";
import { decodeInterchange } from "../../core/edifact/decode-interchange.js";
import type { InterchangeResult } from "../../core/edifact/interchange-outcome.js";
import { edifactMappingSettingsSchema, getMappingSettings, setMappingSettings } from "../../core/edifact/mapping-settings.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { getInterchangeReply } from "../../core/edifact/stored-interchanges.js";
import { findUnit } from "../../core/units/find-unit.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { jsonBody } from "../middleware/request-body.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export const EDIFACT_CONTENT_TYPE = "application/edifact";

/**
 * 400 a CONTRL (syntax: nothing stored), 422 every message rejected, 200 every
 * message already stored, 202 otherwise (accepted, possibly in part: the
 * CUSRES says which message was rejected).
 */
export function interchangeStatus(result: InterchangeResult): 200 | 202 | 400 | 422 {
  if (result.replyKind === "CONTRL") return 400;
  if (result.messages.every((m) => m.status === "rejected")) return 422;
  if (result.messages.every((m) => m.status === "duplicate") || result.duplicate) return 200;
  return 202;
}

/** Replies as EDIFACT, or as the JSON outcome when the client asks for JSON first (the web upload). */
function sendReply(req: express.Request, res: express.Response, result: InterchangeResult, status: number): void {
  if (result.controlReference) res.set("X-Interchange-Control-Reference", result.controlReference);
  if (req.accepts([EDIFACT_CONTENT_TYPE, "application/json"]) === "application/json") res.status(status).json(result);
  else res.status(status).type(EDIFACT_CONTENT_TYPE).send(result.reply);
}

/** The manifests route's EDIFACT branch: JSON requests pass on untouched. */
export function edifactManifestBranch(services: Services): RequestHandler {
  const raw = express.raw({ type: EDIFACT_CONTENT_TYPE, limit: services.config.MANIFEST_BODY_LIMIT });
  return (req, res, next) => {
    if (!req.is(EDIFACT_CONTENT_TYPE)) return next();
    raw(req, res, (error?: unknown) => {
      if (error) return next(error);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      receiveInterchange(services, { unitCode: unitOf(req).code, text: decodeInterchange(bytes), actor: actorOf(req), source: "http" }).then(
        (result) => {
          if (result.controlReference) res.location(`/v1/units/${unitOf(req).code}/interchanges/${encodeURIComponent(result.controlReference)}`);
          sendReply(req, res, result, interchangeStatus(result));
        },
        next,
      );
    });
  };
}

const replyQuery = z.strictObject({ sender: z.string().trim().min(1).max(35).optional() });

export function edifactRoutes(services: Services): Router {
  const router = Router();
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  const analysts = guard(services, { kind: "unit", roles: ["analyst"] });
  const admin = guard(services, { kind: "admin" });
  const body = jsonBody(services.config.DEFAULT_BODY_LIMIT);

  describeRoute(router, "GET", "/v1/units/:unitCode/interchanges/:controlReference", { tag: "manifests", summary: "The reply (CONTRL or CUSRES) sent for an EDIFACT interchange, by its control reference", query: replyQuery, responses: { 200: "the reply as application/EDIFACT, or the outcome as JSON with Accept: application/json" }, produces: [EDIFACT_CONTENT_TYPE, "application/json"] });
  router.get("/v1/units/:unitCode/interchanges/:controlReference", readers, async (req, res) => {
    const query = parseOrThrow(replyQuery, req.query, "query");
    const stored = await getInterchangeReply(services, unitOf(req), String(req.params.controlReference), query.sender);
    if (req.accepts([EDIFACT_CONTENT_TYPE, "application/json"]) === "application/json") res.json(stored);
    else res.set("X-Interchange-Control-Reference", stored.controlReference ?? "").type(EDIFACT_CONTENT_TYPE).send(stored.reply);
  });

  const settingsDoc = "Qualifier choices of national CUSCAR guides: LOC qualifiers read as transhipment, the forwarder's NAD qualifier, where the IMO number sits. Without settings the standard's defaults apply.";
  describeRoute(router, "GET", "/v1/units/:unitCode/edifact-mapping", { tag: "manifests", summary: "The unit's EDIFACT mapping settings", description: settingsDoc, responses: { 200: "settings (defaults when never set)" } });
  router.get("/v1/units/:unitCode/edifact-mapping", readers, async (req, res) => {
    res.json(await getMappingSettings(services, unitOf(req)));
  });
  describeRoute(router, "PUT", "/v1/units/:unitCode/edifact-mapping", { tag: "manifests", summary: "Set the unit's EDIFACT mapping settings", description: settingsDoc, body: edifactMappingSettingsSchema, responses: { 200: "the stored settings" } });
  router.put("/v1/units/:unitCode/edifact-mapping", analysts, body, async (req, res) => {
    const settings = parseOrThrow(edifactMappingSettingsSchema, req.body);
    res.json(await setMappingSettings(services, unitOf(req), settings, actorOf(req)));
  });

  describeRoute(router, "GET", "/v1/admin/units/:unitCode/edifact-mapping", { tag: "admin", summary: "A unit's EDIFACT mapping settings (admin)", description: settingsDoc, responses: { 200: "settings (defaults when never set)" } });
  router.get("/v1/admin/units/:unitCode/edifact-mapping", admin, async (req, res) => {
    res.json(await getMappingSettings(services, await findUnit(services, String(req.params.unitCode))));
  });
  describeRoute(router, "PUT", "/v1/admin/units/:unitCode/edifact-mapping", { tag: "admin", summary: "Set a unit's EDIFACT mapping settings (admin)", description: settingsDoc, body: edifactMappingSettingsSchema, responses: { 200: "the stored settings" } });
  router.put("/v1/admin/units/:unitCode/edifact-mapping", admin, body, async (req, res) => {
    const settings = parseOrThrow(edifactMappingSettingsSchema, req.body);
    const unit = await findUnit(services, String(req.params.unitCode));
    res.json(await setMappingSettings(services, unit, settings, actorOf(req)));
  });
  return router;
}
