// Unknown API paths answer a 404 problem (JSON naming the path), never the web
// app's index.html with 200: a client that mistypes a path must see the
// mistake. The web app's own client-side routes still get index.html.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";

const INDEX = '<!doctype html><html><body><div id="root">web app</div></body></html>';

let services: TestServices;
let app: ReturnType<typeof createApp>;
let webRoot: string;

beforeAll(() => {
  // A web root of this file's own: the run's build may be missing (TEST_SKIP_WEB_BUILD=1).
  webRoot = mkdtempSync(path.join(os.tmpdir(), "portcullis-web-"));
  writeFileSync(path.join(webRoot, "index.html"), INDEX);
  services = createTestServices({ WEB_ROOT: webRoot });
  app = createApp(services);
});
afterAll(async () => {
  await services.dispose();
  rmSync(webRoot, { recursive: true, force: true });
});

describe("unknown paths", () => {
  test.each(["/v1/does-not-exist", "/v1", "/v1/units/NOPE/does-not-exist/deeper", "/api/anything", "/api", "/admin/queues-typo/x"])(
    "GET %s is a 404 problem naming the path",
    async (url) => {
      const res = await request(app).get(url).set("Accept", "text/html,application/xhtml+xml,*/*");
      expect(res.status).toBe(404);
      expect(res.type).toMatch(/json/);
      expect(res.text).not.toContain("web app");
      expect(res.body).toMatchObject({ error: "not_found", path: url });
      expect(res.body.message).toContain(url);
    },
  );

  test("a POST to an unknown API path is a 404 problem too", async () => {
    const res = await request(app).post("/api/anything").send({ a: 1 });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: "not_found", path: "/api/anything" });
  });

  test.each(["/", "/units/X/queue", "/admin/users", "/admin", "/analysis/profiles?unit=X"])("the web app's route %s gets index.html", async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/html");
    expect(res.text).toBe(INDEX);
  });

  test("a missing asset is a 404, not the app", async () => {
    const res = await request(app).get("/assets/missing-1234.js");
    expect(res.status).toBe(404);
    expect(res.text).not.toContain("web app");
  });
});
