// The OpenAPI document is built from the routes Express holds and the zod
// schemas they parse with: a route added without a description fails here.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { listRoutes } from "../../api/route-catalog.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  services = createTestServices();
  app = createApp(services);
});
afterAll(async () => services.dispose());

interface Operation {
  summary: string;
  security: unknown[];
  responses: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  "x-undocumented"?: boolean;
}
type Document = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };

describe("/openapi.json", () => {
  let document: Document;
  beforeAll(async () => {
    const res = await request(app).get("/openapi.json");
    expect(res.status).toBe(200);
    document = res.body as Document;
  });

  test("is a structurally valid OpenAPI 3.1 document", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    expect(Object.keys(document.paths).length).toBeGreaterThan(40);
    for (const [path, methods] of Object.entries(document.paths)) {
      expect(path).toMatch(/^\//);
      expect(path).not.toContain(":");
      for (const [method, op] of Object.entries(methods)) {
        expect(["get", "post", "put", "patch", "delete"], `${method} ${path}`).toContain(method);
        expect(Object.keys(op.responses).length, `${method} ${path} has responses`).toBeGreaterThan(0);
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          expect(op.parameters?.some((p) => p.in === "path" && `{${p.name}}` === name), `${method} ${path} declares ${name}`).toBe(true);
        }
      }
    }
  });

  test("every route of the app is in the document, described, with its security from the guard", () => {
    const routes = listRoutes(app);
    const missing: string[] = [];
    const undocumented: string[] = [];
    for (const route of routes) {
      const op = document.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      if (!op) {
        missing.push(`${route.method} ${route.path}`);
        continue;
      }
      if (op["x-undocumented"]) undocumented.push(`${route.method} ${route.path}`);
      expect(op.security, `${route.method} ${route.path}`).toEqual(route.policy?.kind === "public" ? [] : [{ bearerAuth: [] }]);
    }
    expect(missing).toEqual([]);
    expect(undocumented).toEqual([]);
    expect(document.paths["/admin/queues"]?.get).toBeDefined();
  });

  test("request schemas come from the routes' zod schemas (input side)", () => {
    const ingest = document.paths["/v1/units/{unitCode}/manifests"]!.post!;
    const body = ingest.requestBody!.content["application/json"]!.schema as { properties: Record<string, unknown>; required: string[] };
    expect(body.properties).toHaveProperty("shipments");
    expect(body.required).toContain("manifestRef");
    expect(ingest.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key")).toBe(true);
    const list = document.paths["/v1/units/{unitCode}/shipments"]!.get!;
    expect(list.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["flagged", "band", "minScore", "limit", "cursor"]));
    // Every history format a client may upload, the contract's manifest lines included.
    const historyFormat = document.paths["/v1/units/{unitCode}/history-imports"]!.post!.parameters?.find((p) => p.in === "query" && p.name === "format") as { schema?: { enum?: string[] } } | undefined;
    expect(historyFormat?.schema?.enum).toEqual(["customs-declarations", "custom", "manifest-jsonl"]);
    expect(document.paths["/healthz"]!.get!.security).toEqual([]);
  });

  test("the queue's counts say they carry the unit's containers being re-scored", () => {
    const counts = document.paths["/v1/units/{unitCode}/queue/counts"]!.get!;
    expect(counts.summary).toMatch(/rescoring: how many of the unit's containers \(whatever the filters\) wait in a re-score/);
    expect(counts.responses["200"]).toMatchObject({ description: expect.stringMatching(/rescoring/) });
  });

  test("the manifest list pages with a cursor and counts every manifest and failed one; the programme's units are listed for referrals", () => {
    const manifests = document.paths["/v1/units/{unitCode}/manifests"]!.get!;
    expect(manifests.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["limit", "versions", "cursor"]));
    expect(manifests.responses["200"]).toMatchObject({ description: expect.stringMatching(/total and failed on the first page, nextCursor/) });
    // The queue's voyage picker searches it: q and inQueue are documented parameters, q with what it matches.
    const search = manifests.parameters?.find((p) => p.name === "q") as { in: string; description?: string } | undefined;
    expect(search).toMatchObject({ in: "query", description: expect.stringMatching(/vessel name, voyage number, manifest reference or flight number.*arrival day \(YYYY-MM-DD\) or month \(YYYY-MM\)/) });
    expect(manifests.parameters?.map((p) => p.name)).toContain("inQueue");
    // The container page reads the box's type, seals and freight terms from the shipment's answer.
    const shipment = document.paths["/v1/units/{unitCode}/shipments/{shipmentId}"]!.get!;
    expect(shipment.responses["200"]).toMatchObject({ description: expect.stringMatching(/containerType \(ISO 6346 size-type code.*sealNumbers.*freightTerms/) });
    const units = document.paths["/v1/units/{unitCode}/programme-units"]!.get!;
    expect(units.summary).toMatch(/referred to \(recipient kind programme_unit/);
  });
});

test("/docs is a self-contained HTML page listing the operations", async () => {
  const res = await request(app).get("/docs");
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/text\/html/);
  expect(res.text).toContain("/v1/units/{unitCode}/manifests");
  expect(res.text).not.toMatch(/<script|https?:\/\/(?!pcu)/);
  expect(res.headers["content-security-policy"]).toMatch(/style-src 'sha256-/);
});
