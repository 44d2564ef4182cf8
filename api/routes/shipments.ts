import { Router } from "express";
import { z } from "zod";
import { boundedDate } from "../../core/iso-dates.js";
import { getShipment } from "../../core/shipments/get-shipment.js";
import { listShipments } from "../../core/shipments/list-shipments.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

/** `a,b` or repeated `?band=a&band=b`. */
const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(",")).map((v) => v.trim().toLowerCase()).filter(Boolean));

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const date = boundedDate();

const listQuery = z.strictObject({
  flagged: booleanFlag.optional(),
  band: commaList.pipe(z.array(z.enum(["high", "medium", "low"]))).optional(),
  status: commaList.pipe(z.array(z.enum(["pending", "scored", "failed"]))).optional(),
  minScore: z.coerce.number().finite().optional(),
  containerNumber: z.string().max(20).optional(),
  billOfLading: z.string().max(35).optional(),
  party: z.string().min(2, "at least 2 characters").max(100).optional(),
  manifestId: z.uuid("expected a manifest id").optional(),
  arrivalFrom: date.optional(),
  arrivalTo: date.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export function shipmentRoutes(services: Services): Router {
  const router = Router();
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  describeRoute(router, "GET", "/v1/units/:unitCode/shipments", { tag: "shipments", summary: "The queue of shipments, highest score first (the flagged list with flagged=true)", query: listQuery, responses: { 200: "shipments and nextCursor" } });
  router.get("/v1/units/:unitCode/shipments", readers, async (req, res) => {
    const filters = parseOrThrow(listQuery, req.query, "query");
    res.json(await listShipments(services, unitOf(req), filters));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/shipments/:shipmentId", { tag: "shipments", summary: "Manifest data, scoring state and every assessment with its indicators", responses: { 200: "the shipment" } });
  router.get("/v1/units/:unitCode/shipments/:shipmentId", readers, async (req, res) => {
    res.json(await getShipment(services, unitOf(req), principalOf(req), String(req.params.shipmentId)));
  });
  return router;
}
