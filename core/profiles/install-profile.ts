// Installs a profile document as a new version of a unit's profile, active or
// draft. Used for the built-in baseline and the demo data; the analyst API
// (drafts, activation workflow) builds on the same tables.
import { validateProfile } from "../../profiling/dsl/validate.js";
import { contentHash } from "../manifests/content-hash.js";
import { withTransaction } from "../db/pool.js";
import { validationFailed } from "../errors.js";
import type { Services } from "../services.js";

export async function installProfile(
  services: Pick<Services, "pool">,
  unitId: string,
  definition: unknown,
  /** versionId: the new version's id, where the caller needs a known one (the demo data: its random picks draw on it); else a random one. */
  options: { activate: boolean; createdBy?: string; versionId?: string },
): Promise<{ profileId: string; versionId: string; version: number }> {
  const checked = validateProfile(definition);
  if (!checked.ok) throw validationFailed(checked.errors, "profile is not valid");
  const profile = checked.profile;
  return withTransaction(services.pool, async (client) => {
    const upserted = await client.query<{ id: string }>(
      `INSERT INTO risk_profile (id, unit_id, code, name) VALUES (gen_random_uuid(), $1, $2, $3)
       ON CONFLICT (unit_id, code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [unitId, profile.code, profile.name],
    );
    const profileId = upserted.rows[0]!.id;
    // Lock the profile row: version numbers and "one active version" stay consistent under concurrency.
    await client.query("SELECT 1 FROM risk_profile WHERE id = $1 FOR UPDATE", [profileId]);
    const next = await client.query<{ version: number }>(
      "SELECT COALESCE(max(version), 0) + 1 AS version FROM profile_version WHERE profile_id = $1",
      [profileId],
    );
    const version = next.rows[0]!.version;
    if (options.activate) {
      await client.query(
        "UPDATE profile_version SET status = 'retired', retired_at = now() WHERE profile_id = $1 AND status = 'active'",
        [profileId],
      );
    }
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO profile_version (id, profile_id, version, status, definition, definition_hash, created_by, activated_at)
       VALUES (COALESCE($7::uuid, gen_random_uuid()), $1, $2, $3::profile_status, $4, $5, $6, CASE WHEN $3::profile_status = 'active' THEN now() END) RETURNING id`,
      [profileId, version, options.activate ? "active" : "draft", JSON.stringify(definition), contentHash(definition), options.createdBy ?? null, options.versionId ?? null],
    );
    return { profileId, versionId: inserted.rows[0]!.id, version };
  });
}
