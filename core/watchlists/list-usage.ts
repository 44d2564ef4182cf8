// What depends on a watchlist, so that deleting one never silently disables a
// profile condition: the unit's draft and active profile versions that name
// the list with `inList` (profiling/dsl: `{ op: "inList", field, list }`, at
// any depth under all/any/not), and the lists the system itself feeds.
import { SEIZURE_WATCHLIST } from "../seizures/seizure-parties.js";
import type { Pool, PoolClient } from "../db/pool.js";

/** Lists the system writes to (recording a seizure adds its parties): never deleted. */
export const SYSTEM_WATCHLISTS: ReadonlySet<string> = new Set([SEIZURE_WATCHLIST]);

export const isSystemList = (code: string) => SYSTEM_WATCHLISTS.has(code);

export interface ListUse {
  profileCode: string;
  version: number;
  status: "draft" | "active";
}

// Retired versions are history: they no longer score and cannot be edited.
const INLIST_CODES = `
  SELECT DISTINCT l.code, p.code AS profile_code, v.version, v.status::text AS status
    FROM risk_profile p
    JOIN profile_version v ON v.profile_id = p.id
   CROSS JOIN LATERAL jsonb_path_query(v.definition, 'strict $.** ? (@.op == "inList").list') AS j(list)
   CROSS JOIN LATERAL (SELECT j.list #>> '{}' AS code) AS l
   WHERE p.unit_id = $1 AND v.status IN ('draft', 'active')`;

/** The profile versions of the unit that use each list (by code), ordered by profile and version. */
export async function listUsage(db: Pool | PoolClient, unitId: string, codes?: readonly string[]): Promise<Map<string, ListUse[]>> {
  const result = await db.query<{ code: string; profile_code: string; version: number; status: ListUse["status"] }>(
    `${INLIST_CODES} AND ($2::text[] IS NULL OR l.code = ANY($2::text[])) ORDER BY profile_code, version`,
    [unitId, codes ?? null],
  );
  const usage = new Map<string, ListUse[]>();
  for (const row of result.rows) {
    const uses = usage.get(row.code) ?? [];
    uses.push({ profileCode: row.profile_code, version: row.version, status: row.status });
    usage.set(row.code, uses);
  }
  return usage;
}

export const describeUse = (use: ListUse) => `${use.profileCode} version ${use.version} (${use.status})`;
