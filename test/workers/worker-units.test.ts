// WORKER_UNITS: a worker pool's sweeps keep to its units. Several pools may run
// against one database (a port's own pool, or the worker processes of test
// files running side by side); a sweep over every unit took the others'
// pending rows, staged manifests and re-score chunks into its own queue.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { parseConfig } from "../../core/config.js";
import { withTransaction } from "../../core/db/pool.js";
import { reconcilePending } from "../../core/scoring/reconcile.js";
import { storeRescoreChunks } from "../../core/scoring/rescore-chunks.js";
import { sweepUnitIds, unknownUnitCodes } from "../../core/units/worker-units.js";
import { handleReconcile } from "../../workers/jobs/reconcile.js";
import { handleReferralSweep } from "../../workers/jobs/referral-sweep.js";
import { enqueueReconcile, enqueueReferralSweep } from "../../workers/scheduler.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { seedSeizedReferral } from "../helpers/seized-referral.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

let services: TestServices;
let scoped: TestServices | undefined;

beforeAll(() => {
  // Large manifests from 4 containers, expanded by a worker job only (none runs here): a staged payload stays.
  services = createTestServices({ MANIFEST_STAGED_FROM: "4", MANIFEST_EXPAND_IN_API: "false" });
});
afterAll(async () => {
  await scoped?.dispose();
  await services.dispose();
});

test("WORKER_UNITS is a list of unit codes; a bad code stops the process naming the variable", () => {
  expect(parseConfig({ WORKER_UNITS: " ecgye-pcu, BEANR-1 ,ECGYE-PCU," }).WORKER_UNITS).toEqual(["ECGYE-PCU", "BEANR-1"]);
  expect(parseConfig({}).WORKER_UNITS).toEqual([]);
  expect(parseConfig({ WORKER_UNITS: "" }).WORKER_UNITS).toEqual([]);
  expect(() => parseConfig({ WORKER_UNITS: "BEANR-1,NL RTM" })).toThrow(/WORKER_UNITS="BEANR-1,NL RTM" \(item 1\): each unit code must be/);
});

/**
 * Rows of every kind the reconciler and the referral sweep pick up: the unit's to sweep or to leave alone. They are
 * overdue on the scoped pool's clock (10 days ahead) only, so no sweep of another file running beside this one
 * (on the real clock) takes them first.
 */
async function overdueWork(unit: TestUnit): Promise<void> {
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const app = createApp(services);
  expect((await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(3))).status).toBe(202);
  const staged = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(4));
  expect(staged.body).toMatchObject({ state: "expanding" });
  const ids = await services.pool.query<{ shipment_id: string }>("SELECT shipment_id FROM scoring_state WHERE unit_id = $1", [unit.id]);
  await withTransaction(services.pool, (client) => storeRescoreChunks(client, unit.id, "test", ids.rows.map((row) => row.shipment_id), 50, new Date()));
  await seedSeizedReferral(services.pool, unit.id, { billOfLading: "BL-SCOPE", due: "1 day" });
}

/** What a sweep changes on a unit's rows: the time they were last enqueued, and the referral's overdue mark. */
async function sweepMarks(unit: TestUnit): Promise<unknown> {
  const read = async (sql: string) => (await services.pool.query(sql, [unit.id])).rows;
  return {
    pending: await read("SELECT shipment_id, enqueued_at FROM scoring_state WHERE unit_id = $1 AND status = 'pending' ORDER BY shipment_id"),
    staged: await read("SELECT manifest_id, enqueued_at FROM manifest_staged WHERE unit_id = $1 ORDER BY manifest_id"),
    chunks: await read("SELECT id, enqueued_at FROM rescore_chunk WHERE unit_id = $1 ORDER BY id"),
    referrals: await read("SELECT id, overdue_since FROM referral WHERE unit_id = $1 ORDER BY id"),
  };
}

test("a worker scoped to unit A sweeps A's overdue work and leaves unit B's alone", async () => {
  const a = await createUnitWithBaseline(services);
  const b = await createUnitWithBaseline(services);
  await overdueWork(a);
  await overdueWork(b);
  const bBefore = await sweepMarks(b);

  // A's pool, as workers/main.ts runs it: WORKER_UNITS with its unit and one the database does not have.
  // Its clock 10 days ahead: every row above is overdue to it, its jobs long lost as far as a reconciler can tell.
  scoped = createTestServices({ WORKER_UNITS: `${a.code.toLowerCase()},NOPE-UNIT7` }, () => new Date(Date.now() + 10 * 86_400_000));
  expect(await unknownUnitCodes(scoped.pool, scoped.config.WORKER_UNITS)).toEqual(["NOPE-UNIT7"]);

  const reconcileId = await enqueueReconcile(scoped, "units-test");
  const reconcileJob = (await scoped.queues.maintenance.getJob(reconcileId!))!;
  expect(reconcileJob.data).toMatchObject({ units: [a.code, "NOPE-UNIT7"] });
  // A pool of every unit sharing the prefix enqueues its own sweep for the same slot, not the same job.
  const everyUnitId = await enqueueReconcile({ ...scoped, config: { ...scoped.config, WORKER_UNITS: [] } }, "units-test");
  expect(everyUnitId).not.toBe(reconcileId);
  await scoped.queues.maintenance.remove(everyUnitId!);

  // Exactly A's: its 3 pending shipments, its staged manifest and its re-score chunk, whatever else the database holds.
  expect(await handleReconcile(scoped, reconcileJob)).toEqual({ reenqueued: 3, rescoreChunks: 1, analysisJobs: 0, expansions: 1 });
  const sweepJob = (await scoped.queues.maintenance.getJob((await enqueueReferralSweep(scoped, "units-test"))!))!;
  expect(await handleReferralSweep(scoped, sweepJob)).toEqual({ markedOverdue: 1, notified: 1 });

  expect(await sweepMarks(b)).toEqual(bBefore);
  const aAfter = (await sweepMarks(a)) as Record<string, { enqueued_at?: Date; overdue_since?: Date | null }[]>;
  for (const row of [...aAfter.pending!, ...aAfter.staged!, ...aAfter.chunks!]) expect(row.enqueued_at!.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  expect(aAfter.referrals!.every((row) => row.overdue_since !== null)).toBe(true);
  // What the sweep enqueued is A's alone.
  const scoring = await scoped.queues.scoring.getJobs(["waiting", "prioritized", "delayed"]);
  expect(scoring.length).toBeGreaterThan(0);
  expect(new Set(scoring.map((job) => (job.data as { unitId: string }).unitId))).toEqual(new Set([a.id]));

  // Named units none of which exists yet: the sweep covers none, not every unit.
  expect(await sweepUnitIds(scoped.pool, ["NOPE-UNIT7"])).toEqual([]);
  expect(await reconcilePending(scoped, { unitIds: [], graceSeconds: -3_600 })).toEqual({ reenqueued: 0, rescoreChunks: 0, analysisJobs: 0 });
});
