// Builds the OpenAPI 3.1 document from the routes Express holds (listRoutes)
// and the descriptions registered next to them. Schemas come from the very
// zod schemas the handlers parse with, converted with z.toJSONSchema on their
// input side (what a client sends, before transforms and defaults).
import { z } from "zod";
import type { Policy } from "../middleware/guard.js";
import type { RouteInfo } from "../route-catalog.js";
import { isRawBody, type RawBody, type RouteDoc } from "./describe-route.js";
import { namedSchemas, SchemaComponents } from "./shared-schemas.js";

type JsonSchema = Record<string, unknown>;

/**
 * Input-side JSON Schema; transforms, refinements and custom types degrade to
 * what can be said. A recursive schema sits in `$defs` under its shared name
 * (shared-schemas.ts); the document moves it to components/schemas.
 */
export function toJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", cycles: "ref", reused: "inline", metadata: namedSchemas }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch (error) {
    return { description: `schema not representable in JSON Schema: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  required: ["error", "message"],
  properties: {
    error: { type: "string", description: "machine-readable code, e.g. validation_failed" },
    message: { type: "string" },
    errors: {
      type: "array",
      description: "one entry per invalid field, named the way the client wrote it (shipments[3].containerNumber)",
      items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } },
    },
    requestId: { type: "string" },
  },
};

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

function policyText(policy: Policy | undefined): string {
  switch (policy?.kind) {
    case undefined:
      return "NO GUARD (defect)";
    case "public":
      return "public";
    case "authenticated":
      return "any valid token";
    case "admin":
      return "admin role";
    case "manager":
      return "manager role (rows limited to the manager's scope)";
    case "unit":
      return `role ${policy.roles.join(" or ")} in the unit`;
  }
}

function queryParameters(schema: z.ZodType, components: SchemaComponents): JsonSchema[] {
  const json = components.hoist(toJsonSchema(schema));
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.has(name) && !("default" in property),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function requestBody(body: NonNullable<RouteDoc["body"]>, components: SchemaComponents): JsonSchema {
  if (isRawBody(body)) {
    return { required: true, description: body.description, content: { [body.contentType]: { schema: components.hoist(body.jsonSchema ?? {}) } } };
  }
  return { required: true, content: { "application/json": { schema: components.hoist(toJsonSchema(body)) } } };
}

/** Adds the other content types a route takes to its request body. */
function withAlternatives(body: JsonSchema, alternatives: readonly RawBody[], components: SchemaComponents): JsonSchema {
  if (alternatives.length === 0) return body;
  const content = { ...(body.content as Record<string, unknown>) };
  for (const alternative of alternatives) content[alternative.contentType] = { schema: components.hoist(alternative.jsonSchema ?? { type: "string" }) };
  const notes = alternatives.map((alternative) => `${alternative.contentType}: ${alternative.description}`).join(" ");
  return { ...body, content, description: [body.description, notes].filter(Boolean).join(" ") };
}

function operation(route: RouteInfo, components: SchemaComponents): JsonSchema {
  const doc = route.doc;
  const policy = route.policy;
  const parameters: JsonSchema[] = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  if (doc?.query) parameters.push(...queryParameters(doc.query, components));
  for (const [name, header] of Object.entries(doc?.headers ?? {})) {
    parameters.push({ name, in: "header", required: false, description: header.description, schema: components.hoist(toJsonSchema(header.schema)) });
  }
  const responses: Record<string, unknown> = {};
  const produces = doc?.produces ?? ["application/json"];
  for (const [status, description] of Object.entries(doc?.responses ?? { 200: "OK" })) {
    responses[status] = { description, content: Object.fromEntries(produces.map((type) => [type, { schema: {} }])) };
  }
  if (doc?.query || doc?.body) responses["400"] = errorResponse("validation failed: `errors` names each field");
  if (policy?.kind !== "public") {
    responses["401"] = errorResponse("no valid bearer token");
    responses["403"] = errorResponse(`the caller lacks the ${policyText(policy)}`);
  }
  if (policy?.kind === "unit" || route.path.includes("/:")) responses["404"] = errorResponse("unknown (or hidden) unit or record");
  responses["503"] = errorResponse("PostgreSQL or Redis unavailable; retry after the Retry-After header");
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ""))}`,
    summary: doc?.summary ?? "(not documented)",
    ...(doc?.description ? { description: doc.description } : {}),
    tags: [doc?.tag ?? "undocumented"],
    ...(doc ? {} : { "x-undocumented": true }),
    "x-portcullis-access": policyText(policy),
    security: policy?.kind === "public" ? [] : [{ bearerAuth: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc?.body ? { requestBody: withAlternatives(requestBody(doc.body, components), doc.alternativeBodies ?? [], components) } : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: readonly RouteInfo[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const components = new SchemaComponents({ Error: ERROR_SCHEMA });
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Portcullis API",
      version,
      description: "Risk profiling for the joint port control units of the UNODC-WCO Container Control Programme.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "API token issued by an admin (pcu_...)" } },
      schemas: components.schemas,
    },
  };
}
