import express, { Router } from "express";
import { z } from "zod";
import { getManifest, listManifests } from "../../core/manifests/get-manifest.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import type { Services } from "../../core/services.js";
import { parseOrThrow } from "../validation.js";

const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, "8-128 characters: letters, digits, . _ : -")
  .optional();

const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export function manifestRoutes(services: Services): Router {
  const router = Router();
  const schema = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS);
  // A mega-vessel's manifest is several MB: this route alone gets the large limit.
  const largeJson = express.json({ limit: services.config.MANIFEST_BODY_LIMIT, strict: true });

  router.post("/v1/units/:unitCode/manifests", largeJson, async (req, res) => {
    const key = parseOrThrow(idempotencyKey, req.get("idempotency-key"), "headers.idempotency-key");
    const manifest = parseOrThrow(schema, req.body);
    const result = await ingestManifest(services, { unitCode: req.params.unitCode!, manifest, idempotencyKey: key });
    res.status(result.status).location(`/v1/units/${result.body.unitCode}/manifests/${result.body.manifestId}`).json(result.body);
  });

  router.get("/v1/units/:unitCode/manifests", async (req, res) => {
    const query = parseOrThrow(listQuery, req.query, "query");
    res.json(await listManifests(services, req.params.unitCode!, query.limit));
  });

  router.get("/v1/units/:unitCode/manifests/:manifestId", async (req, res) => {
    res.json(await getManifest(services, req.params.unitCode!, req.params.manifestId!));
  });
  return router;
}
