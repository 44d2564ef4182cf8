// The sign-in's answer carries who signed in and their units, exactly as
// GET /v1/me and GET /v1/units answer for that session: the web client starts
// its first screen from it instead of asking twice more, one after the other.
// A one-time password's session is told so there too; a user is given only
// their own units.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { setPassword } from "../../core/admin/set-password.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unitA: TestUnit;
let unitB: TestUnit;
let officer: TestUser;
let analystB: TestUser;
const PASSWORD = "seven cranes over the quay";
const ONE_TIME = "oneTimePassw0rdQZ";

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unitA = await createTestUnit(services);
  unitB = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }, { role: "analyst", unitCode: unitA.code }]);
  analystB = await createTestUser(services, [{ role: "analyst", unitCode: unitB.code }]);
  await setPassword(services, { username: officer.username, password: PASSWORD }, { name: "test" });
  await setPassword(services, { username: analystB.username, password: ONE_TIME }, { name: "test" }, { oneTime: true });
});
afterAll(async () => services.dispose());

const signIn = (username: string, password: string) => request(app).post("/v1/session").send({ username, password });

describe("the sign-in's answer", () => {
  test("carries me and units as the session's own GET /v1/me and GET /v1/units answer them", async () => {
    const session = await signIn(officer.username, PASSWORD);
    expect(session.status).toBe(201);
    const auth = { Authorization: `Bearer ${session.body.token as string}` };
    const me = await request(app).get("/v1/me").set(auth);
    const units = await request(app).get("/v1/units").set(auth);
    expect(me.status).toBe(200);
    expect(units.status).toBe(200);
    expect(session.body.me).toEqual(me.body);
    expect(session.body.units).toEqual(units.body.items);
    expect(session.body.me.passwordChangeRequired).toBe(false);
    expect(session.body.units.map((u: { code: string; yourRoles: string[] }) => [u.code, [...u.yourRoles].sort()])).toEqual([[unitA.code, ["analyst", "officer"]]]);
  });

  test("a one-time password's session is told to choose one there too", async () => {
    const session = await signIn(analystB.username, ONE_TIME);
    expect(session.status).toBe(201);
    const auth = { Authorization: `Bearer ${session.body.token as string}` };
    expect(session.body.me).toMatchObject({ username: analystB.username, passwordChangeRequired: true });
    expect((await request(app).get("/v1/me").set(auth)).body).toEqual(session.body.me);
    expect(session.body.units).toEqual((await request(app).get("/v1/units").set(auth)).body.items);
  });

  test("another unit's user is given only their unit", async () => {
    await setPassword(services, { username: analystB.username, password: PASSWORD }, { name: "test" });
    const session = await signIn(analystB.username, PASSWORD);
    expect(session.body.units.map((u: { code: string; yourRoles: string[] }) => [u.code, u.yourRoles])).toEqual([[unitB.code, ["analyst"]]]);
  });

  test("a failed sign-in answers nothing about the user", async () => {
    const refused = await signIn(officer.username, "not the password at all");
    expect(refused.status).toBe(401);
    expect(refused.body.me).toBeUndefined();
    expect(refused.body.units).toBeUndefined();
  });
});
