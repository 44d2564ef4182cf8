// The guard remembers a read's token and unit for the queue board's lifetime
// (api/middleware/guard.ts): a change made behind the API's back shows within
// QUEUE_READ_CACHE_MS, a write through the API makes the next read look up
// again, writes always look up, and a refused token is never remembered.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { revokeToken } from "../../core/admin/manage-tokens.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const SYSTEM = { name: "test:read-auth" };

describe("with reads remembered for a minute", () => {
  let services: TestServices;
  let app: ReturnType<typeof createApp>;
  let unit: TestUnit;
  let admin: TestUser;

  beforeAll(async () => {
    services = createTestServices({ QUEUE_READ_CACHE_MS: "60000" });
    app = createApp(services);
    unit = await createTestUnit(services);
    admin = await createTestUser(services, [{ role: "admin" }]);
  });
  afterAll(async () => services.dispose());

  const counts = (user: { token: string }) => request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(user));

  test("a token revoked behind the API's back still reads until a write through the API; a write with it is refused at once", async () => {
    const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    expect((await counts(officer)).status).toBe(200);
    await revokeToken(services, officer.tokenId, SYSTEM);
    expect((await counts(officer)).status).toBe(200);
    // Writes always look the token up.
    const decision = await request(app).put(`/v1/units/${unit.code}/shipments/00000000-0000-4000-8000-000000000000/decision`).set(bearer(officer)).send({ decision: "hold" });
    expect(decision.status).toBe(401);
    // Any write through the API that succeeds: the next read looks up again.
    const other = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    expect((await request(app).post(`/v1/admin/tokens/${other.tokenId}/revoke`).set(bearer(admin))).status).toBe(200);
    expect((await counts(officer)).status).toBe(401);
    expect((await counts(other)).status).toBe(401);
  });

  test("a membership revoked through the API closes the unit to the next read", async () => {
    const analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
    expect((await counts(analyst)).status).toBe(200);
    const memberships = await services.pool.query<{ id: string }>("SELECT id FROM membership WHERE user_id = $1", [analyst.id]);
    // The only role cannot be revoked: grant another first, then take the unit's away.
    const other = await createTestUnit(services);
    expect((await request(app).post(`/v1/admin/users/${analyst.id}/memberships`).set(bearer(admin)).send({ role: "analyst", unitCode: other.code })).status).toBeLessThan(300);
    expect((await counts(analyst)).status).toBe(200);
    expect((await request(app).delete(`/v1/admin/memberships/${memberships.rows[0]!.id}`).set(bearer(admin))).status).toBe(200);
    expect((await counts(analyst)).status).toBe(404);
  });

  test("a refused token is refused every time, and a token valid later is accepted then", async () => {
    const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    await services.pool.query("UPDATE app_user SET disabled_at = now() WHERE id = $1", [officer.id]);
    expect((await counts(officer)).status).toBe(401);
    await services.pool.query("UPDATE app_user SET disabled_at = NULL WHERE id = $1", [officer.id]);
    expect((await counts(officer)).status).toBe(200);
  });
});

describe("with the board's default lifetime", () => {
  let services: TestServices;
  let app: ReturnType<typeof createApp>;
  let unit: TestUnit;

  beforeAll(async () => {
    services = createTestServices({ QUEUE_READ_CACHE_MS: "300" });
    app = createApp(services);
    unit = await createTestUnit(services);
  });
  afterAll(async () => services.dispose());

  test("a token revoked by another process stops reading within the lifetime", async () => {
    const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    const counts = () => request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(officer));
    expect((await counts()).status).toBe(200);
    await revokeToken(services, officer.tokenId, SYSTEM);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await counts()).status).toBe(401);
  });
});
