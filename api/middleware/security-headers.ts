// Conservative headers for a JSON API holding law-enforcement data.
import type { RequestHandler } from "express";

/** API answers: nothing may load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The web client (web/dist): its own scripts, styles and API calls only; no
 * inline script, no framing, no plugins. Set by static-web.ts on the HTML and
 * asset answers, replacing API_CSP.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader("Content-Security-Policy", API_CSP);
  res.setHeader("Cache-Control", "no-store");
  next();
};
