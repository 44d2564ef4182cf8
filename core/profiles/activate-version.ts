// Use case: an analyst activates a draft. The profile's previously active
// version is retired in the same transaction (at most one active version per
// profile; a partial unique index enforces it too), and optionally the
// unit's upcoming shipments are scored again with the new set of versions.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict } from "../errors.js";
import type { Services } from "../services.js";
import { checkDefinition, findProfile, findVersion, versionSummary, type VersionRow, VERSION_COLUMNS } from "./profile-store.js";
import { enqueueRescore, planUpcomingRescore } from "./rescore-upcoming.js";

const RETURNING = `RETURNING ${VERSION_COLUMNS}`;

export async function activateVersion(
  services: Pick<Services, "pool" | "queues" | "config" | "logger" | "now" | "deployment">,
  unit: UnitScope,
  target: { profileCode: string; version: number },
  options: { rescoreUpcoming: boolean },
  actor: AuditActor,
) {
  const now = services.now();
  const outcome = await withTransaction(services.pool, async (client) => {
    const profile = await findProfile(client, unit.id, target.profileCode, { lock: true });
    const draft = await findVersion(client, profile, target.version, { lock: true });
    if (draft.status !== "draft") {
      throw conflict(`version ${draft.version} of ${profile.code} is ${draft.status}; only a draft can be activated`, { status: draft.status });
    }
    // Stored drafts were valid when written; the language may have tightened since.
    const definition = checkDefinition(draft.definition, "definition");
    const retired = await client.query<VersionRow>(
      `UPDATE profile_version SET status = 'retired', retired_at = $2 WHERE profile_id = $1 AND status = 'active' ${RETURNING}`,
      [profile.id, now],
    );
    const activated = await client.query<VersionRow>(
      `UPDATE profile_version SET status = 'active', activated_at = $2 WHERE id = $1 ${RETURNING}`,
      [draft.id, now],
    );
    await client.query("UPDATE risk_profile SET name = $2 WHERE id = $1", [profile.id, definition.name]);
    const previous = retired.rows[0];
    const rescore = options.rescoreUpcoming ? await planUpcomingRescore(client, services.config, unit.id, draft.id, now) : { shipmentIds: [], chunks: [] };
    await recordAudit(client, actor, {
      action: "profile.version_activated",
      entityType: "profile_version",
      entityId: draft.id,
      unitId: unit.id,
      before: { status: "draft", activeVersion: previous ? { version: previous.version, versionId: previous.id } : null },
      after: { status: "active", version: draft.version },
      details: { profileCode: profile.code, rescoreUpcoming: options.rescoreUpcoming, shipmentsRescored: rescore.shipmentIds.length },
    });
    return { profile, row: activated.rows[0]!, previous, rescore };
  });
  await enqueueRescore(services, unit.id, outcome.rescore.chunks, outcome.row.id);
  return {
    profileCode: outcome.profile.code,
    ...versionSummary(outcome.row),
    retiredVersion: outcome.previous ? outcome.previous.version : null,
    shipmentsRescored: outcome.rescore.shipmentIds.length,
  };
}
