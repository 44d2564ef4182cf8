// Use cases: the unit's profiles with their versions, states and how each
// version performs in operation; one profile; one version with its document
// and its latest back-test.
// Each version names its author by user and display name (version-author.ts).
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import { latestBacktestOf } from "./latest-backtest.js";
import { orderForUnit } from "./profile-order.js";
import { performanceByVersion } from "./profile-performance.js";
import { findProfile, findVersion, versionSummary, type VersionRow } from "./profile-store.js";
import { AUTHOR_COLUMNS, AUTHOR_JOIN, authorOf, versionAuthor, type AuthorColumns } from "./version-author.js";

const VERSION_COLUMNS = `v.id, v.profile_id, v.version, v.status, v.definition_hash, v.created_by, v.created_at, v.activated_at, v.retired_at, ${AUTHOR_COLUMNS}`;

/** A version's summary, its author by name. */
const summaryWithAuthor = (row: VersionRow & AuthorColumns) => ({ ...versionSummary(row), ...versionAuthor(row) });

/**
 * The unit's profiles, those that apply to its transport mode first (see
 * profile-order.ts). Each says which modes it is scoped to (null: every mode),
 * from its active version, else its newest.
 */
export async function listProfiles(services: Pick<Services, "pool">, unit: UnitScope) {
  const [kind, profiles, versions] = await Promise.all([
    services.pool.query<{ kind: string }>("SELECT kind::text AS kind FROM control_unit WHERE id = $1", [unit.id]),
    services.pool.query<{ id: string; code: string; name: string; created_at: Date }>(
      "SELECT id, code, name, created_at FROM risk_profile WHERE unit_id = $1 ORDER BY code",
      [unit.id],
    ),
    services.pool.query<Omit<VersionRow, "definition"> & AuthorColumns & { rationale: string | null; transport_modes: string[] | null }>(
      `SELECT ${VERSION_COLUMNS}, v.definition->>'rationale' AS rationale, v.definition->'scope'->'transportModes' AS transport_modes
         FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id ${AUTHOR_JOIN}
        WHERE p.unit_id = $1 ORDER BY v.version DESC`,
      [unit.id],
    ),
  ]);
  const performance = await performanceByVersion(services.pool, unit.id, versions.rows.filter((v) => v.status !== "draft").map((v) => v.id));
  const items = profiles.rows.map((p) => {
    const own = versions.rows.filter((v) => v.profile_id === p.id);
    const active = own.find((v) => v.status === "active");
    const current = active ?? own[0];
    return {
      code: p.code,
      name: p.name,
      createdAt: p.created_at,
      activeVersion: active?.version ?? null,
      rationale: current?.rationale ?? null,
      transportModes: Array.isArray(current?.transport_modes) ? current.transport_modes : null,
      versions: own.map((v) => ({ ...summaryWithAuthor({ ...v, definition: null }), performance: performance.get(v.id) ?? null })),
    };
  });
  return { items: orderForUnit(items, kind.rows[0]?.kind ?? "") };
}

export async function getProfile(services: Pick<Services, "pool">, unit: UnitScope, profileCode: string) {
  const profile = await findProfile(services.pool, unit.id, profileCode);
  const versions = await services.pool.query<VersionRow & AuthorColumns>(
    `SELECT ${VERSION_COLUMNS}, v.definition FROM profile_version v ${AUTHOR_JOIN} WHERE v.profile_id = $1 ORDER BY v.version DESC`,
    [profile.id],
  );
  const active = versions.rows.find((v) => v.status === "active");
  return {
    code: profile.code,
    name: profile.name,
    activeVersion: active?.version ?? null,
    /** The document officers see the rationale and indicator notes of. */
    active: active ? { ...summaryWithAuthor(active), definition: active.definition } : null,
    versions: versions.rows.map(summaryWithAuthor),
  };
}

export async function getVersion(services: Pick<Services, "pool">, unit: UnitScope, profileCode: string, version: number) {
  const profile = await findProfile(services.pool, unit.id, profileCode);
  const row = await findVersion(services.pool, profile, version);
  const [author, latestBacktest] = await Promise.all([
    authorOf(services.pool, row.created_by),
    latestBacktestOf(services.pool, unit.id, { profileCode: profile.code, version: row.version, definitionHash: row.definition_hash }),
  ]);
  // The latest back-test of the version as it is now: what activating it should select (latest-backtest.ts).
  return { profileCode: profile.code, ...versionSummary(row), ...author, latestBacktest, definition: row.definition };
}
