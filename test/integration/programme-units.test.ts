// The units an officer may refer a seizure to (GET /v1/units/{unitCode}/programme-units):
// the other units of the unit's programme, not the unit itself nor another
// programme's, each referable through the referral API by its code. Real PostgreSQL.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let origin: TestUnit;
let elsewhere: TestUnit;
let officer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  origin = await createTestUnit(services, "ECGYE");
  elsewhere = await createTestUnit(services, "PAMIT");
  await services.prisma.controlUnit.update({ where: { id: elsewhere.id }, data: { programme: "AIRCOP" } });
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  stranger = await createTestUser(services, [{ role: "officer", unitCode: origin.code }]);
});
afterAll(async () => services?.dispose());

test("an officer's unit lists the programme's other units, with their names and countries, and not itself or another programme's", async () => {
  const res = await request(app).get(`/v1/units/${unit.code}/programme-units`).set(bearer(officer));
  expect(res.status).toBe(200);
  expect(res.body.programme).toBe("CCP");
  const codes = (res.body.items as { code: string }[]).map((u) => u.code);
  expect(codes).toContain(origin.code);
  expect(codes).not.toContain(unit.code);
  expect(codes).not.toContain(elsewhere.code);
  expect(res.body.items).toContainEqual({ code: origin.code, name: `Test unit ${origin.code}`, locode: "ECGYE", country: "EC", kind: "seaport" });
});

test("only the unit's own members read its list (another unit's officer is told it does not exist, as for its other reads)", async () => {
  expect((await request(app).get(`/v1/units/${unit.code}/programme-units`).set(bearer(stranger))).status).toBe(404);
  expect((await request(app).get(`/v1/units/${unit.code}/programme-units`)).status).toBe(401);
});
