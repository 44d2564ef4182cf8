// A programme manager narrows the seizure summaries to one commodity: "cocaine
// seizures by unit", "cocaine seizures per month", "how many cocaine seizures
// were referred in time". Before, a commodity was only a grouping, so any
// other breakdown mixed every commodity (a newcomer's walk as manager).
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
let manager: TestUser;

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => new Date("2025-12-31T00:00:00Z"));
  app = createApp(services);
  u1 = await createTestUnit(services, "BEANR");
  u2 = await createTestUnit(services, "ECGYE");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [u1.id, u2.id]]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
  await services.pool.query("UPDATE api_token SET expires_at = '2100-01-01' WHERE user_id = $1", [manager.id]);
  await withTransaction(services.pool, async (client) => {
    const rows = [
      { unitId: u1.id, commodity: "cocaine", quantity: 100, qUnit: "kg", at: "2025-10-10T08:00:00Z", method: "profile", arrests: 2 },
      { unitId: u1.id, commodity: "cigarettes", quantity: 10000, qUnit: "sticks", at: "2025-10-12T08:00:00Z", method: "scanner", arrests: 1 },
      { unitId: u2.id, commodity: "cocaine", quantity: 1, qUnit: "t", at: "2025-11-01T08:00:00Z", method: "profile", arrests: 0 },
      { unitId: u2.id, commodity: "heroin", quantity: 20, qUnit: "kg", at: "2025-11-20T08:00:00Z", method: "intelligence", arrests: 3 },
    ];
    const ids: string[] = [];
    for (const [n, row] of rows.entries()) ids.push((await insertSeizure(client, row, n + 1)).seizureId);
    const recipient = { kind: "national_investigators", name: "Investigators" };
    // Cocaine in BEANR referred within 48 h; the cigarettes and the heroin too; the cocaine in ECGYE not referred.
    await insertReferral(client, { unitId: u1.id, seizureId: ids[0]!, steps: [["sent", "2025-10-11T08:00:00Z"]], recipient });
    await insertReferral(client, { unitId: u1.id, seizureId: ids[1]!, steps: [["sent", "2025-10-13T08:00:00Z"]], recipient });
    await insertReferral(client, { unitId: u2.id, seizureId: ids[3]!, steps: [["sent", "2025-11-21T08:00:00Z"]], recipient });
  });
});

afterAll(async () => services.dispose());

const get = (path: string) => request(app).get(path).set(bearer(manager));
const units = () => `${u1.code},${u2.code}`;

describe("seizure summaries of one commodity", () => {
  test("seizures by unit and over time count the commodity chosen only", async () => {
    const all = await get(`/v1/summaries/seizures?groupBy=unit&units=${units()}`).expect(200);
    expect(all.body.totalSeizures).toBe(4);
    const cocaine = await get(`/v1/summaries/seizures?groupBy=unit&commodity=cocaine&units=${units()}`).expect(200);
    expect(cocaine.body.commodity).toBe("cocaine");
    expect(cocaine.body.totalSeizures).toBe(2);
    expect(cocaine.body.rows.map((r: { key: string; seizures: number; quantities: object; sharePercent: number }) => [r.key, r.seizures, r.quantities, r.sharePercent]).sort()).toEqual([
      [u1.code, 1, { kg: 100 }, 50],
      [u2.code, 1, { kg: 1000 }, 50],
    ]);
    const trend = await get(`/v1/summaries/seizures-over-time?series=all&commodity=cocaine&units=${units()}`).expect(200);
    expect(trend.body.rows.map((r: { period: string; seizures: number }) => [r.period, r.seizures])).toEqual([["2025-10", 1], ["2025-11", 1]]);
    const csv = await get(`/v1/summaries/seizures?groupBy=unit&commodity=heroin&units=${units()}&format=csv`).expect(200);
    expect(csv.text.trim().split("\n").slice(1)).toEqual([`${u2.code},1,100,20,3`]);
  });

  test("the referral follow-up and the dashboard's blocks and tiles follow it; the hit rate of inspections does not", async () => {
    const funnel = await get(`/v1/summaries/referrals?commodity=cocaine&units=${units()}`).expect(200);
    expect(funnel.body.rows[0]).toMatchObject({ seizures: 2, referred: 1, referredInTime: 1, referredInTimePercent: 50 });
    const board = await get(`/v1/summaries/dashboard?commodity=cocaine&from=2025-10-01&to=2025-12-31&funnelBy=unit&units=${units()}`).expect(200);
    expect(board.body.commodity).toBe("cocaine");
    expect(board.body.seizures.totalSeizures).toBe(2);
    expect(board.body.overTime.totalSeizures).toBe(2);
    expect(board.body.referrals.rows[0]).toMatchObject({ seizures: 2, referred: 1 });
    expect(board.body.kpis.commodity).toBe("cocaine");
    expect(board.body.kpis.seizures.current).toBe(2);
    expect(board.body.kpis.seizures.byCommodity.map((c: { commodity: string }) => c.commodity)).toEqual(["cocaine"]);
    expect(board.body.kpis.referralFollowUp.now).toMatchObject({ seizures: 2, referredInTime: 1 });
    const everything = await get(`/v1/summaries/dashboard?from=2025-10-01&to=2025-12-31&units=${units()}`).expect(200);
    expect(everything.body.kpis.seizures.current).toBe(4);
    expect(board.body.kpis.inspectionHitRate.now).toEqual(everything.body.kpis.inspectionHitRate.now);
  });

  test("a commodity the programme does not know is refused, naming the field", async () => {
    const res = await get(`/v1/summaries/seizures?commodity=coke`).expect(400);
    expect(JSON.stringify(res.body)).toContain("commodity");
  });
});
