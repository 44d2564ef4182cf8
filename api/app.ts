// Builds the Express app (no listen): server.ts and the tests both use it.
import express from "express";
import { AppError } from "../core/errors.js";
import type { Services } from "../core/services.js";
import { errorHandler } from "./http-errors.js";
import { requestLogging } from "./middleware/request-logging.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { cors } from "./middleware/cors.js";
import { adminRoutes } from "./routes/admin.js";
import { analysisJobRoutes } from "./routes/analysis-jobs.js";
import { healthRoutes } from "./routes/health.js";
import { meRoutes } from "./routes/me.js";
import { manifestRoutes } from "./routes/manifests.js";
import { shipmentRoutes } from "./routes/shipments.js";
import { unitRoutes } from "./routes/units.js";

export function createApp(services: Services): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Behind a proxy, set TRUST_PROXY so audit rows record the client's address.
  app.set("trust proxy", services.config.TRUST_PROXY);
  app.set("query parser", "extended");
  app.use(requestLogging(services.logger));
  app.use(securityHeaders);
  app.use(cors(services.config.CORS_ORIGINS));
  app.use(healthRoutes(services));
  app.use(manifestRoutes(services));
  // Routes after this point take small JSON bodies only.
  app.use(express.json({ limit: services.config.DEFAULT_BODY_LIMIT }));
  app.use(meRoutes(services));
  app.use(unitRoutes(services));
  app.use(shipmentRoutes(services));
  app.use(analysisJobRoutes(services));
  app.use(adminRoutes(services));
  app.use((req, _res, next) => next(new AppError("not_found", `no route ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
