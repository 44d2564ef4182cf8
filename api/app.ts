// Builds the Express app (no listen): server.ts and the tests both use it.
import express from "express";
import { boardFreshness } from "./middleware/board-freshness.js";
import type { Services } from "../core/services.js";
import { errorHandler, unknownRoute } from "./http-errors.js";
import { requestLogging } from "./middleware/request-logging.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { cors } from "./middleware/cors.js";
import { jsonBody } from "./middleware/request-body.js";
import { requestHygiene } from "./middleware/request-hygiene.js";
import { httpMetrics } from "./middleware/metrics.js";
import { docsRoutes } from "./routes/docs.js";
import { metricsRoutes } from "./routes/metrics.js";
import { QUEUE_DASHBOARD_PATH, queueDashboard } from "./routes/queue-dashboard.js";
import { adminRoutes } from "./routes/admin.js";
import { adminConsoleRoutes } from "./routes/admin-console.js";
import { inboxAdminRoutes } from "./routes/inbox-admin.js";
import { analysisJobRoutes } from "./routes/analysis-jobs.js";
import { healthRoutes } from "./routes/health.js";
import { historyImportRoutes } from "./routes/history-imports.js";
import { profileBuildRoutes } from "./routes/profile-builds.js";
import { meRoutes } from "./routes/me.js";
import { manifestRoutes } from "./routes/manifests.js";
import { edifactRoutes } from "./routes/edifact.js";
import { profileRoutes } from "./routes/profiles.js";
import { shipmentRoutes } from "./routes/shipments.js";
import { triageRoutes } from "./routes/triage.js";
import { unitRoutes } from "./routes/units.js";
import { inspectionRoutes } from "./routes/inspections.js";
import { seizureRoutes } from "./routes/seizures.js";
import { referralRoutes } from "./routes/referrals.js";
import { alertRoutes } from "./routes/alerts.js";
import { notificationRoutes } from "./routes/notifications.js";
import { summaryRoutes } from "./routes/summaries.js";
import { watchlistRoutes } from "./routes/watchlists.js";
import { sessionRoutes } from "./routes/session.js";
import { staticWeb } from "./middleware/static-web.js";

export function createApp(services: Services): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Behind a proxy, set TRUST_PROXY so audit rows record the client's address.
  app.set("trust proxy", services.config.TRUST_PROXY);
  app.set("query parser", "extended");
  app.use(requestLogging(services.logger));
  app.use(httpMetrics);
  app.use(securityHeaders);
  app.use(cors(services.config.CORS_ORIGINS));
  // NUL, lone surrogates and broken escapes in the path or query: a 400 before any route.
  app.use(requestHygiene);
  // A write that succeeds refreshes the queue board's shared reads.
  app.use(boardFreshness(services.boardCache));
  app.use(healthRoutes(services));
  app.use(docsRoutes(services));
  app.use(metricsRoutes(services));
  // Admins only; the guard sits in front of the whole mounted dashboard.
  app.use(QUEUE_DASHBOARD_PATH, queueDashboard(services));
  app.use(manifestRoutes(services));
  app.use(edifactRoutes(services));
  // Profile documents and dry-run samples are large: this router reads its own bodies.
  app.use(profileRoutes(services));
  app.use(historyImportRoutes(services));
  // Routes after this point take small JSON bodies only.
  app.use(jsonBody(services.config.DEFAULT_BODY_LIMIT));
  app.use(sessionRoutes(services));
  app.use(meRoutes(services));
  app.use(unitRoutes(services));
  app.use(shipmentRoutes(services));
  app.use(triageRoutes(services));
  app.use(watchlistRoutes(services));
  app.use(analysisJobRoutes(services));
  app.use(profileBuildRoutes(services));
  app.use(inspectionRoutes(services));
  app.use(seizureRoutes(services));
  app.use(referralRoutes(services));
  app.use(alertRoutes(services));
  app.use(notificationRoutes(services));
  app.use(summaryRoutes(services));
  app.use(adminRoutes(services));
  app.use(adminConsoleRoutes(services));
  app.use(inboxAdminRoutes(services));
  // What is left under the API's namespaces is an unknown API path: a 404
  // problem, never the web client's index.html with 200.
  app.use(["/v1", "/api"], unknownRoute);
  // The web client (web/dist) at `/`, for GETs outside the API paths.
  app.use(staticWeb(services.config.WEB_ROOT));
  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
