// Issue 15, item 2: API tokens (create shown once, list, revoke) and the audit
// viewer's filters, paging and CSV export (streamed, formula cells quoted),
// and the queue board reached with the admin's web session cookie.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { recordAudit } from "../../core/audit/record-audit.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let admin: TestUser;
let officer: TestUser;

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  admin = await createTestUser(services, [{ role: "admin" }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

/**
 * A web session of `user`, as the browser holds it: signed in with a reset's
 * one-time password, then with their own password chosen (until then the
 * session may do nothing else, so it would be refused for that reason alone).
 */
async function webSession(user: TestUser): Promise<string> {
  const reset = await request(app).post(`/v1/admin/users/${user.id}/password-reset`).set(bearer(admin));
  const session = await request(app).post("/v1/session").send({ username: user.username, password: reset.body.oneTimePassword });
  expect(session.status).toBe(201);
  const token = session.body.token as string;
  const chosen = await request(app).post("/v1/me/password").set("Authorization", `Bearer ${token}`).send({ currentPassword: reset.body.oneTimePassword, newPassword: "a password of my own 42" });
  expect(chosen.status).toBe(200);
  return token;
}

describe("tokens", () => {
  test("a token is shown once, works, is listed without its secret, and stops working once revoked", async () => {
    const created = await request(app).post(`/v1/admin/users/${officer.id}/tokens`).set(bearer(admin)).send({ name: "import script", expiresInDays: 30 });
    expect(created.status).toBe(201);
    const secret = created.body.token as string;
    expect((await request(app).get("/v1/me").set("Authorization", `Bearer ${secret}`)).status).toBe(200);
    const active = await request(app).get("/v1/admin/tokens").query({ username: officer.username, state: "active" }).set(bearer(admin));
    const listed = active.body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(listed).toMatchObject({ name: "import script", username: officer.username, userId: officer.id, kind: "api", state: "active" });
    expect(JSON.stringify(active.body)).not.toContain(secret.slice(-20));
    expect((await request(app).post(`/v1/admin/tokens/${created.body.id}/revoke`).set(bearer(admin))).status).toBe(200);
    expect((await request(app).get("/v1/me").set("Authorization", `Bearer ${secret}`)).status).toBe(401);
    const revoked = await request(app).get("/v1/admin/tokens").query({ username: officer.username, state: "revoked" }).set(bearer(admin));
    expect(revoked.body.items.map((t: { id: string; state: string }) => [t.id, t.state])).toEqual([[created.body.id, "revoked"]]);
    const stillActive = await request(app).get("/v1/admin/tokens").query({ username: officer.username, state: "active" }).set(bearer(admin));
    expect(stillActive.body.items.map((t: { id: string }) => t.id)).not.toContain(created.body.id);
  });

  test("a web sign-in is audited as a session started by the user, not as a token handed out", async () => {
    const signer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    await webSession(signer);
    const trail = await request(app).get("/v1/admin/audit").set(bearer(admin)).query({ actor: signer.username });
    expect(trail.status).toBe(200);
    const actions = (trail.body.items as { action: string; entityType: string }[]).map((e) => e.action);
    expect(actions).toContain("session.started");
    expect(actions).not.toContain("token.created");
  });

  test("bad token inputs and filters name the field; non-admins are refused", async () => {
    const bad = await request(app).post(`/v1/admin/users/${officer.id}/tokens`).set(bearer(admin)).send({ name: "", expiresInDays: 9999 });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["expiresInDays", "name"]);
    const filter = await request(app).get("/v1/admin/tokens").query({ state: "lost" }).set(bearer(admin));
    expect(filter.status).toBe(400);
    expect(filter.body.errors[0].path).toBe("query.state");
    expect((await request(app).get("/v1/admin/tokens").set(bearer(officer))).status).toBe(403);
  });
});

describe("audit viewer", () => {
  test("filters by actor, action, entity, unit and period, with keyset paging", async () => {
    for (const name of ["first", "second", "third"]) {
      await recordAudit(services.pool, { name: `robot-${unit.code}` }, { action: "test.noted", entityType: "probe", entityId: name, unitId: unit.id });
    }
    const base = { actor: `robot-${unit.code}`, action: "test.", entityType: "probe", unitCode: unit.code.toLowerCase() };
    const page1 = await request(app).get("/v1/admin/audit").query({ ...base, limit: 2 }).set(bearer(admin));
    expect(page1.body.items.map((e: { entityId: string }) => e.entityId)).toEqual(["third", "second"]);
    const page2 = await request(app).get("/v1/admin/audit").query({ ...base, limit: 2, before: page1.body.nextBefore }).set(bearer(admin));
    expect(page2.body.items.map((e: { entityId: string }) => e.entityId)).toEqual(["first"]);
    expect(page2.body.nextBefore).toBeNull();
    const one = await request(app).get("/v1/admin/audit").query({ ...base, entityId: "second" }).set(bearer(admin));
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({ unitCode: unit.code, actor: `robot-${unit.code}` });
    const future = await request(app).get("/v1/admin/audit").query({ ...base, from: "2999-01-01" }).set(bearer(admin));
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe("query.from");
    const past = await request(app).get("/v1/admin/audit").query({ ...base, to: "2020-01-01" }).set(bearer(admin));
    expect(past.body.items).toEqual([]);
    // A day alone as "to" includes that day.
    const today = new Date().toISOString().slice(0, 10);
    const untilToday = await request(app).get("/v1/admin/audit").query({ ...base, from: today, to: today }).set(bearer(admin));
    expect(untilToday.body.items).toHaveLength(3);
  });

  test("the CSV export has the filtered rows with formula cells quoted, lists itself, and is refused to non-admins", async () => {
    const actor = `=HYPERLINK("http://x")-${unit.code}`;
    await recordAudit(services.pool, { name: actor }, { action: "test.exported", entityType: "probe", entityId: "+1+2", unitId: unit.id, after: { note: "a, \"quoted\"\nline" } });
    const res = await request(app).get("/v1/admin/audit/export").query({ unitCode: unit.code, action: "test.exported" }).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="audit.csv"');
    const lines = res.text.split("\r\n");
    expect(lines[0]).toBe("id,at,actor,action,entityType,entityId,unitCode,ip,requestId,before,after,details");
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"")-${unit.code}",test.exported,probe,'+1+2,${unit.code},`);
    expect(lines[1]).toContain('"{""note"":""a, \\""quoted\\""');
    expect(res.text.endsWith("\r\n")).toBe(true);
    const exported = await request(app).get("/v1/admin/audit").query({ action: "audit.exported", actor: admin.username }).set(bearer(admin));
    expect(exported.body.items[0].details.filters).toMatchObject({ unitCode: unit.code, action: "test.exported" });
    expect((await request(app).get("/v1/admin/audit/export").set(bearer(officer))).status).toBe(403);
    const bad = await request(app).get("/v1/admin/audit/export").query({ limit: 5 }).set(bearer(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe("query.limit");
  });

  test("the export streams past one page of rows", async () => {
    const values = Array.from({ length: 1_205 }, (_v, i) => `('bulk-${unit.code}', 'test.bulk', 'probe', '${i}')`).join(",");
    await services.pool.query(`INSERT INTO audit_event (actor_name, action, entity_type, entity_id) VALUES ${values}`);
    const res = await request(app).get("/v1/admin/audit/export").query({ actor: `bulk-${unit.code}` }).set(bearer(admin));
    const rows = res.text.trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(1_205);
    expect(new Set(rows.map((r) => r.split(",")[5])).size).toBe(1_205);
  });
});

describe("queue board with the web session", () => {
  const BOARD = "/admin/queues/api/queues";

  test("the admin's session sets a cookie for the board's path only; the board accepts it until sign-out", async () => {
    const session = await webSession(admin);
    const opened = await request(app).post("/v1/admin/queue-board/session").set("Authorization", `Bearer ${session}`);
    expect(opened.status).toBe(204);
    const cookie = opened.headers["set-cookie"]![0]!;
    expect(cookie).toMatch(/^portcullis_board=pcu_/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = cookie.split(";")[0]!;
    expect((await request(app).get(BOARD).set("Cookie", jar)).status).toBe(200);
    expect((await request(app).get("/admin/queues").set("Cookie", jar)).status).toBe(200);
    expect((await request(app).get(BOARD)).status).toBe(401);
    // Not a credential for the rest of the API.
    expect((await request(app).get("/v1/admin/users").set("Cookie", jar)).status).toBe(401);
    const crossSite = await request(app).put(`${BOARD}/scoring/pause`).set("Cookie", jar).set("Sec-Fetch-Site", "cross-site").send({});
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.message).toMatch(/from the board itself/);
    expect(await services.queues.scoring.isPaused()).toBe(false);
    expect((await request(app).delete("/v1/session").set("Authorization", `Bearer ${session}`)).status).toBe(204);
    expect((await request(app).get(BOARD).set("Cookie", jar)).status).toBe(401);
  });

  test("an API token cannot become a board cookie, and a non-admin's session cannot open the board", async () => {
    const withToken = await request(app).post("/v1/admin/queue-board/session").set(bearer(admin));
    expect(withToken.status).toBe(409);
    expect((await request(app).get(BOARD).set("Cookie", `portcullis_board=${admin.token}`)).status).toBe(401);
    // An admin's session still on a one-time password cannot open it either.
    const reset = await request(app).post(`/v1/admin/users/${admin.id}/password-reset`).set(bearer(admin));
    const oneTime = await request(app).post("/v1/session").send({ username: admin.username, password: reset.body.oneTimePassword });
    const early = await request(app).post("/v1/admin/queue-board/session").set("Authorization", `Bearer ${oneTime.body.token}`);
    expect(early.status).toBe(403);
    expect(early.body.passwordChangeRequired).toBe(true);
    const session = await webSession(officer);
    const refused = await request(app).post("/v1/admin/queue-board/session").set("Authorization", `Bearer ${session}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/admin role/);
    const board = await request(app).get(BOARD).set("Cookie", `portcullis_board=${session}`);
    expect(board.status).toBe(403);
    expect(board.body.message).toMatch(/admin role/);
  });
});
