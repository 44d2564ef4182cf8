import { Router } from "express";
import { z } from "zod";
import { getManifest } from "../../core/manifests/get-manifest.js";
import { listManifests } from "../../core/manifests/list-manifests.js";
import { fastManifest } from "../../core/manifests/fast-manifest.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { recordIngest } from "../../core/metrics/api-metrics.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { largeJsonBody } from "../middleware/large-json-body.js";
import { describeRoute } from "../openapi/describe-route.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { edifactManifestBranch } from "./edifact.js";
import { actorOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, "8-128 characters: letters, digits, . _ : -")
  .optional();

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Replaced and cancelled versions are listed only when asked for.
  versions: z.enum(["current", "all"], "expected current or all").default("current"),
  /** nextCursor of the previous page (same versions scope, search and inQueue). */
  cursor: z.string().max(400).optional(),
  // The queue's voyage picker reads by what the officer types; blank lists all.
  q: z
    .string()
    .trim()
    .max(100, "at most 100 characters")
    .optional()
    .describe("search: text in the vessel name, voyage number, manifest reference or flight number (any case, anywhere in them: \"aurora b1n\" finds MSC AURORA voyage B1N), or an arrival day (YYYY-MM-DD) or month (YYYY-MM), which also finds the manifests arriving then; blank lists all"),
  inQueue: z
    .enum(["true", "false"], "expected true or false")
    .transform((v) => v === "true")
    .optional()
    .describe("true: only manifests with a container in the officers' queue (what the queue's manifest filter offers); false: only those without (past voyages of the unit's history, staged manifests before their first rows)"),
});

export function manifestRoutes(services: Services): Router {
  const router = Router();
  const schema = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS);
  // A mega-vessel's manifest is several MB: this route alone gets the large limit,
  // and its body is read only after the caller is authorised.
  // Not walked by the reader: the fast path checks each text it accepts, parseOrThrow walks the rest (request-body.ts).
  // Read into a buffer kept for the next manifest (large-json-body.ts).
  const largeJson = largeJsonBody(services.config.MANIFEST_BODY_LIMIT);
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst"] });

  describeRoute(router, "POST", "/v1/units/:unitCode/manifests", { tag: "manifests", summary: "Ingest a vessel or flight manifest", description: "Validated in full before any answer, then stored in one transaction; every shipment is then scored by the worker pool. A manifest of MANIFEST_STAGED_FROM shipments or more (4,000 by default) is answered 202 once the manifest and its validated content are committed, with state \"expanding\": a worker then writes its shipment rows (GET the manifest: state \"expanding\", then \"stored\"), and its containers reach the queue as they are written. The same manifestRef again: 200 duplicate when identical, 409 when different, also while expanding.", headers: { "Idempotency-Key": { schema: idempotencyKey, description: "a repeat returns the first answer; another body with the same key is 409" } }, body: schema, alternativeBodies: [{ contentType: "application/EDIFACT", description: "a UN/EDIFACT interchange of CUSCAR messages (D.95B to D.21A), answered with a CUSRES (or a CONTRL for syntax errors: 400), 202 accepted in whole or part, 200 all duplicates, 422 all rejected; the reply is kept under /v1/units/{unitCode}/interchanges/{controlReference}." }], responses: { 202: "accepted: manifestId and shipmentCount, warnings (path, message) when the manifest is not for this unit's port, and state \"expanding\" when its shipment rows are written after the answer", 200: "duplicate of a stored manifest", 409: "conflict with a stored manifest or idempotency key", 413: "body over MANIFEST_BODY_LIMIT", 422: "EDIFACT: every message rejected (CUSRES names each error)", 429: "rate limited" }, produces: ["application/json", "application/EDIFACT"] });
  router.post(
    "/v1/units/:unitCode/manifests",
    guard(services, { kind: "unit", roles: ["officer"] }),
    rateLimit(services, { name: "manifest ingest", limit: services.config.INGEST_RATE_LIMIT, windowSeconds: 60 }),
    edifactManifestBranch(services),
    largeJson,
    async (req, res) => {
      const key = parseOrThrow(idempotencyKey, req.get("idempotency-key"), "headers.idempotency-key");
      // The body reader has checked the text already; the fast path vouches for the common case, zod names the errors.
      const manifest = fastManifest(req.body, services.config.MANIFEST_MAX_SHIPMENTS) ?? parseOrThrow(schema, req.body);
      const result = await ingestManifest(services, { unit: unitOf(req), manifest, idempotencyKey: key, actor: actorOf(req), expandLater: true });
      recordIngest(result);
      res.status(result.status).location(`/v1/units/${result.body.unitCode}/manifests/${result.body.manifestId}`).json(result.body);
    },
  );

  describeRoute(router, "GET", "/v1/units/:unitCode/manifests", { tag: "manifests", summary: "The unit's manifests in force (versions=all: replaced and cancelled versions too), latest arrival first, each with its state as GET of the manifest gives it and inQueue (whether any of its containers is in the officers' queue: false for a past voyage of the unit's history, never scored, and for a staged manifest before its first rows), a page at a time (limit, then cursor: the previous page's nextCursor); q searches them (vessel name, voyage number, manifest reference, flight number, or an arrival day or month) and inQueue keeps those with (true) or without (false) a container in the queue; the first page says how many there are in that scope and search (total) and how many of them failed to store their containers (failed), later pages null", query: listQuery, responses: { 200: "manifests (items: id, manifestRef, vesselName, voyage, flightNumber, ports, arrivalDate, shipmentCount, receivedAt, version, state, inQueue), total and failed on the first page, nextCursor (null on the last page)" } });
  router.get("/v1/units/:unitCode/manifests", readers, async (req, res) => {
    const query = parseOrThrow(listQuery, req.query, "query");
    res.json(await listManifests(services, unitOf(req), query));
  });

  describeRoute(router, "GET", "/v1/units/:unitCode/manifests/:manifestId", { tag: "manifests", summary: "Voyage data, state (\"expanding\" while a large manifest's shipment rows are being written, \"failed\" with failure.reason when that failed MANIFEST_EXPAND_MAX_ATTEMPTS times, its content kept for an operator's retry, else \"stored\") with shipments stored so far, counts by scoring status and band, and the reference's versions", responses: { 200: "the manifest" } });
  router.get("/v1/units/:unitCode/manifests/:manifestId", readers, async (req, res) => {
    res.json(await getManifest(services, unitOf(req), String(req.params.manifestId)));
  });
  return router;
}
