// /metrics (scrape token or admin) and the queue dashboard (admins only).
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";
let services: TestServices;
let app: ReturnType<typeof createApp>;
let admin: TestUser;
let officer: TestUser;
let unitCode: string;

beforeAll(async () => {
  services = createTestServices({ METRICS_TOKEN: SCRAPE_TOKEN });
  app = createApp(services);
  const unit = await createUnitWithBaseline(services);
  unitCode = unit.code;
  admin = await createTestUser(services, [{ role: "admin" }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode }]);
});
afterAll(async () => services.dispose());

test("/metrics needs the scrape token or an admin", async () => {
  expect((await request(app).get("/metrics")).status).toBe(401);
  expect((await request(app).get("/metrics").set("Authorization", "Bearer wrong-token-wrong-token-0000")).status).toBe(401);
  expect((await request(app).get("/metrics").set(bearer(officer))).status).toBe(403);
  expect((await request(app).get("/metrics").set(bearer(admin))).status).toBe(200);
  expect((await request(app).get("/metrics").set("Authorization", `Bearer ${SCRAPE_TOKEN}`)).status).toBe(200);
});

test("/metrics reports latency by route pattern, ingestion and the backlog read from PostgreSQL and Redis", async () => {
  const posted = await request(app).post(`/v1/units/${unitCode}/manifests`).set(bearer(officer)).send(buildManifest(7));
  expect(posted.status).toBe(202);
  await request(app).get(`/v1/units/${unitCode}/shipments`).set(bearer(officer)).query({ flagged: "true" });
  const res = await request(app).get("/metrics").set("Authorization", `Bearer ${SCRAPE_TOKEN}`);
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/text\/plain/);
  const text = res.text;
  expect(text).toMatch(/portcullis_http_request_duration_seconds_count\{method="GET",route="\/v1\/units\/:unitCode\/shipments",status="200"\} [1-9]/);
  expect(text).not.toContain(`/v1/units/${unitCode}/`);
  expect(text).toMatch(/portcullis_shipments_ingested_total [1-9]/);
  expect(text).toMatch(/portcullis_manifests_ingested_total\{outcome="accepted"\} [1-9]/);
  // No worker runs in this file: the scoring job waits in this run's queue.
  expect(text).toMatch(/portcullis_queue_jobs\{queue="scoring",state="waiting"\} [1-9]/);
  expect(text).toMatch(/portcullis_shipments_backlog\{status="pending"\} [1-9]/);
  expect(text).toMatch(/portcullis_referrals_overdue \d+/);
  expect(text).toMatch(/portcullis_backlog_scrape_ok\{source="postgres"\} 1/);
  expect(text).toMatch(/process_resident_memory_bytes \d+/);
});

test("the queue dashboard is for admins only", async () => {
  expect((await request(app).get("/admin/queues")).status).toBe(401);
  expect((await request(app).get("/admin/queues/api/queues")).status).toBe(401);
  expect((await request(app).get("/admin/queues").set(bearer(officer))).status).toBe(403);
  expect((await request(app).get("/admin/queues/api/queues").set(bearer(officer))).status).toBe(403);
  const page = await request(app).get("/admin/queues").set(bearer(admin));
  expect(page.status).toBe(200);
  expect(page.text).toContain("<div id=\"root\">");
  const api = await request(app).get("/admin/queues/api/queues").set(bearer(admin));
  expect(api.status).toBe(200);
  expect(JSON.stringify(api.body)).toContain("scoring");
});
