// Finding a unit's profiles and versions for the analyst use cases, and
// compiling a version for scoring outside the pipeline (dry-run, back-test).
// URLs name a profile by its code and a version by its number; another
// unit's profile, or none, is the same 404.
import { compileProfile, type CompiledProfile } from "../../profiling/dsl/compile.js";
import type { Profile } from "../../profiling/dsl/profile-types.js";
import { validateProfile, type ProfileError } from "../../profiling/dsl/validate.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { notFound, validationFailed, type FieldError } from "../errors.js";
import { compileVersion } from "../scoring/active-profiles.js";

export type ProfileStatus = "draft" | "active" | "retired";

export interface ProfileRow {
  id: string;
  code: string;
  name: string;
}

/** The profile_version columns a VersionRow holds, for SELECT and RETURNING. */
export const VERSION_COLUMNS = "id, profile_id, version, status, definition, definition_hash, created_by, created_at, activated_at, retired_at";

export interface VersionRow {
  id: string;
  profile_id: string;
  version: number;
  status: ProfileStatus;
  definition: unknown;
  definition_hash: string;
  created_by: string | null;
  created_at: Date;
  activated_at: Date | null;
  retired_at: Date | null;
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

export async function findProfile(db: Pool | PoolClient, unitId: string, code: string, options: { lock?: boolean } = {}): Promise<ProfileRow> {
  const upper = code.toUpperCase();
  if (!CODE.test(upper)) throw notFound(`profile ${code}`);
  const found = await db.query<ProfileRow>(
    `SELECT id, code, name FROM risk_profile WHERE unit_id = $1 AND code = $2${options.lock ? " FOR UPDATE" : ""}`,
    [unitId, upper],
  );
  const row = found.rows[0];
  if (!row) throw notFound(`profile ${code}`);
  return row;
}

/** `version` as it arrives in the URL; anything but a positive integer is a 404. */
export function versionNumber(raw: unknown): number {
  const text = String(raw);
  if (!/^[1-9]\d{0,8}$/.test(text)) throw notFound(`version ${text}`);
  return Number(text);
}

export async function findVersion(db: Pool | PoolClient, profile: ProfileRow, version: number, options: { lock?: boolean } = {}): Promise<VersionRow> {
  const found = await db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS}
       FROM profile_version WHERE profile_id = $1 AND version = $2${options.lock ? " FOR UPDATE" : ""}`,
    [profile.id, version],
  );
  const row = found.rows[0];
  if (!row) throw notFound(`version ${version} of profile ${profile.code}`);
  return row;
}

export function versionSummary(row: VersionRow) {
  return {
    versionId: row.id,
    version: row.version,
    status: row.status,
    definitionHash: row.definition_hash,
    createdBy: row.created_by,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
  };
}

/** Errors of the profile language, placed under `root` of the request body (e.g. `definition`). */
export function underRoot(errors: readonly ProfileError[], root?: string): FieldError[] {
  if (!root) return errors.map((e) => ({ path: e.path || "body", message: e.message }));
  return errors.map((e) => ({ path: e.path ? (e.path.startsWith("[") ? `${root}${e.path}` : `${root}.${e.path}`) : root, message: e.message }));
}

/** A valid profile document, or a 400 naming every path to fix. */
export function checkDefinition(definition: unknown, root?: string): Profile {
  const checked = validateProfile(definition);
  if (!checked.ok) throw validationFailed(underRoot(checked.errors, root), "profile is not valid");
  return checked.profile;
}

/**
 * A stored version as a scorer. Activated and retired versions never change,
 * so they share the pipeline's per-version cache; a draft may still be
 * edited, so it is compiled afresh and never cached.
 */
export function compileStoredVersion(row: Pick<VersionRow, "id" | "status" | "definition">): CompiledProfile {
  if (row.status !== "draft") return compileVersion(row.id, row.definition);
  return compileProfile(checkDefinition(row.definition));
}
