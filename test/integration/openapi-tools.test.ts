// /openapi.json as client generators see it: a standard validator accepts it
// (every $ref resolves), and openapi-typescript turns it into types that a
// small client compiles against. Generated files go to a temporary folder.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import openapiTS, { astToString } from "openapi-typescript";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";

let services: TestServices;
let document: Record<string, unknown>;
let folder: string;

beforeAll(async () => {
  services = createTestServices();
  const res = await request(createApp(services)).get("/openapi.json");
  expect(res.status).toBe(200);
  document = res.body as Record<string, unknown>;
  folder = await mkdtemp(path.join(tmpdir(), "portcullis-openapi-"));
});
afterAll(async () => {
  await services.dispose();
  await rm(folder, { recursive: true, force: true });
});

/** Every "$ref" in the document, with where it sits. */
function refsOf(value: unknown, at = "#"): { at: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "$ref" && typeof item === "string" ? [{ at, ref: item }] : refsOf(item, `${at}/${key}`),
  );
}

test("every $ref points into components/schemas and resolves there", () => {
  const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
  const broken = refsOf(document).filter(({ ref }) => {
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
    return !name || !(name in schemas);
  });
  expect(broken).toEqual([]);
  // The recursive profile condition is one shared, named schema.
  expect(schemas).toHaveProperty("Condition");
});

test("/docs shows the shared schemas the operations point at", async () => {
  const res = await request(createApp(services)).get("/docs");
  expect(res.status).toBe(200);
  expect(res.text).toContain('id="schema-Condition"');
  expect(res.text).toContain("#/components/schemas/Condition");
});

test("swagger-parser validates the document", async () => {
  await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
});

test("openapi-typescript generates types that a client compiles against", async () => {
  const ast = await openapiTS(structuredClone(document) as never);
  await writeFile(path.join(folder, "api.d.ts"), astToString(ast));
  // A tiny client: a profile with a nested condition, and a seizure summary call.
  await writeFile(
    path.join(folder, "client.ts"),
    `import type { components, paths } from "./api.js";
type Condition = components["schemas"]["Condition"];
const nested: Condition = { op: "all", of: [{ op: "eq", field: "portOfLoading", value: "ECGYE" }, { op: "not", of: { op: "sealIssue" } }] };
type Summary = paths["/v1/summaries/seizures"]["get"];
const query: NonNullable<Summary["parameters"]["query"]> = { groupBy: "commodity", format: "csv" };
type ProfileBody = paths["/v1/units/{unitCode}/profiles/validate"]["post"]["requestBody"];
export const sample: { nested: Condition; query: typeof query; body?: ProfileBody } = { nested, query };
`,
  );
  const tsc = path.resolve("node_modules/typescript/bin/tsc");
  const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "client.ts"];
  const run = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: folder }).then(
    () => ({ ok: true, output: "" }),
    (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
  );
  expect(run.output).toBe("");
  expect(run.ok).toBe(true);
}, 30_000);
