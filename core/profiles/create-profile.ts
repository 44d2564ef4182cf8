// Use case: an analyst creates a profile from a profile document; it starts
// as draft version 1, which scores nothing until it is activated.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict } from "../errors.js";
import type { Services } from "../services.js";
import { insertDraft } from "./create-version.js";
import { checkDefinition, versionSummary } from "./profile-store.js";

export async function createProfile(services: Pick<Services, "pool">, unit: UnitScope, definition: unknown, actor: AuditActor) {
  const profile = checkDefinition(definition);
  return withTransaction(services.pool, async (client) => {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO risk_profile (id, unit_id, code, name) VALUES (gen_random_uuid(), $1, $2, $3)
       ON CONFLICT (unit_id, code) DO NOTHING RETURNING id`,
      [unit.id, profile.code, profile.name],
    );
    const profileId = inserted.rows[0]?.id;
    if (!profileId) {
      throw conflict(`profile ${profile.code} already exists in ${unit.code}; post a new version to it instead`, {
        errors: [{ path: "code", message: "already used by another profile of this unit" }],
      });
    }
    const row = await insertDraft(client, profileId, definition, actor.principal?.username);
    await recordAudit(client, actor, {
      action: "profile.created",
      entityType: "risk_profile",
      entityId: profileId,
      unitId: unit.id,
      after: { code: profile.code, name: profile.name, version: row.version, versionId: row.id, status: "draft", definitionHash: row.definition_hash },
    });
    return { profileId, profileCode: profile.code, name: profile.name, version: { ...versionSummary(row), definition: row.definition } };
  });
}
