// Use case: an analyst retires a version (the active one, or a draft that
// will not be used). A retired version scores nothing more; its assessments
// stay. With `rescoreUpcoming`, shipments not arrived yet are scored again
// without it.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict } from "../errors.js";
import type { Services } from "../services.js";
import { findProfile, findVersion, versionSummary, type VersionRow, VERSION_COLUMNS } from "./profile-store.js";
import { enqueueRescore, planUpcomingRescore } from "./rescore-upcoming.js";

export async function retireVersion(
  services: Pick<Services, "pool" | "queues" | "config" | "logger" | "now" | "deployment">,
  unit: UnitScope,
  target: { profileCode: string; version: number },
  options: { rescoreUpcoming: boolean },
  actor: AuditActor,
) {
  const now = services.now();
  const outcome = await withTransaction(services.pool, async (client) => {
    const profile = await findProfile(client, unit.id, target.profileCode, { lock: true });
    const before = await findVersion(client, profile, target.version, { lock: true });
    if (before.status === "retired") throw conflict(`version ${before.version} of ${profile.code} is already retired`, { status: before.status });
    const updated = await client.query<VersionRow>(
      `UPDATE profile_version SET status = 'retired', retired_at = $2 WHERE id = $1
       RETURNING ${VERSION_COLUMNS}`,
      [before.id, now],
    );
    const rescore = options.rescoreUpcoming && before.status === "active" ? await planUpcomingRescore(client, services.config, unit.id, before.id, now) : { shipmentIds: [], chunks: [] };
    await recordAudit(client, actor, {
      action: "profile.version_retired",
      entityType: "profile_version",
      entityId: before.id,
      unitId: unit.id,
      before: { status: before.status },
      after: { status: "retired" },
      details: { profileCode: profile.code, version: before.version, shipmentsRescored: rescore.shipmentIds.length },
    });
    return { profile, row: updated.rows[0]!, rescore };
  });
  await enqueueRescore(services, unit.id, outcome.rescore.chunks, outcome.row.id);
  return { profileCode: outcome.profile.code, ...versionSummary(outcome.row), shipmentsRescored: outcome.rescore.shipmentIds.length };
}
