// Use case: an analyst starts a new draft version of an existing profile
// (typically a copy of the active one with changed weights). Drafts can be
// edited until they are activated; the version number is the next one.
import type { Profile } from "../../profiling/dsl/profile-types.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { validationFailed } from "../errors.js";
import { contentHash } from "../manifests/content-hash.js";
import type { Services } from "../services.js";
import { checkDefinition, findProfile, versionSummary, type ProfileRow, type VersionRow, VERSION_COLUMNS } from "./profile-store.js";

/** The document's code must name the profile it is a version of. */
export function checkSameCode(profile: Profile, code: string): void {
  if (profile.code !== code) throw validationFailed([{ path: "code", message: `must be ${code}, the code of this profile` }], "profile is not valid");
}

export async function insertDraft(client: PoolClient, profileId: string, definition: unknown, createdBy: string | undefined): Promise<VersionRow> {
  // The profile row is locked by the caller, so max(version) + 1 cannot collide.
  const inserted = await client.query<VersionRow>(
    `INSERT INTO profile_version (id, profile_id, version, status, definition, definition_hash, created_by)
     SELECT gen_random_uuid(), $1, COALESCE(max(version), 0) + 1, 'draft', $2, $3, $4 FROM profile_version WHERE profile_id = $1
     RETURNING ${VERSION_COLUMNS}`,
    [profileId, JSON.stringify(definition), contentHash(definition), createdBy ?? null],
  );
  return inserted.rows[0]!;
}

export async function createVersion(
  services: Pick<Services, "pool">,
  unit: UnitScope,
  profileCode: string,
  definition: unknown,
  actor: AuditActor,
) {
  const checked = checkDefinition(definition);
  return withTransaction(services.pool, async (client) => {
    const profile: ProfileRow = await findProfile(client, unit.id, profileCode, { lock: true });
    checkSameCode(checked, profile.code);
    const row = await insertDraft(client, profile.id, definition, actor.principal?.username);
    await recordAudit(client, actor, {
      action: "profile.version_created",
      entityType: "profile_version",
      entityId: row.id,
      unitId: unit.id,
      after: { profileCode: profile.code, version: row.version, status: "draft", definitionHash: row.definition_hash },
    });
    return { profileCode: profile.code, ...versionSummary(row), definition: row.definition };
  });
}
