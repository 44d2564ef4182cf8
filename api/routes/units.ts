import { Router } from "express";
import type { Services } from "../../core/services.js";
import { listUnits } from "../../core/units/list-units.js";

export function unitRoutes(services: Services): Router {
  const router = Router();
  router.get("/v1/units", async (_req, res) => {
    res.json(await listUnits(services));
  });
  return router;
}
