// The queue board (issue 14, finding 6): read-only by default, changes only
// with QUEUE_BOARD_WRITE=true and then audited, and its routes in the API document.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const BOARD = "/admin/queues/api/queues";

describe("by default", () => {
  let services: TestServices;
  let app: ReturnType<typeof createApp>;
  let admin: TestUser;
  beforeAll(async () => {
    services = createTestServices();
    app = createApp(services);
    admin = await createTestUser(services, [{ role: "admin" }]);
  });
  afterAll(async () => services.dispose());

  test("an admin reads the board, but pausing, cleaning, emptying or obliterating a queue is refused", async () => {
    const read = await request(app).get(`${BOARD}?activeQueue=scoring&status=latest&page=1`).set(bearer(admin));
    expect(read.status).toBe(200);
    expect(read.body.queues.map((q: { name: string }) => q.name)).toContain("scoring");
    for (const path of ["/scoring/pause", "/scoring/clean/completed", "/scoring/empty", "/scoring/obliterate", "/pause"]) {
      const res = await request(app).put(`${BOARD}${path}`).set(bearer(admin)).send({});
      expect(res.status, path).toBe(403);
      expect(res.body.message).toMatch(/QUEUE_BOARD_WRITE/);
    }
    const add = await request(app).post(`${BOARD}/scoring/add`).set(bearer(admin)).send({ name: "x", data: {} });
    expect(add.status).toBe(403);
    expect(await services.queues.scoring.isPaused()).toBe(false);
    expect(await services.queues.scoring.count()).toBe(0);
    const audited = await services.pool.query("SELECT 1 FROM audit_event WHERE action = 'queue_board.change' AND actor_id = $1", [admin.id]);
    expect(audited.rowCount).toBe(0);
  });

  test("the board's page asks no other host for anything (its CSP would block it)", async () => {
    for (const path of ["/admin/queues", "/admin/queues/queue/scoring"]) {
      const page = await request(app).get(path).set(bearer(admin));
      expect(page.status, path).toBe(200);
      expect(page.type, path).toBe("text/html");
      // The page itself is bull-board's, with its own scripts and styles.
      expect(page.text, path).toMatch(/<script[^>]+src="static\/js\//);
      expect(page.text, path).toMatch(/<link[^>]+href="static\/css\//);
      const references = [...page.text.matchAll(/\b(?:src|href)=["']?([^"'\s>]+)/g)].map((m) => m[1]!);
      expect(references.length, path).toBeGreaterThan(3);
      expect(references.filter((ref) => /^(?:[a-z][a-z+.-]*:)?\/\//i.test(ref)), path).toEqual([]);
      expect(page.text, path).not.toMatch(/googleapis|gstatic/);
    }
  });

  test("the board's routes are in the API document", async () => {
    const doc = await request(app).get("/openapi.json");
    const paths = Object.keys(doc.body.paths as Record<string, unknown>);
    expect(paths).toContain("/admin/queues/api/queues/{queueName}/pause");
    expect(paths).toContain("/admin/queues/api/queues/{queueName}/obliterate");
    expect(doc.body.paths["/admin/queues/api/queues/{queueName}/pause"].put.summary).toMatch(/QUEUE_BOARD_WRITE/);
  });
});

describe("with QUEUE_BOARD_WRITE=true", () => {
  let services: TestServices;
  let app: ReturnType<typeof createApp>;
  let admin: TestUser;
  beforeAll(async () => {
    services = createTestServices({ QUEUE_BOARD_WRITE: "true" });
    app = createApp(services);
    admin = await createTestUser(services, [{ role: "admin" }]);
  });
  afterAll(async () => services.dispose());

  test("a change works and is audited with who, which route and which queue", async () => {
    const paused = await request(app).put(`${BOARD}/scoring/pause`).set(bearer(admin)).send({});
    expect(paused.status).toBe(200);
    expect(await services.queues.scoring.isPaused()).toBe(true);
    const cleaned = await request(app).put(`${BOARD}/maintenance/clean/completed`).set(bearer(admin)).send({});
    expect(cleaned.status).toBe(200);
    const rows = await services.pool.query<{ actor_name: string; entity_id: string; details: { route: string; method: string } }>(
      "SELECT actor_name, entity_id, details FROM audit_event WHERE action = 'queue_board.change' AND actor_id = $1 ORDER BY id",
      [admin.id],
    );
    expect(rows.rows.map((row) => [row.actor_name, row.entity_id, row.details.method, row.details.route])).toEqual([
      [admin.username, "scoring", "PUT", "/api/queues/:queueName/pause"],
      [admin.username, "maintenance", "PUT", "/api/queues/:queueName/clean/:queueStatus"],
    ]);
    await services.queues.scoring.resume();
  });

  test("other roles still cannot reach the board", async () => {
    const officer = await createTestUser(services, []);
    expect((await request(app).put(`${BOARD}/scoring/pause`).set(bearer(officer)).send({})).status).toBe(403);
    expect(await services.queues.scoring.isPaused()).toBe(false);
  });
});
