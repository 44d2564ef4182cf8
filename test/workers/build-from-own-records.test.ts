// A unit with no imported history builds a profile from its own records:
// the manifests it received through the API, the inspections its officers
// recorded and the seizures they found. Real PostgreSQL, Redis and workers.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { withTransaction } from "../../core/db/pool.js";
import { parsedManifestHash } from "../../core/manifests/content-hash.js";
import { fastManifest } from "../../core/manifests/fast-manifest.js";
import { storeManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema, type ManifestInput } from "../../core/manifests/manifest-schema.js";
import { enqueueScoring } from "../../core/scoring/enqueue-scoring.js";
import { generateContainerHistory, lineId } from "../../fixtures/container-history/index.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { manifestsOf } from "../helpers/container-manifests.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;
let unit: TestUnit;
let analyst: TestUser;
let officer: TestUser;
const world = generateContainerHistory({ seed: 33, perMonth: 250, trainMonths: 9, laterMonths: 1, baseRate: 0.03 });
const inspected = world.history.flatMap((line) => (line.outcome?.inspected === true ? [{ line, outcome: line.outcome }] : []));

/** A manifest document as the ingest route reads it: the fast path, else zod. */
function parsedManifest(document: unknown): ManifestInput {
  const max = services.config.MANIFEST_MAX_SHIPMENTS;
  return fastManifest(document, max) ?? manifestSchema(max).parse(document);
}

/** Runs `work(0)` … `work(count - 1)`, four at a time. */
async function inLanes(count: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) await work(index);
  };
  await Promise.all(Array.from({ length: 4 }, lane));
}

async function job(id: string) {
  return waitFor(async () => {
    const res = await request(app).get(`/v1/units/${unit.code}/analysis-jobs/${id}`).set(bearer(analyst));
    return res.body.status === "succeeded" || res.body.status === "failed" ? res.body : undefined;
  }, { what: `analysis job ${id}`, timeoutMs: 90_000 });
}

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "10", INGEST_RATE_LIMIT: "100000" });
  app = createApp(services);
  workers = startWorkerPool(services);
  unit = await createTestUnit(services, "BEANR");
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  // The build is under test, not the ingest (manifest-ingest tests that): the
  // ~1,500 manifests go through the ingest's own parse and store code
  // (storeManifest: shipments, parties, sightings, scoring outbox), each in a
  // transaction of its own as a POST stores it, instead of one HTTP request
  // each, then are scored as after an ingest. Posting them one by one was
  // ~100 s of the file's time. Four at once, as concurrent ingests of a port
  // store them: one after another in one transaction, each manifest waited on
  // its round trips (38 s of the file's 64 s alone at load 13, 10 s so).
  const documents = manifestsOf(world.history);
  const idsOf: string[][] = [];
  await inLanes(documents.length, async (i) => {
    const manifest = parsedManifest(JSON.parse(JSON.stringify(documents[i])) as unknown);
    const result = await withTransaction(services.pool, (client) => storeManifest(client, services.now(), unit, manifest, parsedManifestHash(manifest)));
    expect(result.status, JSON.stringify(result.body)).toBe(202);
    idsOf[i] = result.newShipmentIds;
  });
  const stored = idsOf.flat();
  expect(stored).toHaveLength(world.history.length);
  expect(await enqueueScoring(services, unit.id, stored, "ingest", `seed-${unit.code}`)).toBe(true);
  await waitFor(async () => {
    const pending = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state WHERE unit_id = $1 AND status = 'pending'", [unit.id]);
    return pending.rows[0]!.n === 0;
  }, { what: "scoring of the seeded manifests", timeoutMs: 120_000 });
  const ids = await services.pool.query<{ id: string; ref: string }>(
    "SELECT id, bill_of_lading || '/' || container_number AS ref FROM shipment WHERE unit_id = $1",
    [unit.id],
  );
  const idOf = new Map(ids.rows.map((r) => [r.ref, r.id]));
  // Each inspection (and its seizure) after the other, four shipments at once.
  await inLanes(inspected.length, async (i) => {
    const { line, outcome } = inspected[i]!;
    const hit = outcome.hit;
    const recorded = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(officer)).send({
      shipmentId: idOf.get(lineId(line)),
      scanned: true,
      physicallyExamined: hit,
      inspectedBy: "Team B",
      inspectedAt: `${line.arrivalDate}T10:00:00Z`,
      outcome: hit ? "seizure" : "nothing_found",
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    if (!hit) return;
    const seized = await request(app).post(`/v1/units/${unit.code}/seizures`).set(bearer(officer)).send({
      inspectionId: recorded.body.id,
      commodity: outcome.commodity ?? "cocaine",
      quantity: outcome.quantity?.value ?? 100,
      quantityUnit: "kg",
      concealment: "in_cargo",
      detectionMethod: "profile",
      seizedAt: `${line.arrivalDate}T12:00:00Z`,
    });
    expect(seized.status, JSON.stringify(seized.body)).toBe(201);
  });
}, 480_000);

afterAll(async () => {
  await workers.close();
  await services.dispose();
});

test("a build from the unit's own manifests and inspections, with no import, stores a draft named after its seizures", async () => {
  const res = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2025-01-01", to: "2025-09-30", sources: "manifests" });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const done = await job(res.body.jobId as string);
  expect(done.status, done.error).toBe("succeeded");
  const { report, backtest, profile } = done.result;
  expect(report.sources).toBe("manifests");
  expect(report.history.records + backtest.evaluationRecords).toBe(inspected.length);
  // Every shipment nobody opened fed the context.
  expect(report.history.uninspected).toBeGreaterThan(world.history.length / 2);
  expect(report.target, JSON.stringify(report.history)).toEqual({ kind: "commodity", commodity: "cocaine" });
  expect(done.result.explanation).toMatch(/inspected containers/);
  expect(backtest.randomSelections.records).toBeGreaterThanOrEqual(0);
  const version = await services.pool.query<{ definition: { code: string; indicators: { code: string }[] } }>("SELECT definition FROM profile_version WHERE id = $1", [profile.versionId]);
  expect(version.rows[0]!.definition.code).toBe("LEARNED-COCAINE");
  expect(version.rows[0]!.definition.indicators.length).toBeGreaterThan(3);
}, 120_000);

test("the build's held-out figures are the editor's back-test of the stored draft over the same records", async () => {
  // Review: the build reported one selection rate, the editor's back-test of the same draft on the same held-out records another.
  const res = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2025-01-01", to: "2025-09-30", evaluateFrom: "2025-08-01", code: "AGREE", name: "Agree", sources: "manifests" });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const built = await job(res.body.jobId as string);
  expect(built.status, built.error).toBe("succeeded");
  const { backtest: reported } = built.result;
  const bt = await request(app).post(`/v1/units/${unit.code}/backtests`).set(bearer(analyst)).send({ profile: { profileCode: "AGREE", version: 1 }, from: reported.evaluateFrom, to: reported.evaluateTo });
  expect(bt.status, JSON.stringify(bt.body)).toBe(202);
  const tested = await job(bt.body.jobId as string);
  expect(tested.status, tested.error).toBe("succeeded");
  const editor = tested.result.profile;
  const figures = (x: { records: number; hits: number; selected: number; share: number | null; precision: number | null; recall: number | null }) => x;
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  expect(reported.selected.count, "the held-out period selects something").toBeGreaterThan(0);
  expect(figures({ records: tested.result.records, hits: tested.result.hits, selected: editor.selected, share: round(editor.selectionRate), precision: round(editor.precision), recall: round(editor.recall) })).toEqual(
    figures({ records: reported.evaluationRecords, hits: reported.hits, selected: reported.selected.count, share: reported.selected.share, precision: reported.selected.precision, recall: reported.selected.recall }),
  );
  // The same records are the held-out part of the editor's report.
  expect(editor.sample.heldOut.selected).toBe(reported.selected.count);
}, 180_000);

test("asking for imported history only, when the unit has none, fails with a message that says what to do", async () => {
  const res = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2025-01-01", to: "2025-09-30", sources: "imports" });
  expect(res.status).toBe(202);
  const done = await job(res.body.jobId as string);
  expect(done.status).toBe("failed");
  expect(done.error).toMatch(/sources: imports\): import history first/);
  const bad = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2025-01-01", to: "2025-09-30", sources: "everything" });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body.errors)).toMatch(/sources/);
}, 120_000);

test("shipments stored with NULL list columns (as the demo year's COPY leaves seal numbers) still build", async () => {
  // Runs last: it rewrites the unit's shipments. COPY without a column stores NULL, not '{}'.
  const nulled = await services.pool.query("UPDATE shipment SET seal_numbers = NULL, transshipment_ports = CASE WHEN random() < 0.5 THEN NULL ELSE transshipment_ports END WHERE unit_id = $1", [unit.id]);
  expect(nulled.rowCount).toBe(world.history.length);
  const res = await request(app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer(analyst)).send({ from: "2025-01-01", to: "2025-09-30", sources: "manifests" });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const done = await job(res.body.jobId as string);
  expect(done.status, done.error).toBe("succeeded");
  expect(done.result.report.history.records + done.result.backtest.evaluationRecords).toBe(inspected.length);
}, 120_000);
