// The overdue-referral sweep as the scheduler runs it: enqueued on the
// maintenance queue, run by the worker pool (routed by job name), and
// harmless when it runs again.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { enqueueReferralSweep } from "../../workers/scheduler.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
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
  const seeded = await services.pool.query<{ id: string }>(
    `WITH s AS (INSERT INTO shipment (id, unit_id, source, line_no, bill_of_lading, external_ref)
                VALUES (gen_random_uuid(), $1, 'history', 1, 'BL-SWEEP', 'BL-SWEEP') RETURNING id),
          i AS (INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at)
                SELECT gen_random_uuid(), s.id, $1, 'seizure', '{scan}', now() - interval '3 days' FROM s RETURNING id, shipment_id),
          z AS (INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, quantity, quantity_unit, concealment, detection_method, agencies, seized_at)
                SELECT gen_random_uuid(), $1, i.id, i.shipment_id, 'heroin', 5, 'kg', 'in_cargo', 'canine', '{}', now() - interval '3 days' FROM i RETURNING id)
     INSERT INTO referral (id, seizure_id, unit_id, recipient_kind, recipient_name, due_at, last_update_at)
     SELECT gen_random_uuid(), z.id, $1, 'prosecutor', 'Prosecutor', now() - interval '1 day', now() - interval '3 days' FROM z RETURNING id`,
    [unit.id],
  );
  const referralId = seeded.rows[0]!.id;
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
