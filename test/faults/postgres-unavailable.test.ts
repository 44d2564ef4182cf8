// PostgreSQL unavailable while ingesting, without touching the machine's real
// server (other sessions use it): (1) an app pointed at a port where nothing
// listens answers 503 with Retry-After; (2) this test's own connections (by
// application_name) are terminated in a loop while clients post manifests and
// retry on 503 with their Idempotency-Key. Every manifest ends stored once
// with all its shipments, and every shipment is scored once.
import { randomBytes } from "node:crypto";
import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { startWorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

const appName = `fault-pg-${randomBytes(4).toString("hex")}`;
let services: TestServices;

beforeAll(() => {
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", appName);
  services = createTestServices({ DATABASE_URL: url.toString(), INGEST_RATE_LIMIT: "10000", SCORE_CHUNK_SIZE: "100" });
});
afterAll(async () => services.dispose());

test("no database listening: 503 with Retry-After, and a retry against a live database succeeds", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const dead = createTestServices({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
  try {
    const manifest = buildManifest(5);
    const refused = await request(createApp(dead)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("5");
    expect(refused.body.error).toBe("unavailable");
    const ready = await request(createApp(dead)).get("/readyz");
    expect(ready.status).toBe(503);
    const retried = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
    expect(retried.status).toBe(202);
  } finally {
    await dead.dispose();
  }
});

test("connections terminated in a loop during ingestion: 503s, retries, nothing half-written, all scored once", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const app = createApp(services);
  const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await killer.connect();
  let terminated = 0;
  // An outage of about three seconds: connections die every 50 ms, then PostgreSQL is back.
  const chaosUntil = Date.now() + 3_000;
  const loop = (async () => {
    while (Date.now() < chaosUntil) {
      const result = await killer.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1",
        [appName],
      );
      terminated += result.rowCount ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  const statuses: number[] = [];
  const manifests = Array.from({ length: 12 }, (_, i) => ({ key: `fault-pg-${appName}-${i}`, body: buildManifest(150) }));
  const accepted = await Promise.all(
    manifests.map(async ({ key, body }) => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).set("Idempotency-Key", key).send(body);
        statuses.push(res.status);
        if (res.status === 202 || res.status === 200) return res.body as { manifestId: string; shipmentCount: number };
        expect(res.status, JSON.stringify(res.body)).toBe(503);
        expect(res.headers["retry-after"]).toBeDefined();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`manifest ${key} never accepted`);
    }),
  );
  await loop;
  await killer.end();
  expect(terminated).toBeGreaterThan(0);
  expect(statuses).toContain(503);

  // All-or-nothing: each manifest stored once, with exactly its shipments and their scoring state.
  const stored = await services.pool.query<{ manifest_ref: string; shipment_count: number; shipments: number; states: number }>(
    `SELECT m.manifest_ref, m.shipment_count,
            (SELECT count(*)::int FROM shipment s WHERE s.manifest_id = m.id) AS shipments,
            (SELECT count(*)::int FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = m.id) AS states
       FROM manifest m WHERE m.unit_id = $1`,
    [unit.id],
  );
  expect(stored.rows).toHaveLength(12);
  for (const row of stored.rows) expect(row).toMatchObject({ shipment_count: 150, shipments: 150, states: 150 });
  expect(new Set(accepted.map((a) => a.manifestId)).size).toBe(12);

  // A job enqueued for a commit whose answer was lost is picked up by the reconciler.
  const pool = startWorkerPool(services);
  try {
    await reconcilePending(services, { unitId: unit.id, graceSeconds: 0 });
    const done = await waitFor(async () => {
      // `twice`: (shipment, version) pairs whose scoring ran more than once (assessment.executions).
      const r = await services.pool.query<{ scored: number; other: number; dupes: number; twice: number }>(
        `SELECT count(*) FILTER (WHERE status = 'scored')::int AS scored, count(*) FILTER (WHERE status <> 'scored')::int AS other,
                (SELECT count(*)::int FROM (SELECT a.shipment_id FROM assessment a JOIN scoring_state s2 ON s2.shipment_id = a.shipment_id
                   WHERE s2.unit_id = $1 GROUP BY a.shipment_id, a.profile_version_id HAVING count(*) > 1) d) AS dupes,
                (SELECT count(*)::int FROM assessment a WHERE a.unit_id = $1 AND a.executions > 1) AS twice
           FROM scoring_state WHERE unit_id = $1`,
        [unit.id],
      );
      const row = r.rows[0]!;
      return row.scored === 1800 ? row : undefined;
    }, { timeoutMs: 60_000, what: "1800 shipments scored" });
    expect(done).toEqual({ scored: 1800, other: 0, dupes: 0, twice: 0 });
  } finally {
    await pool.close();
  }
});
