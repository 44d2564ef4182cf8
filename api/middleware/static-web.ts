// Serves the web client (web/dist, built by `npm run build:web`) at `/`, with
// an SPA fallback: any GET that is not an API path and not a file answers
// index.html so client-side routes survive a reload. A plain middleware (not
// a router): it declares no route, so the route catalog and the access
// matrix only see the API. Data still only comes through the guarded API.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type RequestHandler } from "express";
import { WEB_CSP } from "./security-headers.js";

// Only the queue board under /admin is the server's: /admin and /admin/users... are the client's admin screens.
const API_PREFIXES = ["/v1/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/admin/queues"];

export function defaultWebRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "../../web/dist");
}

export function staticWeb(root = defaultWebRoot()): RequestHandler {
  const index = path.join(root, "index.html");
  const files = express.static(root, {
    index: false,
    fallthrough: true,
    setHeaders: (res, filePath) => {
      res.setHeader("Content-Security-Policy", WEB_CSP);
      // Vite puts a content hash in every asset name: cache them for good.
      res.setHeader("Cache-Control", filePath.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (req.path === "/v1" || API_PREFIXES.some((prefix) => req.path.startsWith(prefix))) return next();
    if (!existsSync(index)) return next();
    files(req, res, (error?: unknown) => {
      if (error) return next(error);
      // A missing asset is a 404, not the app.
      if (req.path.startsWith("/assets/") || path.extname(req.path)) return next();
      res.setHeader("Content-Security-Policy", WEB_CSP);
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(index, (sendError?: Error) => {
        if (sendError) next(sendError);
      });
    });
  };
}
