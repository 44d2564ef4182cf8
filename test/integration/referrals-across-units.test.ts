// A programme manager opens the referrals behind the dashboard's overdue
// count: GET /v1/referrals lists the referrals of every unit they cover (or
// the units asked for), overdue ones only with overdue=true, narrowed to one
// commodity as the dashboard is, each naming its unit. Another unit's
// manager sees none of them; a bad filter is refused naming the field.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { withTransaction } from "../../core/db/pool.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { insertReferral, insertSeizure } from "../helpers/summary-fixtures.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
const programme = `C-${randomBytes(3).toString("hex").toUpperCase()}`;
let u1: TestUnit;
let u2: TestUnit;
let outside: TestUnit;
let manager: TestUser;
let otherManager: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  services = createTestServices({}, () => new Date("2025-12-31T00:00:00Z"));
  app = createApp(services);
  u1 = await createTestUnit(services, "BEANR");
  u2 = await createTestUnit(services, "ECGYE");
  outside = await createTestUnit(services, "NLRTM");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [u1.id, u2.id]]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
  otherManager = await createTestUser(services, [{ role: "manager", unitCode: outside.code }]);
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = ANY($1::uuid[])", [[manager.id, otherManager.id]]);
  await withTransaction(services.pool, async (client) => {
    const seize = async (unitId: string, commodity: string, line: number) =>
      (await insertSeizure(client, { unitId, commodity, quantity: 10, qUnit: "kg", at: "2025-10-10T08:00:00Z", method: "profile", arrests: 0 }, line)).seizureId;
    const recipient = { kind: "prosecutor", name: "Fiscalía" };
    const c1 = await seize(u1.id, "cocaine", 1);
    const h1 = await seize(u1.id, "heroin", 2);
    const c2 = await seize(u2.id, "cocaine", 3);
    const c3 = await seize(outside.id, "cocaine", 4);
    ids.cocaineOverdue1 = await insertReferral(client, { unitId: u1.id, seizureId: c1, steps: [["sent", "2025-10-11T08:00:00Z"]], overdue: true, recipient });
    ids.heroinOverdue1 = await insertReferral(client, { unitId: u1.id, seizureId: h1, steps: [["sent", "2025-10-11T08:00:00Z"]], overdue: true, recipient });
    ids.cocaineOverdue2 = await insertReferral(client, { unitId: u2.id, seizureId: c2, steps: [], overdue: true, recipient });
    ids.cocaineOnTime2 = await insertReferral(client, { unitId: u2.id, seizureId: c2, steps: [["sent", "2025-12-30T08:00:00Z"]], recipient });
    ids.outsideOverdue = await insertReferral(client, { unitId: outside.id, seizureId: c3, steps: [], overdue: true, recipient });
  });
});

afterAll(async () => services.dispose());

const get = (path: string, who = manager) => request(app).get(path).set(bearer(who));
const listed = (body: { items: { id: string; unitCode: string }[] }) => body.items.map((r) => [r.unitCode, r.id]).sort();

describe("a manager's referrals across their units", () => {
  test("overdue=true lists the overdue referrals of every unit in scope, each with its unit", async () => {
    const all = await get("/v1/referrals").expect(200);
    expect(all.body.items).toHaveLength(4);
    const overdue = await get("/v1/referrals?overdue=true").expect(200);
    expect(listed(overdue.body)).toEqual(
      [
        [u1.code, ids.cocaineOverdue1],
        [u1.code, ids.heroinOverdue1],
        [u2.code, ids.cocaineOverdue2],
      ].sort(),
    );
    expect(overdue.body.items.every((r: { overdue: boolean }) => r.overdue)).toBe(true);
  });

  test("units and commodity narrow it as the dashboard's filters do", async () => {
    expect(listed((await get(`/v1/referrals?overdue=true&units=${u2.code}`).expect(200)).body)).toEqual([[u2.code, ids.cocaineOverdue2]]);
    expect(listed((await get("/v1/referrals?overdue=true&commodity=cocaine").expect(200)).body)).toEqual(
      [
        [u1.code, ids.cocaineOverdue1],
        [u2.code, ids.cocaineOverdue2],
      ].sort(),
    );
    // A unit outside the manager's scope asked for by name gives nothing, not its referrals.
    expect((await get(`/v1/referrals?units=${outside.code}`).expect(200)).body.items).toEqual([]);
    expect(listed((await get("/v1/referrals?overdue=true", otherManager).expect(200)).body)).toEqual([[outside.code, ids.outsideOverdue]]);
  });

  test("a bad filter is refused naming the field", async () => {
    const overdue = await get("/v1/referrals?overdue=yes").expect(400);
    expect(overdue.body.errors.map((e: { path: string }) => e.path)).toEqual(["query.overdue"]);
    const commodity = await get("/v1/referrals?commodity=gold").expect(400);
    expect(commodity.body.errors.map((e: { path: string }) => e.path)).toEqual(["query.commodity"]);
    const units = await get("/v1/referrals?units=nowhere").expect(400);
    expect(units.body.errors[0].path).toMatch(/^query\.units/);
  });

  test("only managers may ask", async () => {
    const officer = await createTestUser(services, [{ role: "officer", unitCode: u1.code }]);
    await get("/v1/referrals", officer).expect(403);
  });
});
