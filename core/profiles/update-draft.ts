// Use case: an analyst edits a draft version. Versions are immutable once
// activated (assessments and audit point at them), so anything but a draft
// is a 409: start a new version instead.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict } from "../errors.js";
import { contentHash } from "../manifests/content-hash.js";
import type { Services } from "../services.js";
import { checkSameCode } from "./create-version.js";
import { checkDefinition, findProfile, findVersion, versionSummary, type VersionRow, VERSION_COLUMNS } from "./profile-store.js";

export async function updateDraft(
  services: Pick<Services, "pool">,
  unit: UnitScope,
  target: { profileCode: string; version: number },
  definition: unknown,
  actor: AuditActor,
) {
  const checked = checkDefinition(definition);
  return withTransaction(services.pool, async (client) => {
    const profile = await findProfile(client, unit.id, target.profileCode, { lock: true });
    const before = await findVersion(client, profile, target.version, { lock: true });
    if (before.status !== "draft") {
      throw conflict(`version ${before.version} of ${profile.code} is ${before.status}: versions are immutable once activated; create a new version`, {
        status: before.status,
      });
    }
    checkSameCode(checked, profile.code);
    const updated = await client.query<VersionRow>(
      `UPDATE profile_version SET definition = $2, definition_hash = $3 WHERE id = $1
       RETURNING ${VERSION_COLUMNS}`,
      [before.id, JSON.stringify(definition), contentHash(definition)],
    );
    const row = updated.rows[0]!;
    // A draft's earlier text exists nowhere else: the audit row keeps it.
    await recordAudit(client, actor, {
      action: "profile.draft_updated",
      entityType: "profile_version",
      entityId: row.id,
      unitId: unit.id,
      before: { definitionHash: before.definition_hash, definition: before.definition },
      after: { definitionHash: row.definition_hash, definition: row.definition },
      details: { profileCode: profile.code, version: row.version },
    });
    return { profileCode: profile.code, ...versionSummary(row), definition: row.definition };
  });
}
