// History imports: the raw body (CSV or JSON lines) is streamed to the use
// case, never parsed or buffered here, and only once the caller is authorised.
import { Router, type Request } from "express";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { getHistoryImport } from "../../core/history/get-history-import.js";
import { HISTORY_FORMATS } from "../../core/history/history-mapping.js";
import { receiveHistoryUpload } from "../../core/history/receive-history-upload.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const uploadQuery = z.strictObject({
  format: z.enum(HISTORY_FORMATS, { message: `one of ${HISTORY_FORMATS.join(", ")}` }),
  /** format=custom: JSON object, target field → source column. */
  mapping: z.string().max(10_000).optional(),
  fileName: z.string().max(200).optional(),
});

function mappingOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("validation_failed", "mapping is not valid JSON", { errors: [{ path: "mapping", message: "expected a JSON object of target field → source column" }] });
  }
}

/** A rejected upload stops being read: the rest of the body is discarded and the connection closed. */
function discardRest(req: Request): void {
  if (req.complete) return;
  req.res?.setHeader("Connection", "close");
  req.resume();
}

export function historyImportRoutes(services: Services): Router {
  const router = Router();
  describeRoute(router, "POST", "/v1/units/:unitCode/history-imports", { tag: "history", summary: "Upload inspected history (CSV or JSON lines), streamed", query: uploadQuery, body: { contentType: "text/csv", description: "CSV (text/csv) or JSON lines (application/x-ndjson) in the given format" }, responses: { 202: "the import, processed in the background", 413: "over HISTORY_UPLOAD_LIMIT" } });
  router.post("/v1/units/:unitCode/history-imports", guard(services, { kind: "unit", roles: ["analyst"] }), async (req, res) => {
    try {
      const query = parseOrThrow(uploadQuery, req.query, "query");
      const length = req.get("content-length");
      const answer = await receiveHistoryUpload(services, {
        unit: unitOf(req),
        format: query.format,
        mapping: mappingOf(query.mapping),
        contentType: req.get("content-type"),
        contentLength: length === undefined ? undefined : Number(length),
        fileName: query.fileName,
        body: req,
        actor: actorOf(req),
      });
      res.status(answer.status).location(`/v1/units/${unitOf(req).code}/history-imports/${answer.body.importId}`).json(answer.body);
    } catch (error) {
      discardRest(req);
      throw error;
    }
  });

  describeRoute(router, "GET", "/v1/units/:unitCode/history-imports/:importId", { tag: "history", summary: "Status and counts of a history import", responses: { 200: "the import" } });
  router.get("/v1/units/:unitCode/history-imports/:importId", guard(services, { kind: "unit", roles: ["analyst"] }), async (req, res) => {
    res.json(await getHistoryImport(services, unitOf(req), String(req.params.importId)));
  });
  return router;
}
