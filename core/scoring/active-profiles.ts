// The unit's active profile versions, compiled once per version: versions are
// immutable, so a compiled scorer is cached for the life of the process.
import { compileProfile, type CompiledProfile } from "../../profiling/dsl/compile.js";
import { validateProfile } from "../../profiling/dsl/validate.js";
import type { Pool, PoolClient } from "../db/pool.js";

export interface ActiveVersion {
  versionId: string;
  profileCode: string;
  compiled: CompiledProfile;
}

const compiledByVersion = new Map<string, CompiledProfile>();

export function compileVersion(versionId: string, definition: unknown): CompiledProfile {
  const cached = compiledByVersion.get(versionId);
  if (cached) return cached;
  const checked = validateProfile(definition);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new Error(`profile version ${versionId} is not valid: ${first ? `${first.path}: ${first.message}` : "unknown error"}`);
  }
  const compiled = compileProfile(checked.profile);
  compiledByVersion.set(versionId, compiled);
  return compiled;
}

export async function loadActiveVersions(db: Pool | PoolClient, unitId: string): Promise<ActiveVersion[]> {
  // The definition (a learned profile's is some 300 kB of JSON) only for versions not compiled yet:
  // every scoring chunk asks, and parsing it per chunk was a large share of a re-score's CPU.
  const result = await db.query<{ id: string; code: string; definition: unknown }>(
    `SELECT v.id, p.code, CASE WHEN v.id = ANY($2::uuid[]) THEN NULL ELSE v.definition END AS definition
       FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id
      WHERE p.unit_id = $1 AND v.status = 'active' ORDER BY p.code`,
    [unitId, [...compiledByVersion.keys()]],
  );
  return result.rows.map((row) => ({ versionId: row.id, profileCode: row.code, compiled: compiledByVersion.get(row.id) ?? compileVersion(row.id, row.definition) }));
}
