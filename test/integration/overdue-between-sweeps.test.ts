// A manager who reads "N overdue" on the dashboard and opens the list must
// see the same N referrals, whenever the worker's overdue sweep (every 15
// minutes) last ran. Here a referral's due date passes between two sweeps:
// the KPI tile, the manager's list behind it, the unit's list and the
// referral itself all call it overdue at once, and the sweep that follows
// changes none of them; once the step is done, none of them does.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { withTransaction } from "../../core/db/pool.js";
import { sweepOverdueReferrals } from "../../core/referrals/sweep-overdue.js";
import { insertSeizure } from "../helpers/summary-fixtures.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const MINUTE = 60_000;
const sentAt = new Date("2026-05-04T09:00:00Z");
/** The unit's default deadline: acknowledged within 7 days of the sending. */
const ackDue = new Date(sentAt.getTime() + 7 * 24 * 60 * MINUTE);

let clock = sentAt;
let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let manager: TestUser;
const programme = `O-${randomBytes(3).toString("hex").toUpperCase()}`;
let late: string;
let onTime: string;

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => clock);
  app = createApp(services);
  unit = await createTestUnit(services, "BEANR");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = $2", [programme, unit.id]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = ANY($1::uuid[])", [[officer.id, manager.id]]);
  const seizureId = await withTransaction(services.pool, async (client) =>
    (await insertSeizure(client, { unitId: unit.id, commodity: "cocaine", quantity: 120, qUnit: "kg", at: "2026-05-03T22:00:00Z", arrests: 1 }, 1)).seizureId,
  );
  const refer = async (name: string) =>
    (await request(app).post(`/v1/units/${unit.code}/seizures/${seizureId}/referrals`).set(bearer(officer)).send({ recipient: { kind: "prosecutor", name } }).expect(201)).body.id as string;
  late = await refer("Fiscalía Antidrogas");
  onTime = await refer("Fiscalía Especial");
  await request(app).post(`/v1/units/${unit.code}/referrals/${late}/transitions`).set(bearer(officer)).send({ to: "sent" }).expect(200);
  // The other one is sent a day later: its acknowledgement is due a day after the first one's.
  clock = new Date(sentAt.getTime() + 24 * 60 * MINUTE);
  await request(app).post(`/v1/units/${unit.code}/referrals/${onTime}/transitions`).set(bearer(officer)).send({ to: "sent" }).expect(200);
});

afterAll(async () => services.dispose());

/** What a manager sees: the tile's count (KPI summary and the dashboard's copy) and the ids of the list it opens. */
async function managerView() {
  const kpis = await request(app).get("/v1/summaries/kpis").set(bearer(manager)).expect(200);
  const dashboard = await request(app).get("/v1/summaries/dashboard").set(bearer(manager)).expect(200);
  const list = await request(app).get("/v1/referrals?overdue=true").set(bearer(manager)).expect(200);
  return {
    tile: kpis.body.overdueReferrals.current as number,
    dashboardTile: dashboard.body.kpis.overdueReferrals.current as number,
    listed: (list.body.items as { id: string; overdue: boolean }[]).map((r) => r.id),
    flagged: (list.body.items as { id: string; overdue: boolean }[]).every((r) => r.overdue),
  };
}

/** What the unit sees: its overdue list and each referral's own flag. */
async function unitView() {
  const list = await request(app).get(`/v1/units/${unit.code}/referrals?overdue=true`).set(bearer(officer)).expect(200);
  const notOverdue = await request(app).get(`/v1/units/${unit.code}/referrals?overdue=false`).set(bearer(officer)).expect(200);
  const flag = async (id: string) => (await request(app).get(`/v1/units/${unit.code}/referrals/${id}`).set(bearer(officer)).expect(200)).body.overdue as boolean;
  return {
    listed: (list.body.items as { id: string }[]).map((r) => r.id),
    notListed: (notOverdue.body.items as { id: string }[]).map((r) => r.id).sort(),
    late: await flag(late),
    onTime: await flag(onTime),
  };
}

test("a due date passing between two sweeps is counted and listed alike, before and after the next sweep", async () => {
  // The sweep runs one minute before the first acknowledgement is due: nothing to mark.
  clock = new Date(ackDue.getTime() - MINUTE);
  expect((await sweepOverdueReferrals(services, { unitIds: [unit.id] })).markedOverdue).toBe(0);
  expect(await managerView()).toEqual({ tile: 0, dashboardTile: 0, listed: [], flagged: true });

  // Six minutes later, nine before the next sweep: overdue now, for every reader.
  clock = new Date(ackDue.getTime() + 5 * MINUTE);
  expect(await managerView()).toEqual({ tile: 1, dashboardTile: 1, listed: [late], flagged: true });
  expect(await unitView()).toEqual({ listed: [late], notListed: [onTime], late: true, onTime: false });
  const detail = await request(app).get(`/v1/units/${unit.code}/referrals/${late}`).set(bearer(officer)).expect(200);
  expect(detail.body.overdueSince).toBe(ackDue.toISOString());

  // The next sweep marks it and notifies the unit; what managers and officers see does not move.
  clock = new Date(ackDue.getTime() + 14 * MINUTE);
  expect((await sweepOverdueReferrals(services, { unitIds: [unit.id] })).markedOverdue).toBe(1);
  expect(await managerView()).toEqual({ tile: 1, dashboardTile: 1, listed: [late], flagged: true });
  expect(await unitView()).toEqual({ listed: [late], notListed: [onTime], late: true, onTime: false });

  // Acknowledged: no longer overdue anywhere, without waiting for a sweep.
  await request(app).post(`/v1/units/${unit.code}/referrals/${late}/transitions`).set(bearer(officer)).send({ to: "acknowledged" }).expect(200);
  expect(await managerView()).toEqual({ tile: 0, dashboardTile: 0, listed: [], flagged: true });
  expect(await unitView()).toEqual({ listed: [], notListed: [late, onTime].sort(), late: false, onTime: false });
});
