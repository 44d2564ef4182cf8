// Demo data for a fresh install: the fixture units and agencies, the built-in
// baseline profiles (maritime and air cargo) active in every unit, and the
// demo voyages ingested through the same use case as the API (so they are
// scored by the workers).
import { randomBytes } from "node:crypto";
import { loadAgencies, loadDemoManifests, loadUnits } from "../../fixtures/index.js";
import type { MembershipInput } from "../admin/admin-schemas.js";
import { createToken } from "../admin/manage-tokens.js";
import { createUser } from "../admin/manage-users.js";
import { ingestManifest } from "../manifests/ingest-manifest.js";
import { manifestSchema } from "../manifests/manifest-schema.js";
import { installBaselineProfiles } from "../profiles/baseline-profile.js";
import type { Services } from "../services.js";
import type { DemoCredentials } from "./demo-banner.js";
import { loadDemoYear, type UnitRecorders } from "./load-demo-year.js";

/** Creates the fixture units and agencies; returns unit ids by code. */
export async function createDemoUnits(services: Pick<Services, "prisma">): Promise<Map<string, string>> {
  const unitIds = new Map<string, string>();
  for (const unit of loadUnits()) {
    const row = await services.prisma.controlUnit.upsert({
      where: { code: unit.code },
      update: {},
      create: { code: unit.code, locode: unit.locode, name: unit.name, country: unit.country, kind: unit.kind, timeZone: unit.timeZone },
    });
    unitIds.set(unit.code, row.id);
  }
  for (const agency of loadAgencies()) {
    const row = await services.prisma.agency.upsert({
      where: { code: agency.code },
      update: {},
      create: { code: agency.code, name: agency.name, kind: agency.kind, country: agency.country },
    });
    for (const unitCode of agency.units) {
      const unitId = unitIds.get(unitCode);
      if (!unitId) continue;
      await services.prisma.unitAgency.upsert({
        where: { unitId_agencyId: { unitId, agencyId: row.id } },
        update: {},
        create: { unitId, agencyId: row.id },
      });
    }
  }
  return unitIds;
}

const SYSTEM = { name: "demo-data" };

/** Demo users, one per role, so the quick start can be tried at once. */
const DEMO_USERS: { username: string; displayName: string; agencyCode: string; memberships: MembershipInput[] }[] = [
  { username: "admin", displayName: "Programme administrator", agencyCode: "EC-SENAE", memberships: [{ role: "admin" }] },
  { username: "officer.gye", displayName: "Guayaquil officer", agencyCode: "EC-SENAE", memberships: [{ role: "officer", unitCode: "ECGYE" }] },
  { username: "officer.anr", displayName: "Antwerp officer", agencyCode: "BE-AADA", memberships: [{ role: "officer", unitCode: "BEANR" }] },
  { username: "analyst.anr", displayName: "Antwerp analyst", agencyCode: "BE-AADA", memberships: [{ role: "analyst", unitCode: "BEANR" }] },
  {
    username: "officer.rtm",
    displayName: "Rotterdam officer",
    agencyCode: "NL-DOUANE",
    memberships: [{ role: "officer", unitCode: "NLRTM" }, { role: "analyst", unitCode: "NLRTM" }],
  },
  { username: "manager.ccp", displayName: "Programme manager", agencyCode: "EC-SENAE", memberships: [{ role: "manager", programme: "CCP" }] },
];

/**
 * Each demo user gets a random one-time password (16 characters, 96 bits),
 * printed once by `npm start` and stored only as its hash, so a fresh install
 * can sign in to the web application without any other command; the first
 * sign-in asks for the user's own password.
 */
async function createDemoUsers(services: Services): Promise<DemoCredentials[]> {
  const credentials: DemoCredentials[] = [];
  for (const demo of DEMO_USERS) {
    const password = randomBytes(12).toString("base64url");
    const user = await createUser(services, { ...demo, password }, SYSTEM);
    // Printed in a terminal and maybe a log: good for the first sign-in only.
    await services.pool.query("UPDATE app_user SET must_change_password = true WHERE id = $1", [user.id]);
    const token = await createToken(services, user.id, { name: "demo", expiresInDays: 30 }, SYSTEM);
    const roles = demo.memberships.map((m) => `${m.role}${m.unitCode ? `:${m.unitCode}` : m.programme ? `:${m.programme}` : ""}`).join(", ");
    credentials.push({ username: demo.username, roles, password, token: token.token });
  }
  return credentials;
}

/** The demo officer of each unit records its past year (the air cargo unit has none: its rows name no recorder). */
async function demoRecorders(services: Services): Promise<UnitRecorders> {
  const officers = DEMO_USERS.flatMap((u) => u.memberships.filter((m) => m.role === "officer" && m.unitCode).map((m) => [u.username, m.unitCode!] as const));
  const rows = await services.pool.query<{ id: string; username: string }>("SELECT id, username FROM app_user WHERE username = ANY($1::text[])", [officers.map(([u]) => u)]);
  const ids = new Map(rows.rows.map((r) => [r.username, r.id]));
  return new Map(officers.flatMap(([username, unitCode]) => (ids.has(username) ? [[unitCode, { userId: ids.get(username)!, username }] as const] : [])));
}

export async function loadDemoDataIfEmpty(services: Services): Promise<{ summary: string; users: DemoCredentials[] } | null> {
  if ((await services.prisma.controlUnit.count()) > 0) return null;
  const unitIds = await createDemoUnits(services);
  for (const unitId of unitIds.values()) await installBaselineProfiles(services, unitId, "system");
  const schema = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS);
  let shipments = 0;
  const manifests = loadDemoManifests();
  for (const { unitCode, manifest } of manifests) {
    const parsed = schema.parse(manifest);
    const unit = await services.prisma.controlUnit.findUniqueOrThrow({ where: { code: unitCode } });
    const result = await ingestManifest(services, { unit, manifest: parsed, actor: SYSTEM });
    shipments += result.body.shipmentCount;
  }
  const users = await createDemoUsers(services);
  const year = await loadDemoYear(services, await demoRecorders(services));
  return {
    // The credentials are not in the summary: `npm start` prints them last (demo-banner.ts).
    summary:
      `Loaded demo data: ${unitIds.size} units with the maritime and air cargo baseline profiles, ${manifests.length} manifests, ${shipments} shipments; ` +
      `a past year of ${year.inspections} inspections, ${year.seizures} seizures and ${year.referrals} referrals.`,
    users,
  };
}
