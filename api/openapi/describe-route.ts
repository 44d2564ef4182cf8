// OpenAPI descriptions live next to the routes they describe: each router
// factory calls describeRoute() beside router.get/post(...). The description
// is attached to the router object (no module-level state), and
// api/route-catalog.ts hands it out with the route and its guard policy, so
// the document is built from the same zod schemas the handlers parse with.
import type { Router } from "express";
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A body that is not parsed with zod by the route (CSV uploads, profile documents). */
export interface RawBody {
  contentType: string;
  description: string;
  /** A JSON Schema written by hand when there is no zod schema. */
  jsonSchema?: Record<string, unknown>;
}

export interface RouteDoc {
  summary: string;
  tag: string;
  description?: string;
  /** Query string schema (a zod object); each property becomes a query parameter. */
  query?: z.ZodType;
  /** Request headers, e.g. Idempotency-Key. */
  headers?: Record<string, { schema: z.ZodType; description: string }>;
  /** JSON body parsed with this schema, or a raw body. */
  body?: z.ZodType | RawBody;
  /** Other content types the same route also takes (e.g. a manifest as UN/EDIFACT beside JSON). */
  alternativeBodies?: RawBody[];
  /** Successful answers: status → description. Error answers are added from the guard policy. */
  responses: Record<number, string>;
  /** Content types of successful answers other than JSON (e.g. text/csv, text/html). */
  produces?: string[];
}

const DOCS = Symbol.for("portcullis.openapi.routes");

interface Documented {
  [DOCS]?: Map<string, RouteDoc>;
}

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function describeRoute(router: Router, method: HttpMethod, path: string, doc: RouteDoc): void {
  const target = router as unknown as Documented;
  target[DOCS] ??= new Map();
  target[DOCS].set(routeKey(method, path), doc);
}

/** The descriptions registered on a router (or undefined for a router without any). */
export function routeDocsOf(handle: unknown): ReadonlyMap<string, RouteDoc> | undefined {
  return typeof handle === "function" || (typeof handle === "object" && handle !== null) ? (handle as Documented)[DOCS] : undefined;
}

export function isRawBody(body: RouteDoc["body"]): body is RawBody {
  return typeof body === "object" && body !== null && "contentType" in body && typeof body.contentType === "string";
}
