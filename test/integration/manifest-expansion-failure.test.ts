// A staged manifest whose expansion keeps failing (core/manifests/
// expansion-failures.ts), over the real database, Redis and worker pool: the
// fault is a trigger on shipment that refuses this manifest's rows (always,
// or its first N attempts), as a database refusing a payload would. At
// MANIFEST_EXPAND_MAX_ATTEMPTS the manifest reads "failed" with the reason,
// an audit event and an error log line name it, and nothing retries it; the
// operator's CLI retry then expands it to the rows the one-transaction path
// writes; a passing fault below the limit still ends stored.
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { expandStagedManifest, reconcileStagedManifests } from "../../core/manifests/staged-manifests.js";
import { payloadJson } from "../../core/manifests/staged-payload.js";
import type { Services } from "../../core/services.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { EXPANSION_FAULT as FAULT, stageFailing, type ExpansionFault } from "../helpers/expansion-fault.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { runCli } from "../helpers/run-cli.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

const MAX_ATTEMPTS = 3;
const SCRAPE_TOKEN = "expansion-failure-scrape-token-0001";

let services: TestServices;
/** The same services logging into `logLines`, for the worker pool and direct calls. */
let logged: Services;
const logLines: { level: number; msg: string; manifestId?: string; attempts?: number }[] = [];
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let workers: WorkerPool;
const faults: ExpansionFault[] = [];

beforeAll(async () => {
  // The job path alone (no expansion by the answering process), with a small limit: attempts come from the job's retries.
  services = createTestServices({ METRICS_TOKEN: SCRAPE_TOKEN, MANIFEST_STAGED_FROM: "5", MANIFEST_EXPAND_IN_API: "false", MANIFEST_EXPAND_MAX_ATTEMPTS: String(MAX_ATTEMPTS), QUEUE_READ_CACHE_MS: "0" });
  const logger = pino({ level: "info" }, { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) });
  logged = { ...services, logger };
  app = createApp(logged);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  workers = startWorkerPool(logged);
});
afterAll(async () => {
  await workers?.close();
  for (const fault of faults) await fault.drop();
  await services.dispose();
});

const getManifest = (id: string) => request(app).get(`/v1/units/${unit.code}/manifests/${id}`).set(bearer(officer));

/** Posts a staged manifest with its expansion fault installed before any worker may take its job. */
function postStagedFailing(body: Record<string, unknown>, failures: number): Promise<{ manifestId: string; fault: ExpansionFault }> {
  return stageFailing(
    services,
    async () => {
      const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(body);
      expect(res.status).toBe(202);
      expect(res.body.state).toBe("expanding");
      return { manifestId: res.body.manifestId as string };
    },
    failures,
  );
}

/** The staged row, with how many shipments its stored payload holds (decompressed and parsed as an expansion reads it). */
async function stagedRow(manifestId: string) {
  const found = await services.pool.query<{ attempts: number; failed: boolean; payload: string | null; payload_brotli: Buffer | null }>(
    "SELECT attempts, failed_at IS NOT NULL AS failed, payload, payload_brotli FROM manifest_staged WHERE manifest_id = $1",
    [manifestId],
  );
  const row = found.rows[0];
  return row && { attempts: row.attempts, failed: row.failed, payloadShipments: (JSON.parse(payloadJson(row)) as { shipments: unknown[] }).shipments.length };
}

const auditOf = (manifestId: string, action: string) =>
  services.pool.query<{ actor_name: string; details: Record<string, unknown> }>("SELECT actor_name, details FROM audit_event WHERE entity_id = $1 AND action = $2", [manifestId, action]);

/** The rows a manifest's expansion wrote, as the one-transaction path writes them (scoring status aside: workers run here). */
const shipmentRows = async (manifestId: string) =>
  (
    await services.pool.query(
      `SELECT s.line_no, s.bill_of_lading, s.container_number, s.seal_numbers, s.parties, s.hs_codes, s.declared_value, s.attributes, s.arrival_date,
              sh.identity_key AS shipper, cn.identity_key AS consignee, ps.first_seen_at, ps.shipments AS sightings, st.arrival_date AS state_arrival
         FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id
         LEFT JOIN party sh ON sh.id = s.shipper_id LEFT JOIN party cn ON cn.id = s.consignee_id
         LEFT JOIN party_sighting ps ON ps.party_id = s.consignee_id AND ps.unit_id = s.unit_id
        WHERE s.manifest_id = $1 ORDER BY s.line_no`,
      [manifestId],
    )
  ).rows;

describe("a staged manifest whose expansion keeps failing", () => {
  const consignee = (i: number) => ({ name: `FAILED IMPORT ${i % 2} BV`, address: "Havenstraat 1, Antwerpen", country: "BE" });
  const body = buildManifest(6, { shipments: Array.from({ length: 6 }, (_, i) => buildShipment(i, { consignee: consignee(i) })) });
  let manifestId: string;
  let fault: ExpansionFault;

  test("is marked failed at MANIFEST_EXPAND_MAX_ATTEMPTS, with its reason, an audit event and an error log line, and nothing retries it", async () => {
    ({ manifestId, fault } = await postStagedFailing(body, Number.MAX_SAFE_INTEGER));
    faults.push(fault);
    // The workers' job (5 attempts, backoff 1 s, 2 s) meets the fault on every attempt.
    const failed = await waitFor(async () => {
      const page = await getManifest(manifestId);
      return page.body.state === "failed" ? page.body : undefined;
    }, { timeoutMs: 30_000, what: "the manifest marked failed" });
    expect(failed).toMatchObject({ state: "failed", failure: { reason: FAULT, attempts: MAX_ATTEMPTS, failedAt: expect.any(String) }, shipmentCount: 6, shipmentsStored: 0 });

    const audit = await auditOf(manifestId, "manifest.expansion_failed");
    expect(audit.rows).toEqual([{ actor_name: "manifest-expansion", details: { attempts: MAX_ATTEMPTS, reason: FAULT } }]);
    const errors = logLines.filter((line) => line.level === 50 && line.manifestId === manifestId);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain(`manifest ${manifestId} marked failed after ${MAX_ATTEMPTS} failed expansions`);
    expect(logLines.filter((line) => line.level === 40 && line.manifestId === manifestId).map((line) => line.attempts)).toEqual([1, 2]);

    // The job ends failed at the limit instead of using up its 5 attempts.
    const job = await services.queues.maintenance.getJob(`expand-${manifestId}`);
    await waitFor(async () => (await job?.getState()) === "failed", { what: "the expansion job failed" });
    expect((await services.queues.maintenance.getJob(`expand-${manifestId}`))?.attemptsMade).toBe(MAX_ATTEMPTS);

    // No more retries: the reconciler passes it by, a stray job writes and counts nothing. The payload stays.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await reconcileStagedManifests(logged, { unitId: unit.id, graceSeconds: 0.001 })).toBe(0);
    expect(await expandStagedManifest(logged, manifestId)).toEqual({ shipments: 0 });
    expect(await stagedRow(manifestId)).toEqual({ attempts: MAX_ATTEMPTS, failed: true, payloadShipments: 6 });
    expect((await getManifest(manifestId)).body).toMatchObject({ state: "failed", shipmentsStored: 0 });
    // Prometheus sees it (a suggested alert: any failed).
    const metrics = await request(app).get("/metrics").set("Authorization", `Bearer ${SCRAPE_TOKEN}`);
    expect(Number(/^portcullis_manifests_staged\{state="failed"\} (\d+)$/m.exec(metrics.text)?.[1])).toBeGreaterThanOrEqual(1);
    // The list shows it failed too (the manifests screen reads it).
    const list = await request(app).get(`/v1/units/${unit.code}/manifests`).set(bearer(officer));
    expect((list.body.items as { id: string }[]).find((item) => item.id === manifestId)).toMatchObject({ state: "failed", failure: { reason: FAULT } });
  }, 60_000);

  test("the operator's retry (CLI) resets its attempts and enqueues it; the workers then write the rows the one-transaction path writes", async () => {
    expect(manifestId).toBeDefined();
    await fault.drop();
    const retry = await runCli(["manifests", "retry-expansion", "--id", manifestId], { env: { QUEUE_PREFIX: services.config.QUEUE_PREFIX } });
    expect(retry.code, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ manifestId, unitId: unit.id, was: "failed", attemptsBefore: MAX_ATTEMPTS, lastError: FAULT, enqueued: true });
    const audit = await auditOf(manifestId, "manifest.expansion_retried");
    expect(audit.rows).toEqual([{ actor_name: expect.stringMatching(/^cli:/), details: { attempts: MAX_ATTEMPTS, failed: true, lastError: FAULT } }]);

    const stored = await waitFor(async () => {
      const page = await getManifest(manifestId);
      return page.body.state === "stored" ? page.body : undefined;
    }, { timeoutMs: 30_000, what: "the retried manifest stored" });
    expect(stored).toMatchObject({ state: "stored", shipmentsStored: 6 });
    expect(stored.failure).toBeUndefined();
    expect(await stagedRow(manifestId)).toBeUndefined();

    // The same manifest through the one-transaction path, in another unit: the same rows, parties and sightings.
    const other = await createTestUnit(services);
    const parsed = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS).parse(body);
    const direct = await ingestManifest(logged, { unit: { id: other.id, code: other.code, country: "BE", programme: "CCP" }, manifest: parsed, actor: { name: "test:expansion-failure" } });
    const viaRetry = await shipmentRows(manifestId);
    expect(viaRetry).toHaveLength(6);
    expect(viaRetry[0]).toMatchObject({ consignee: expect.any(String), sightings: 3 });
    expect(viaRetry).toEqual(await shipmentRows(direct.body.manifestId));

    // A stored manifest has nothing to retry: the command says so and fails.
    const again = await runCli(["manifests", "retry-expansion", "--id", manifestId], { env: { QUEUE_PREFIX: services.config.QUEUE_PREFIX } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/its shipments are stored already/);
  }, 90_000);
});

test("a fault that passes before the limit: the job's next attempt stores it, nothing is marked failed", async () => {
  const { manifestId, fault } = await postStagedFailing(buildManifest(7), MAX_ATTEMPTS - 1);
  faults.push(fault);
  const stored = await waitFor(async () => {
    const page = await getManifest(manifestId);
    return page.body.state === "stored" ? page.body : undefined;
  }, { timeoutMs: 30_000, what: "the manifest stored after a passing fault" });
  expect(stored).toMatchObject({ state: "stored", shipmentsStored: 7 });
  expect((await auditOf(manifestId, "manifest.expansion_failed")).rows).toEqual([]);
  expect(logLines.filter((line) => line.manifestId === manifestId && line.level >= 40).map((line) => [line.level, line.attempts])).toEqual([
    [40, 1],
    [40, 2],
  ]);
  const lines = await services.pool.query<{ line_no: number }>("SELECT line_no FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId]);
  expect(lines.rows.map((row) => row.line_no)).toEqual([0, 1, 2, 3, 4, 5, 6]);
}, 60_000);
