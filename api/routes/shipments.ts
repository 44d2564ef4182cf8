import { Router } from "express";
import { z } from "zod";
import { getShipment } from "../../core/shipments/get-shipment.js";
import { listShipments } from "../../core/shipments/list-shipments.js";
import { SORT_KEYS } from "../../core/shipments/queue-sort.js";
import type { Services } from "../../core/services.js";
import { sendBoardAnswer } from "../board-answer.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";
import { queueFilterFields } from "./queue-query.js";

const listQuery = z.strictObject({
  ...queueFilterFields,
  sort: z.enum(SORT_KEYS).optional(),
  direction: z.enum(["asc", "desc"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(400).optional(),
});

export function shipmentRoutes(services: Services): Router {
  const router = Router();
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst"] });
  describeRoute(router, "GET", "/v1/units/:unitCode/shipments", { tag: "shipments", summary: "The queue of shipments, sorted over the whole list (highest score first by default; the flagged list with flagged=true), with its total on the first page and a hint when a search finds nothing (reason inHistoryOnly: the number is only on past shipments of the unit, which are not scored and not queued, listed in pastShipments with their ids)", query: listQuery, responses: { 200: "shipments and nextCursor" } });
  router.get("/v1/units/:unitCode/shipments", readers, async (req, res) => {
    const filters = parseOrThrow(listQuery, req.query, "query");
    const assignee = filters.assignee === "me" ? principalOf(req).userId : filters.assignee;
    const unit = unitOf(req);
    await sendBoardAnswer(services, res, unit.id, "page", { ...filters, assignee }, () => listShipments(services, unit, { ...filters, assignee }));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/shipments/:shipmentId", { tag: "shipments", summary: "Manifest data, scoring state and every assessment with its indicators: those of profile versions in force first (inForce: true, highest score first), then those of retired versions (inForce: false, profile.status and profile.retiredAt, the latest retired first), no longer the container's reasons", responses: { 200: "the shipment: its manifest's voyage, billOfLading, containerNumber, containerType (ISO 6346 size-type code, e.g. 45R1, or null), sealNumbers (an empty list when the manifest gave none), isEmpty, parties, hsCodes, goods, packages, weights, declaredValue, countryOfOrigin, freightTerms (prepaid, collect, or null), bookingDate, stuffingLocation, attributes, band and lanes, scoring, assessments and inspections" } });
  router.get("/v1/units/:unitCode/shipments/:shipmentId", readers, async (req, res) => {
    res.json(await getShipment(services, unitOf(req), principalOf(req), String(req.params.shipmentId)));
  });
  return router;
}
