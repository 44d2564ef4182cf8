// Issue 15, item 2: the admin screens' user and role actions through the API:
// create, disable and enable a user, reset a password (a one-time password
// shown once), grant and revoke roles; each audited, refused for non-admins,
// and bad inputs answered with the field named.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let admin: TestUser;
let officer: TestUser;
let agencyCode: string;

const PASSWORD = "a long enough password";

async function auditOf(entityId: string) {
  const rows = await services.pool.query<{ action: string; actor_name: string; row: string }>(
    "SELECT action, actor_name, row_to_json(e)::text AS row FROM audit_event e WHERE entity_id = $1 ORDER BY id",
    [entityId],
  );
  return rows.rows;
}

async function newUser(username: string) {
  const created = await request(app)
    .post("/v1/admin/users")
    .set(bearer(admin))
    .send({ username, displayName: "New Officer", agencyCode, password: PASSWORD, memberships: [{ role: "officer", unitCode: unit.code }] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  agencyCode = (await createTestAgency(services)).code;
  admin = await createTestUser(services, [{ role: "admin" }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

describe("users", () => {
  test("a created user signs in; disabled, they cannot; enabled again, they can; each step audited", async () => {
    const username = `new-${unit.code.slice(-6).toLowerCase()}`;
    const id = await newUser(username);
    expect((await request(app).post("/v1/session").send({ username, password: PASSWORD })).status).toBe(201);
    const disabled = await request(app).post(`/v1/admin/users/${id}/disable`).set(bearer(admin));
    expect(disabled.body).toMatchObject({ username, disabled: true });
    expect((await request(app).post("/v1/session").send({ username, password: PASSWORD })).status).toBe(401);
    const listed = await request(app).get("/v1/admin/users").set(bearer(admin));
    expect(listed.body.items.find((u: { id: string }) => u.id === id)).toMatchObject({ disabled: true, hasPassword: true, agency: agencyCode });
    const enabled = await request(app).post(`/v1/admin/users/${id}/enable`).set(bearer(admin));
    expect(enabled.body).toMatchObject({ username, disabled: false });
    expect((await request(app).post("/v1/session").send({ username, password: PASSWORD })).status).toBe(201);
    expect((await auditOf(id)).map((r) => [r.action, r.actor_name])).toEqual([
      ["user.created", admin.username],
      ["user.disabled", admin.username],
      ["user.enabled", admin.username],
    ]);
  });

  test("an admin cannot disable themselves", async () => {
    const res = await request(app).post(`/v1/admin/users/${admin.id}/disable`).set(bearer(admin));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/cannot disable yourself/);
  });

  test("a bad new user names each field", async () => {
    const res = await request(app)
      .post("/v1/admin/users")
      .set(bearer(admin))
      .send({ username: "X", displayName: "", agencyCode, password: "short", memberships: [{ role: "officer" }] });
    expect(res.status).toBe(400);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["username", "displayName", "password", "memberships[0].unitCode"]));
  });

  test("a password reset gives a one-time password once: it signs in, the old one and the open session do not", async () => {
    const username = `reset-${unit.code.slice(-6).toLowerCase()}`;
    const id = await newUser(username);
    const session = await request(app).post("/v1/session").send({ username, password: PASSWORD });
    const reset = await request(app).post(`/v1/admin/users/${id}/password-reset`).set(bearer(admin));
    expect(reset.status).toBe(200);
    expect(reset.headers["cache-control"]).toBe("no-store");
    expect(reset.body).toMatchObject({ id, username, sessionsRevoked: 1 });
    const oneTime = reset.body.oneTimePassword as string;
    expect(oneTime).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await request(app).get("/v1/me").set("Authorization", `Bearer ${session.body.token}`)).status).toBe(401);
    expect((await request(app).post("/v1/session").send({ username, password: PASSWORD })).status).toBe(401);
    const fresh = await request(app).post("/v1/session").send({ username, password: oneTime });
    expect(fresh.status).toBe(201);
    // One-time: the user must choose their own before using the session for anything else.
    expect(fresh.body.passwordChangeRequired).toBe(true);
    expect((await request(app).get("/v1/admin/overview").set("Authorization", `Bearer ${fresh.body.token}`)).status).toBe(403);
    const audit = (await auditOf(id)).filter((r) => r.action === "user.password_set");
    expect(audit.map((r) => r.actor_name)).toEqual([admin.username]);
    expect(audit[0]!.row).not.toContain(oneTime);
  });

  test("a reset of an unknown user is a 404", async () => {
    const res = await request(app).post("/v1/admin/users/00000000-0000-4000-8000-000000000000/password-reset").set(bearer(admin));
    expect(res.status).toBe(404);
  });
});

describe("roles", () => {
  test("a granted role opens the unit to the user; revoked, it closes again; both audited with the unit", async () => {
    const other = await createTestUnit(services, "NLRTM");
    const granted = await request(app).post(`/v1/admin/users/${officer.id}/memberships`).set(bearer(admin)).send({ role: "analyst", unitCode: other.code });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    const units = await request(app).get("/v1/units").set(bearer(officer));
    expect(units.body.items.find((u: { code: string }) => u.code === other.code)?.yourRoles).toEqual(["analyst"]);
    const again = await request(app).post(`/v1/admin/users/${officer.id}/memberships`).set(bearer(admin)).send({ role: "analyst", unitCode: other.code });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: "role", message: "already granted" }]);
    const listed = await request(app).get("/v1/admin/users").set(bearer(admin));
    const membership = listed.body.items
      .find((u: { id: string }) => u.id === officer.id)
      .memberships.find((m: { unitCode: string | null }) => m.unitCode === other.code);
    const revoked = await request(app).delete(`/v1/admin/memberships/${membership.id}`).set(bearer(admin));
    expect(revoked.body).toMatchObject({ revoked: true, role: "analyst", unitCode: other.code });
    const after = await request(app).get(`/v1/units/${other.code}/profiles`).set(bearer(officer));
    expect(after.status).toBe(404);
    const audit = await services.pool.query<{ action: string; unit_id: string }>(
      "SELECT action, unit_id FROM audit_event WHERE entity_id = $1 AND action LIKE 'membership.%' ORDER BY id",
      [officer.id],
    );
    expect(audit.rows).toEqual([
      { action: "membership.granted", unit_id: other.id },
      { action: "membership.revoked", unit_id: other.id },
    ]);
  });

  test("a bad role names the field: missing unit, unknown unit, unknown role", async () => {
    const cases: [object, string][] = [
      [{ role: "officer" }, "unitCode"],
      [{ role: "analyst", unitCode: "ECGYE-NOPE" }, "unitCode"],
      [{ role: "pilot", unitCode: unit.code }, "role"],
      [{ role: "manager" }, "programme"],
    ];
    for (const [body, path] of cases) {
      const res = await request(app).post(`/v1/admin/users/${officer.id}/memberships`).set(bearer(admin)).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body.errors as { path: string }[]).map((e) => e.path), JSON.stringify(body)).toContain(path);
    }
  });

  test("the only role and the caller's own admin role are not revoked", async () => {
    const loner = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    const only = await services.pool.query<{ id: string }>("SELECT id FROM membership WHERE user_id = $1", [loner.id]);
    const res = await request(app).delete(`/v1/admin/memberships/${only.rows[0]!.id}`).set(bearer(admin));
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/only role/);
    const own = await services.pool.query<{ id: string }>("SELECT id FROM membership WHERE user_id = $1", [admin.id]);
    await request(app).post(`/v1/admin/users/${admin.id}/memberships`).set(bearer(admin)).send({ role: "manager", programme: "CCP" });
    const self = await request(app).delete(`/v1/admin/memberships/${own.rows[0]!.id}`).set(bearer(admin));
    expect(self.status).toBe(409);
    expect(self.body.message).toMatch(/your own admin role/);
  });

  test("non-admins are refused every user and role action", async () => {
    const calls = [
      request(app).post(`/v1/admin/users/${officer.id}/enable`),
      request(app).post(`/v1/admin/users/${officer.id}/password-reset`),
      request(app).post(`/v1/admin/users/${officer.id}/memberships`).send({ role: "admin" }),
      request(app).get("/v1/admin/overview"),
      request(app).get("/v1/admin/agencies"),
    ];
    for (const call of calls) {
      const res = await call.set(bearer(officer));
      expect(res.status).toBe(403);
    }
    const stillOfficer = await services.pool.query("SELECT 1 FROM membership WHERE user_id = $1 AND role = 'admin'", [officer.id]);
    expect(stillOfficer.rowCount).toBe(0);
  });
});

describe("overview", () => {
  test("lists the units with their members, the users, each queue's counts, and the recent imports and builds", async () => {
    const res = await request(app).get("/v1/admin/overview").set(bearer(admin));
    expect(res.status).toBe(200);
    const mine = res.body.units.find((u: { code: string }) => u.code === unit.code);
    expect(mine).toMatchObject({ code: unit.code, kind: "seaport", members: expect.any(Number) });
    expect(mine.members).toBeGreaterThanOrEqual(1);
    expect(res.body.users.total).toBeGreaterThanOrEqual(2);
    expect(res.body.users.admins).toBeGreaterThanOrEqual(1);
    expect(res.body.queues.items.map((q: { name: string }) => q.name).sort()).toEqual(["analysis", "maintenance", "scoring"]);
    expect(res.body.queues.items[0]).toMatchObject({ waiting: expect.any(Number), failed: expect.any(Number) });
    expect(Array.isArray(res.body.imports)).toBe(true);
    expect(Array.isArray(res.body.builds)).toBe(true);
  });
});
