// Demo data for a fresh install: the fixture units and agencies, the built-in
// baseline profiles (maritime and air cargo) active in every unit, and the
// demo voyages ingested through the same use case as the API (so they are
// scored by the workers).
import { createHash, randomBytes } from "node:crypto";
import { loadAgencies, loadDemoManifests, loadUnits } from "../../fixtures/index.js";
import type { MembershipInput } from "../admin/admin-schemas.js";
import { createToken } from "../admin/manage-tokens.js";
import { createUser } from "../admin/manage-users.js";
import { fastManifest } from "../manifests/fast-manifest.js";
import { ingestManifest } from "../manifests/ingest-manifest.js";
import { manifestSchema, type ManifestInput } from "../manifests/manifest-schema.js";
import { installBaselineProfiles } from "../profiles/baseline-profile.js";
import type { Services } from "../services.js";
import type { DemoCredentials } from "./demo-banner.js";
import { loadDemoYear, type UnitRecorders } from "./load-demo-year.js";
import { shiftDemoVoyage } from "./shift-demo-voyage.js";
import { uuidV4Shaped } from "../ids.js";

/** Creates the fixture units and agencies (one statement each, existing rows kept as they are); returns unit ids by code. */
export async function createDemoUnits(services: Pick<Services, "pool">): Promise<Map<string, string>> {
  const units = loadUnits();
  const agencies = loadAgencies();
  const pool = services.pool;
  await pool.query(
    `INSERT INTO control_unit (id, code, locode, name, country, kind, time_zone)
     SELECT gen_random_uuid(), u.code, u.locode, u.name, u.country, u.kind::unit_kind, COALESCE(u."timeZone", 'UTC') FROM jsonb_to_recordset($1::jsonb)
         AS u(code text, locode text, name text, country text, kind text, "timeZone" text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(units)],
  );
  await pool.query(
    `INSERT INTO agency (id, code, name, kind, country)
     SELECT gen_random_uuid(), a.code, a.name, a.kind::agency_kind, a.country FROM jsonb_to_recordset($1::jsonb) AS a(code text, name text, kind text, country text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(agencies)],
  );
  // A link to a unit that is not in the fixtures is skipped, as before.
  await pool.query(
    `INSERT INTO unit_agency (unit_id, agency_id)
     SELECT u.id, a.id FROM jsonb_to_recordset($1::jsonb) AS l(unit text, agency text)
       JOIN control_unit u ON u.code = l.unit JOIN agency a ON a.code = l.agency
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(agencies.flatMap((a) => a.units.map((unit) => ({ unit, agency: a.code }))))],
  );
  const rows = await pool.query<{ id: string; code: string }>("SELECT id, code FROM control_unit WHERE code = ANY($1::text[])", [units.map((u) => u.code)]);
  const ids = new Map(rows.rows.map((r) => [r.code, r.id]));
  return new Map(units.flatMap((u) => (ids.has(u.code) ? [[u.code, ids.get(u.code)!] as const] : [])));
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
  // All at once: scrypt runs on libuv's thread pool, so the six hashes overlap
  // instead of queueing behind each other's database round trips.
  return Promise.all(
    DEMO_USERS.map(async (demo): Promise<DemoCredentials> => {
      const password = randomBytes(12).toString("base64url");
      const user = await createUser(services, { ...demo, password }, SYSTEM);
      // Printed in a terminal and maybe a log: good for the first sign-in only.
      await services.pool.query("UPDATE app_user SET must_change_password = true WHERE id = $1", [user.id]);
      const token = await createToken(services, user.id, { name: "demo", expiresInDays: 30 }, SYSTEM);
      const roles = demo.memberships.map((m) => `${m.role}${m.unitCode ? `:${m.unitCode}` : m.programme ? `:${m.programme}` : ""}`).join(", ");
      return { username: demo.username, roles, password, token: token.token };
    }),
  );
}

/** The demo officer of each unit records its past year (the air cargo unit has none: its rows name no recorder). */
async function demoRecorders(services: Services): Promise<UnitRecorders> {
  const officers = DEMO_USERS.flatMap((u) => u.memberships.filter((m) => m.role === "officer" && m.unitCode).map((m) => [u.username, m.unitCode!] as const));
  const rows = await services.pool.query<{ id: string; username: string }>("SELECT id, username FROM app_user WHERE username = ANY($1::text[])", [officers.map(([u]) => u)]);
  const ids = new Map(rows.rows.map((r) => [r.username, r.id]));
  return new Map(officers.flatMap(([username, unitCode]) => (ids.has(username) ? [[unitCode, { userId: ids.get(username)!, username }] as const] : [])));
}

/**
 * The demo voyages, ingested one after another (two of them share their
 * parties). Each document is parsed once, as the API parses it: the fast path,
 * zod only if it declines; then moved to arrive in the next days.
 */
async function ingestDemoManifests(services: Services): Promise<{ manifests: number; shipments: number }> {
  const schema = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS);
  // Per document and unit: the banana voyage is an export at Guayaquil (on its board by the departure)
  // and an import at Antwerp (by the arrival), so each unit gets its own copy moved onto its board.
  const parsedOnce = new Map<unknown, Map<string, ManifestInput>>();
  const now = services.now();
  const parse = (document: unknown, unitLocode: string) => {
    const byUnit = parsedOnce.get(document) ?? new Map<string, ManifestInput>();
    parsedOnce.set(document, byUnit);
    let parsed = byUnit.get(unitLocode);
    if (!parsed) {
      // Moved onto the unit's board in the next days (an export by its departure): the fixtures' dates are fixed and would have passed (shift-demo-voyage.ts).
      parsed = shiftDemoVoyage(fastManifest(document, services.config.MANIFEST_MAX_SHIPMENTS) ?? schema.parse(document), now, unitLocode);
      byUnit.set(unitLocode, parsed);
    }
    return parsed;
  };
  const manifests = loadDemoManifests();
  const units = new Map((await services.prisma.controlUnit.findMany({ where: { code: { in: manifests.map((m) => m.unitCode) } } })).map((u) => [u.code, u]));
  let shipments = 0;
  for (const { unitCode, manifest } of manifests) {
    const unit = units.get(unitCode);
    if (!unit) throw new Error(`demo unit ${unitCode} is missing`);
    const result = await ingestManifest(services, { unit, manifest: parse(manifest, unit.locode), actor: SYSTEM });
    shipments += result.body.shipmentCount;
  }
  return { manifests: manifests.length, shipments };
}

/**
 * The id of a demo unit's baseline version, the same on every load: the
 * random picks hash it with the shipment's id (random-selection.ts), so the
 * past year's picks, seeded shipment ids and all, come out the same too.
 */
export function demoVersionId(unitCode: string, profileCode: string): string {
  return uuidV4Shaped(createHash("sha256").update(`portcullis-demo:${unitCode}:${profileCode}`).digest("hex"));
}

export async function loadDemoDataIfEmpty(services: Services): Promise<{ summary: string; users: DemoCredentials[] } | null> {
  if ((await services.prisma.controlUnit.count()) > 0) return null;
  const unitIds = await createDemoUnits(services);
  await Promise.all([...unitIds].map(([code, unitId]) => installBaselineProfiles(services, unitId, "system", (profile) => demoVersionId(code, profile))));
  // One after another, not side by side: the year's plan is seconds of
  // synchronous work, and beside the ingest it held the event loop past
  // ioredis' command timeout, so the ingest's scoring enqueue failed (left to
  // the reconciler a minute later).
  const ingested = await ingestDemoManifests(services);
  const users = await createDemoUsers(services);
  const year = await loadDemoYear(services, await demoRecorders(services));
  return {
    // The credentials are not in the summary: `npm start` prints them last (demo-banner.ts).
    summary:
      `Loaded demo data: ${unitIds.size} units with the maritime and air cargo baseline profiles, ${ingested.manifests} manifests, ${ingested.shipments} shipments; ` +
      `a past year of ${year.shipments} shipments (scored by the active profiles: ${year.selected} of ${year.assessments} assessments selected), ` +
      `${year.inspections} inspections, ${year.seizures} seizures and ${year.referrals} referrals.`,
    users,
  };
}
