// A profile version names its author by name wherever it is listed: the
// unit's profiles, one profile, one version, and the admin overview's builds.
// Builds before their drafts stored the user name kept the user's id in
// profile_version.created_by; it comes back as the user's name, never as the
// id. An id that names no user is unknown (null, which the web app says in
// words); a label such as "system" stays as it is.
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createUser } from "../../core/admin/manage-users.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let analyst: TestUser;
let admin: TestUser;
let author: { id: string; username: string };
const code = `AUTH-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

const doc = (name: string) => ({
  language: "portcullis/profile@1",
  code,
  name,
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20 },
  indicators: [{ code: "SRC", label: "Loaded in a source port", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } }],
});

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createUnitWithBaseline(services, "ECGYE");
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  admin = await createTestUser(services, [{ role: "admin" }]);
  const agency = await createTestAgency(services, "EC");
  const username = `ana.${Math.random().toString(36).slice(2, 8)}`;
  const created = await createUser(services, { username, displayName: "Ana Analista", agencyCode: agency.code, memberships: [{ role: "analyst", unitCode: unit.code }] }, { name: "test-setup" });
  author = { id: created.id, username };
  // Version 1: an old build, its author stored as the user's id. 2: the editor's, by user name.
  // 3: an id that names no user. 4: installed by "system".
  for (const [i, createdBy] of [author.id, author.username, randomUUID(), "system"].entries()) {
    await installProfile(services, unit.id, doc(`Version ${i + 1}`), { activate: false, createdBy });
  }
});
afterAll(async () => services?.close());

const get = (path: string) => request(app).get(`/v1/units/${unit.code}${path}`).set(bearer(analyst));
const authors = (versions: { version: number; createdBy: string | null; createdByName: string | null }[]) =>
  Object.fromEntries(versions.map((v) => [v.version, [v.createdBy, v.createdByName]]));

describe("a version's author, by name", () => {
  test("in the unit's profiles and in one profile: an old build's id comes back as the user's name", async () => {
    const expected = { 1: [author.username, "Ana Analista"], 2: [author.username, "Ana Analista"], 3: [null, null], 4: ["system", "system"] };
    const list = await get("/profiles");
    expect(list.status).toBe(200);
    const mine = list.body.items.find((p: { code: string }) => p.code === code);
    expect(authors(mine.versions)).toEqual(expected);
    const one = await get(`/profiles/${code}`);
    expect(one.status).toBe(200);
    expect(authors(one.body.versions)).toEqual(expected);
    // No id is ever shown as an author.
    expect(JSON.stringify([mine.versions, one.body.versions])).not.toContain(author.id);
  });

  test("in one version", async () => {
    const old = await get(`/profiles/${code}/versions/1`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ version: 1, createdBy: author.username, createdByName: "Ana Analista" });
    expect(JSON.stringify(old.body)).not.toContain(author.id);
    expect((await get(`/profiles/${code}/versions/3`)).body).toMatchObject({ version: 3, createdBy: null, createdByName: null });
    expect((await get(`/profiles/${code}/versions/4`)).body).toMatchObject({ version: 4, createdBy: "system", createdByName: "system" });
  });

  test("in the admin overview's builds", async () => {
    // Dated ahead so that it is among the overview's most recent builds whatever else the database holds.
    const jobId = randomUUID();
    await services.pool.query(
      `INSERT INTO analysis_job (id, unit_id, kind, status, params, created_by, created_at) VALUES ($1, $2, 'build', 'succeeded', '{}', $3, now() + interval '1 day')`,
      [jobId, unit.id, author.id],
    );
    try {
      const res = await request(app).get("/v1/admin/overview").set(bearer(admin));
      expect(res.status).toBe(200);
      expect(res.body.builds.find((b: { id: string }) => b.id === jobId)).toMatchObject({ createdBy: author.username, createdByName: "Ana Analista" });
    } finally {
      await services.pool.query("DELETE FROM analysis_job WHERE id = $1", [jobId]);
    }
  });
});
