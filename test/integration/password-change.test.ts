// Changing one's own password: required after a one-time password, refused
// with the field named when the current one is wrong or the new one weak,
// ending the user's other web sessions, audited without the passwords.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { setPassword } from "../../core/admin/set-password.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
const ONE_TIME = "oneTimePassw0rdXY";

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  await setPassword(services, { username: officer.username, password: ONE_TIME }, { name: "test" }, { oneTime: true });
});
afterAll(async () => services.dispose());

const signIn = (password: string) => request(app).post("/v1/session").send({ username: officer.username, password });

describe("a one-time password", () => {
  test("a session signed in with it may only read who it is, change the password and sign out; API tokens keep working", async () => {
    const session = await signIn(ONE_TIME);
    expect(session.body.passwordChangeRequired).toBe(true);
    const auth = { Authorization: `Bearer ${session.body.token as string}` };
    expect((await request(app).get("/v1/me").set(auth)).body.passwordChangeRequired).toBe(true);
    const refused = await request(app).get(`/v1/units/${unit.code}/shipments`).set(auth);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ passwordChangeRequired: true, message: expect.stringContaining("/v1/me/password") });
    // A script's API token is not a person at a browser.
    expect((await request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(officer))).status).toBe(200);
  });

  test("a wrong current password, a short or unchanged new one are named", async () => {
    const session = await signIn(ONE_TIME);
    const change = (body: unknown) => request(app).post("/v1/me/password").set("Authorization", `Bearer ${session.body.token as string}`).send(body as object);
    expect((await change({ currentPassword: "not it at all", newPassword: "a long enough passphrase" })).body.errors).toEqual([{ path: "currentPassword", message: "does not match your current password" }]);
    expect((await change({ currentPassword: ONE_TIME, newPassword: "short" })).body.errors).toEqual([{ path: "newPassword", message: "at least 12 characters" }]);
    expect((await change({ currentPassword: ONE_TIME, newPassword: ONE_TIME })).body.errors).toEqual([{ path: "newPassword", message: "must differ from the current password" }]);
    expect((await change({})).body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["currentPassword", "newPassword"]);
  });

  test("choosing one lifts the restriction, ends the other sessions, and is audited without either password", async () => {
    const other = await signIn(ONE_TIME);
    const session = await signIn(ONE_TIME);
    const auth = { Authorization: `Bearer ${session.body.token as string}` };
    const chosen = "quiet harbour under seven cranes";
    const changed = await request(app).post("/v1/me/password").set(auth).send({ currentPassword: ONE_TIME, newPassword: chosen });
    expect(changed.status).toBe(200);
    expect(changed.body.otherSessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await request(app).get(`/v1/units/${unit.code}/shipments`).set(auth)).status).toBe(200);
    expect((await request(app).get("/v1/me").set("Authorization", `Bearer ${other.body.token as string}`)).status).toBe(401);
    expect((await signIn(ONE_TIME)).status).toBe(401);
    expect((await signIn(chosen)).body.passwordChangeRequired).toBe(false);
    const audit = await services.pool.query<{ row: string }>("SELECT row_to_json(a)::text AS row FROM audit_event a WHERE action = 'user.password_changed' AND entity_id = $1", [officer.id]);
    expect(audit.rowCount).toBe(1);
    expect(audit.rows[0]!.row).not.toContain(chosen);
    expect(audit.rows[0]!.row).not.toContain(ONE_TIME);
  });
});
