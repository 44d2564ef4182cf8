// Every route of the app, discovered from the router, called with no token, a
// bad token, an expired and a revoked token, each role, and a user of another
// unit. A route added without a guard fails here; an allowed call must get
// exactly the answer listed in test/helpers/access-matrix-statuses.ts.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { listRoutes, type RouteInfo } from "../../api/route-catalog.js";
import { createToken, revokeToken } from "../../core/admin/manage-tokens.js";
import { generateToken } from "../../core/auth/tokens.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { ALLOWED_STATUS } from "../helpers/access-matrix-statuses.js";
import { withOwnerClient } from "../helpers/test-databases.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unitA: TestUnit;
let unitB: TestUnit;
const users: Record<string, TestUser> = {};
const badHeaders: Record<string, string> = {};
const params: Record<string, string> = {};

beforeAll(async () => {
  // The matrix sends 7 bad credentials to each of about 110 routes from one address: some 700 failed authentications in
  // a minute, over the per-address limit (AUTH_FAILURE_LIMIT, 600), whose 429 has its own test (auth-throttling).
  services = createTestServices({ INGEST_RATE_LIMIT: "1000", AUTH_FAILURE_LIMIT: "100000" });
  app = createApp(services);
  unitA = await createTestUnit(services);
  unitB = await createTestUnit(services);
  users.officer = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }]);
  users.analyst = await createTestUser(services, [{ role: "analyst", unitCode: unitA.code }]);
  users.manager = await createTestUser(services, [{ role: "manager", unitCode: unitA.code }]);
  users.admin = await createTestUser(services, [{ role: "admin" }]);
  users.otherUnitOfficer = await createTestUser(services, [{ role: "officer", unitCode: unitB.code }]);

  const system = { name: "test-setup" };
  const expired = await createToken(services, users.officer.id, { name: "old", expiresInDays: 1 }, system);
  await services.pool.query("UPDATE api_token SET expires_at = now() - interval '1 day' WHERE id = $1", [expired.id]);
  const revoked = await createToken(services, users.officer.id, { name: "revoked", expiresInDays: 1 }, system);
  await revokeToken(services, revoked.id, system);
  badHeaders.none = "";
  badHeaders.malformed = "Bearer not-a-token";
  badHeaders.notBearer = `Basic ${Buffer.from("admin:admin").toString("base64")}`;
  badHeaders.unknown = `Bearer ${generateToken().token}`;
  badHeaders.wrongSecret = `Bearer ${users.officer.token.slice(0, -4)}AAAA`;
  badHeaders.expired = `Bearer ${expired.token}`;
  badHeaders.revoked = `Bearer ${revoked.token}`;

  // Real records behind every path parameter, so an allowed call is never a 404.
  const posted = await request(app).post(`/v1/units/${unitA.code}/manifests`).set(bearer(users.officer)).send(buildManifest(2));
  const shipment = await services.prisma.shipment.findFirstOrThrow({ where: { manifestId: posted.body.manifestId as string } });
  const throwaway = await createTestUser(services, [{ role: "officer", unitCode: unitB.code }]);
  params.unitCode = unitA.code;
  params.manifestId = posted.body.manifestId as string;
  params.shipmentId = shipment.id;
  params.userId = throwaway.id;
  params.tokenId = throwaway.tokenId;
  params.membershipId = (await services.pool.query<{ id: string }>("SELECT id FROM membership WHERE user_id = $1", [throwaway.id])).rows[0]!.id;
  const job = await services.pool.query<{ id: string }>(
    "INSERT INTO analysis_job (id, unit_id, kind, params) VALUES (gen_random_uuid(), $1, 'backtest', '{}') RETURNING id",
    [unitA.id],
  );
  params.jobId = job.rows[0]!.id;
  const historyImport = await services.pool.query<{ id: string }>(
    "INSERT INTO history_import (id, unit_id, format, status) VALUES (gen_random_uuid(), $1, 'customs-declarations', 'succeeded') RETURNING id",
    [unitA.id],
  );
  params.importId = historyImport.rows[0]!.id;
  // (on the manifest's second shipment: the agency-only test below counts the first one's inspections)
  const secondShipment = await services.prisma.shipment.findFirstOrThrow({ where: { manifestId: posted.body.manifestId as string, id: { not: shipment.id } } });
  // Follow-up: an inspection with a seizure, a referral, an alert from unit A to B and a notification.
  const followUp = await services.pool.query<{ inspection_id: string; seizure_id: string; referral_id: string; alert_id: string; notification_id: string }>(
    `WITH i AS (INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, 'seizure', '{scan}', now()) RETURNING id),
          z AS (INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, quantity, quantity_unit, concealment, detection_method, agencies, seized_at)
                SELECT gen_random_uuid(), $2, i.id, $1, 'cocaine', 10, 'kg', 'in_cargo', 'profile', '{}', now() FROM i RETURNING id),
          r AS (INSERT INTO referral (id, seizure_id, unit_id, recipient_kind, recipient_name, last_update_at)
                SELECT gen_random_uuid(), z.id, $2, 'prosecutor', 'Prosecutor', now() FROM z RETURNING id),
          a AS (INSERT INTO alert (id, from_unit_id, subject_kind, subject, message) VALUES (gen_random_uuid(), $2, 'seizure_report', '{}', 'matrix') RETURNING id),
          ar AS (INSERT INTO alert_recipient (alert_id, unit_id) SELECT a.id, $3 FROM a RETURNING alert_id),
          n AS (INSERT INTO notification (id, unit_id, kind, message, entity_type, entity_id, dedupe_key)
                SELECT gen_random_uuid(), $2, 'alert_reply', 'matrix', 'alert', a.id, 'matrix-' || a.id FROM a RETURNING id)
     SELECT i.id AS inspection_id, z.id AS seizure_id, r.id AS referral_id, a.id AS alert_id, n.id AS notification_id FROM i, z, r, a, n`,
    [secondShipment.id, unitA.id, unitB.id],
  );
  const sample = followUp.rows[0]!;
  params.inspectionId = sample.inspection_id;
  params.seizureId = sample.seizure_id;
  params.referralId = sample.referral_id;
  params.alertId = sample.alert_id;
  params.notificationId = sample.notification_id;
  // Analyst API: a draft profile version, a watchlist and one of its entries.
  const draft = await installProfile(services, unitA.id, { ...((await loadBaselineProfile()) as Record<string, unknown>), code: "MATRIX-SAMPLE" }, { activate: false });
  params.profileCode = "MATRIX-SAMPLE";
  params.version = String(draft.version);
  const list = await services.pool.query<{ id: string }>(
    "INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES (gen_random_uuid(), $1, 'MATRIX-LIST', 'matrix', 'party') RETURNING id",
    [unitA.id],
  );
  params.listCode = "MATRIX-LIST";
  const entry = await services.pool.query<{ id: string }>(
    "INSERT INTO watchlist_entry (id, watchlist_id, value, display) VALUES (gen_random_uuid(), $1, 'MATRIX', 'matrix') RETURNING id",
    [list.rows[0]!.id],
  );
  params.entryId = entry.rows[0]!.id;
  params.controlReference = "MATRIX1";
  await services.pool.query(
    `INSERT INTO edifact_interchange (id, unit_id, sender, control_reference, content_hash, source, reply_kind, reply_reference, reply, accepted, outcome, byte_size, received_at)
     VALUES (gen_random_uuid(), $1, 'MATRIX', 'MATRIX1', 'x', 'http', 'CUSRES', 'PC1', 'UNA:+.? ''', true, '{"messages":[],"errors":[]}', 1, now())`,
    [unitA.id],
  );
});
afterAll(async () => services.dispose());

function pathFor(route: RouteInfo): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no sample value for :${name} in ${route.method} ${route.path}: add one to the matrix test`);
    return value;
  });
}

function call(route: RouteInfo, authorization?: string) {
  const path = pathFor(route);
  const method = route.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  const req = request(app)[method](path);
  if (authorization) req.set("Authorization", authorization);
  return method === "get" ? req : req.send({});
}

type Expectation = "allowed" | 401 | 403 | 404;

function expected(route: RouteInfo, who: keyof typeof users): Expectation {
  const policy = route.policy!;
  switch (policy.kind) {
    case "public":
    case "authenticated":
      return "allowed";
    case "admin":
      return who === "admin" ? "allowed" : 403;
    case "manager":
      return who === "manager" ? "allowed" : 403;
    case "unit": {
      const rolesInA: Record<string, string | undefined> = { officer: "officer", analyst: "analyst", manager: "manager" };
      const role = rolesInA[who];
      if (!role) return 404;
      return (policy.roles as string[]).includes(role) ? "allowed" : 403;
    }
  }
}

describe("role x route matrix", () => {
  const routes = listRoutes(createApp(createTestServices()));

  test("the router exposes the routes and every one has a guard", () => {
    expect(routes.length).toBeGreaterThan(10);
    const unguarded = routes.filter((route) => !route.policy).map((route) => `${route.method} ${route.path}`);
    expect(unguarded).toEqual([]);
  });

  test.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))("%s", async (_name, route) => {
    for (const [name, header] of Object.entries(badHeaders)) {
      const res = await call(route, header || undefined);
      if (route.policy?.kind === "public") expect(res.status, `${name} token`).not.toBe(401);
      else {
        expect(res.status, `${name} token`).toBe(401);
        expect(res.body.error).toBe("unauthenticated");
      }
    }
    for (const who of Object.keys(users)) {
      const res = await call(route, `Bearer ${users[who]!.token}`);
      const want = expected(route, who);
      if (want === "allowed") {
        // The exact answer, so a crash (500) or a wrong answer of an allowed call fails here.
        const status = ALLOWED_STATUS[`${route.method} ${route.path}`];
        expect(status, `no expected status for ${route.method} ${route.path}: add it to test/helpers/access-matrix-statuses.ts`).toBeDefined();
        expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(status);
        if (status === 400) expect(res.body.error, who).toBe("validation_failed");
        if (status === 409) expect(res.body.error, who).toBe("conflict");
      } else expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(want);
    }
  });
});

describe("records and audit", () => {
  test("a unit's records are invisible to other units, and the unit list shows only your units", async () => {
    const other = await request(app).get(`/v1/units/${unitB.code}/shipments/${params.shipmentId}`).set(bearer(users.otherUnitOfficer!));
    expect(other.status).toBe(404);
    const list = await request(app).get("/v1/units").set(bearer(users.officer!));
    expect(list.body.items.map((u: { code: string }) => u.code)).toEqual([unitA.code]);
    expect(list.body.items[0].yourRoles).toEqual(["officer"]);
  });

  test("agency-only records reach the owning agency only", async () => {
    const police = await createTestAgency(services);
    const customsOfficer = users.officer!;
    const policeOfficer = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }], police.code);
    await services.pool.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at, notes, sharing, owner_agency_id)
       VALUES (gen_random_uuid(), $1, $2, 'irregularity', '{physical}', now(), 'informant note', 'agency', $3),
              (gen_random_uuid(), $1, $2, 'nothing_found', '{scan}', now(), 'scan clear', 'unit', $3)`,
      [params.shipmentId, unitA.id, police.id],
    );
    const seenByPolice = await request(app).get(`/v1/units/${unitA.code}/shipments/${params.shipmentId}`).set(bearer(policeOfficer));
    const seenByCustoms = await request(app).get(`/v1/units/${unitA.code}/shipments/${params.shipmentId}`).set(bearer(customsOfficer));
    expect(seenByPolice.body.inspections.map((i: { notes: string }) => i.notes).sort()).toEqual(["informant note", "scan clear"]);
    expect(seenByCustoms.body.inspections.map((i: { notes: string }) => i.notes)).toEqual(["scan clear"]);
  });

  test("audited actions leave rows that nobody can alter", async () => {
    const admin = bearer(users.admin!);
    const carrier = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }]);
    const created = await request(app).post(`/v1/admin/users/${carrier.id}/tokens`).set(admin).send({ name: "carrier feed", expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pcu_/);
    const audit = await request(app).get("/v1/admin/audit").set(admin).query({ entityId: created.body.id as string });
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: "token.created", actor: users.admin!.username, entityType: "token" });
    expect(JSON.stringify(audit.body.items[0])).not.toContain(created.body.token as string);

    const failed = await request(app).get("/v1/admin/audit").set(admin).query({ action: "auth.failed", limit: 500 });
    expect(failed.body.items.length).toBeGreaterThan(0);
    const ingested = await request(app).get("/v1/admin/audit").set(admin).query({ entityId: params.manifestId });
    expect(ingested.body.items[0]).toMatchObject({ action: "manifest.ingested", actor: users.officer!.username, unitCode: unitA.code });

    for (const method of ["put", "patch", "delete", "post"] as const) {
      const res = await request(app)[method]("/v1/admin/audit").set(admin).send({});
      expect(res.status, method).toBe(404);
    }
    const id = audit.body.items[0].id as number;
    // The application role has no UPDATE or DELETE grant at all (test/integration/database-roles.test.ts);
    // the trigger refuses them even to the tables' owner.
    await withOwnerClient(async (owner) => {
      await expect(owner.query("UPDATE audit_event SET action = 'x' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
      await expect(owner.query("DELETE FROM audit_event WHERE id = $1", [id])).rejects.toThrow(/append-only/);
    });
  });

  test("a disabled user's tokens stop working", async () => {
    const victim = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }]);
    expect((await request(app).get("/v1/me").set(bearer(victim))).status).toBe(200);
    const disabled = await request(app).post(`/v1/admin/users/${victim.id}/disable`).set(bearer(users.admin!));
    expect(disabled.status).toBe(200);
    expect((await request(app).get("/v1/me").set(bearer(victim))).status).toBe(401);
  });
});

describe("hardening", () => {
  test("security headers are set and errors never leak internals", async () => {
    const res = await request(app).get("/v1/units/NOPE/shipments/1").set(bearer(users.officer!));
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.body.requestId).toBeDefined();
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|SELECT|prisma/i);
  });

  test("CORS is closed by default", async () => {
    const preflight = await request(app)
      .options("/v1/units")
      .set("Origin", "https://evil.example")
      .set("Access-Control-Request-Method", "GET");
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const simple = await request(app).get("/v1/units").set("Origin", "https://evil.example").set(bearer(users.officer!));
    expect(simple.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("CORS opens to configured origins only", async () => {
    const open = createApp(createTestServices({ CORS_ORIGINS: "https://pcu.example.org" }));
    const ok = await request(open).options("/v1/units").set("Origin", "https://pcu.example.org").set("Access-Control-Request-Method", "GET");
    expect(ok.headers["access-control-allow-origin"]).toBe("https://pcu.example.org");
    const no = await request(open).options("/v1/units").set("Origin", "https://evil.example").set("Access-Control-Request-Method", "GET");
    expect(no.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("expensive routes are rate limited per token", async () => {
    const limited = createTestServices({ INGEST_RATE_LIMIT: "3" });
    const limitedApp = createApp(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await request(limitedApp).post(`/v1/units/${unitA.code}/manifests`).set(bearer(users.officer!)).send({})).status);
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    // Another token has its own budget.
    const other = await request(limitedApp).post(`/v1/units/${unitA.code}/manifests`).set(bearer(users.analyst!)).send({});
    expect(other.status).toBe(403);
    await limited.dispose();
  });

  test("injection-shaped query values and prototype keys change nothing", async () => {
    const auth = bearer(users.officer!);
    const res = await request(app).get(`/v1/units/${unitA.code}/shipments`).set(auth).query({ party: "x' OR '1'='1' --" });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const proto = await request(app).get(`/v1/units/${unitA.code}/shipments?__proto__[admin]=1&constructor[prototype][admin]=1`).set(auth);
    expect([200, 400]).toContain(proto.status);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const unitInjection = await request(app).get(`/v1/units/${encodeURIComponent("BEANR' OR 1=1 --")}/shipments`).set(auth);
    expect(unitInjection.status).toBe(404);
  });
});
