// The overdue-referral sweep as the scheduler runs it: enqueued on the
// maintenance queue, run by the worker pool (routed by job name), and
// harmless when it runs again.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { enqueueReferralSweep } from "../../workers/scheduler.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { seedSeizedReferral } from "../helpers/seized-referral.js";
import { createTestUnit } from "../helpers/test-units.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool;

beforeAll(() => {
  services = createTestServices();
  pool = startWorkerPool(services);
});
afterAll(async () => {
  await pool.close();
  await services.dispose();
});

test("a scheduled sweep marks an overdue referral once and notifies its unit once", async () => {
  const unit = await createTestUnit(services);
  const referralId = await seedSeizedReferral(services.pool, unit.id, { billOfLading: "BL-SWEEP", due: "-1 day" });
  const notifications = async () =>
    (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM notification WHERE entity_id = $1 AND kind = 'referral_overdue'", [referralId])).rows[0]!.n;

  await enqueueReferralSweep(services, "test-1");
  await waitFor(async () => (await notifications()) === 1, { what: "overdue notification" });
  const marked = await services.pool.query<{ overdue_since: Date | null }>("SELECT overdue_since FROM referral WHERE id = $1", [referralId]);
  expect(marked.rows[0]!.overdue_since).not.toBeNull();
  // The notice keeps its values as data (0016), so each reader's client writes it in their own language.
  const stored = await services.pool.query<{ params: Record<string, string> }>("SELECT params FROM notification WHERE entity_id = $1", [referralId]);
  expect(stored.rows[0]!.params).toMatchObject({ commodity: "heroin", recipient: "Prosecutor", status: "drafted" });
  expect(stored.rows[0]!.params.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

  const secondId = await enqueueReferralSweep(services, "test-2");
  const job = await services.queues.maintenance.getJob(secondId!);
  await waitFor(async () => (await job?.getState()) === "completed", { what: "second sweep" });
  expect(await notifications()).toBe(1);
  const again = await services.pool.query<{ overdue_since: Date | null }>("SELECT overdue_since FROM referral WHERE id = $1", [referralId]);
  expect(again.rows[0]!.overdue_since).toEqual(marked.rows[0]!.overdue_since);
});
