// The API's own description: /openapi.json (OpenAPI 3.1, built from the
// routes Express holds and the zod schemas they parse with) and /docs, a
// self-contained HTML page of it. Both public: they describe, they hold no data.
import { Router, type Request } from "express";
import type { Express } from "express";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { buildOpenApiDocument } from "../openapi/build-document.js";
import { describeRoute } from "../openapi/describe-route.js";
import { DOCS_STYLE_HASH, renderDocsPage } from "../openapi/docs-page.js";
import { listRoutes } from "../route-catalog.js";

const API_VERSION = "0.1.0";

export function docsRoutes(services: Services): Router {
  const router = Router();
  const open = guard(services, { kind: "public" });
  // Built on first request: by then every router of the app is mounted.
  let cached: ReturnType<typeof buildOpenApiDocument> | undefined;
  const documentOf = (req: Request) => (cached ??= buildOpenApiDocument(listRoutes(req.app as Express, { withInnerRoutes: true }), API_VERSION));

  describeRoute(router, "GET", "/openapi.json", { tag: "meta", summary: "This OpenAPI 3.1 document", responses: { 200: "the document" } });
  router.get("/openapi.json", open, (req, res) => {
    res.json(documentOf(req));
  });
  describeRoute(router, "GET", "/docs", { tag: "meta", summary: "Human-readable API documentation (offline HTML)", responses: { 200: "HTML page" }, produces: ["text/html"] });
  router.get("/docs", open, (req, res) => {
    res.setHeader("Content-Security-Policy", `default-src 'none'; style-src ${DOCS_STYLE_HASH}; frame-ancestors 'none'`);
    res.type("html").send(renderDocsPage(documentOf(req) as unknown as Parameters<typeof renderDocsPage>[0]));
  });
  return router;
}
