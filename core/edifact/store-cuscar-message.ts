// Storing one mapped CUSCAR message by its BGM function: an original goes
// through the JSON ingest use case unchanged (same idempotency, same answers);
// a replacement stores the next version beside the old one and scores it; a
// cancellation marks the current version cancelled and deletes nothing.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { AppError } from "../errors.js";
import { parsedManifestHash } from "../manifests/content-hash.js";
import { ingestManifest, storeManifest } from "../manifests/ingest-manifest.js";
import type { ManifestInput } from "../manifests/manifest-schema.js";
import { recordIngest } from "../metrics/api-metrics.js";
import { enqueueScoring } from "../scoring/enqueue-scoring.js";
import type { Services } from "../services.js";

export type StoreResult =
  | { ok: true; status: "accepted" | "duplicate" | "replaced" | "cancelled"; manifestId: string; shipmentCount: number }
  | { ok: false; code: "13" | "26"; message: string; on: "BGM" };

type Unit = Pick<UnitScope, "id" | "code">;

export async function storeOriginal(services: Services, unit: UnitScope, manifest: ManifestInput, actor: AuditActor): Promise<StoreResult> {
  try {
    const result = await ingestManifest(services, { unit, manifest, actor, expandLater: true });
    recordIngest(result);
    return { ok: true, status: result.body.status, manifestId: result.body.manifestId, shipmentCount: result.body.shipmentCount };
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") {
      return { ok: false, code: "26", on: "BGM", message: `document number ${manifest.manifestRef} was already received with different content: send a replacement (BGM 1225 = 5)` };
    }
    throw error;
  }
}

interface CurrentVersion {
  id: string;
  version: number;
  content_hash: string;
  shipment_count: number;
  cancelled_at: Date | null;
}

/**
 * Serialises replacements and cancellations of one (unit, reference): without it a second
 * replacement arriving meanwhile waits on the row lock, then finds its row superseded and
 * the new version invisible to its snapshot, and answers "no manifest to replace". Taken
 * before the SELECT, so that statement's snapshot sees the version committed before it.
 */
const LOCK_REFERENCE = "SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 18))";

const CURRENT = `SELECT id, version, content_hash, shipment_count, cancelled_at FROM manifest
  WHERE unit_id = $1 AND manifest_ref = $2 AND superseded_at IS NULL`;

export async function storeReplacement(services: Services, unit: Unit, manifest: ManifestInput, actor: AuditActor): Promise<StoreResult> {
  const hash = parsedManifestHash(manifest);
  const now = services.now();
  const outcome = await withTransaction(services.pool, async (client): Promise<StoreResult & { newShipmentIds?: string[] }> => {
    await client.query(LOCK_REFERENCE, [unit.id, manifest.manifestRef]);
    const found = await client.query<CurrentVersion>(`${CURRENT} FOR UPDATE`, [unit.id, manifest.manifestRef]);
    const current = found.rows[0];
    if (!current) return { ok: false, code: "13", on: "BGM", message: `no manifest ${manifest.manifestRef} to replace: send it as an original (BGM 1225 = 9)` };
    if (current.cancelled_at) return { ok: false, code: "26", on: "BGM", message: `manifest ${manifest.manifestRef} was cancelled: it cannot be replaced` };
    // The replacement already stored (a re-send): its answer again, nothing new.
    if (current.content_hash === hash) return { ok: true, status: "duplicate", manifestId: current.id, shipmentCount: current.shipment_count };
    // Superseded first: at most one current version per reference (manifest_one_current_version).
    await client.query("UPDATE manifest SET superseded_at = $2 WHERE id = $1", [current.id, now]);
    const stored = await storeManifest(client, now, unit, manifest, hash, { version: current.version + 1, previousVersionId: current.id });
    await recordAudit(client, actor, {
      action: "manifest.replaced",
      entityType: "manifest",
      entityId: stored.body.manifestId,
      unitId: unit.id,
      details: { manifestRef: manifest.manifestRef, version: current.version + 1, previousVersionId: current.id, shipmentCount: stored.body.shipmentCount },
    });
    return { ok: true, status: "replaced", manifestId: stored.body.manifestId, shipmentCount: stored.body.shipmentCount, newShipmentIds: stored.newShipmentIds };
  });
  if (outcome.ok && outcome.newShipmentIds?.length) {
    await enqueueScoring(services, unit.id, outcome.newShipmentIds, "ingest", `ingest-${outcome.manifestId}`);
  }
  // The old version's containers left the queue: the board's next reads must not show them (core/triage/board-cache.ts).
  if (outcome.ok && outcome.status === "replaced") services.boardCache.invalidate();
  if (!outcome.ok) return outcome;
  return { ok: true, status: outcome.status, manifestId: outcome.manifestId, shipmentCount: outcome.shipmentCount };
}

export async function cancelManifest(services: Services, unit: Unit, manifestRef: string, actor: AuditActor): Promise<StoreResult> {
  const now = services.now();
  const outcome = await withTransaction(services.pool, async (client): Promise<StoreResult> => {
    await client.query(LOCK_REFERENCE, [unit.id, manifestRef]);
    const found = await client.query<CurrentVersion>(`${CURRENT} FOR UPDATE`, [unit.id, manifestRef]);
    const current = found.rows[0];
    if (!current) return { ok: false, code: "13", on: "BGM", message: `no manifest ${manifestRef} to cancel` };
    // Cancelling twice answers the same as once.
    if (current.cancelled_at) return { ok: true, status: "cancelled", manifestId: current.id, shipmentCount: current.shipment_count };
    await client.query("UPDATE manifest SET cancelled_at = $2 WHERE id = $1", [current.id, now]);
    await recordAudit(client, actor, { action: "manifest.cancelled", entityType: "manifest", entityId: current.id, unitId: unit.id, details: { manifestRef, version: current.version } });
    return { ok: true, status: "cancelled", manifestId: current.id, shipmentCount: current.shipment_count };
  });
  // Its containers left the queue: the board's next reads must not show them.
  if (outcome.ok) services.boardCache.invalidate();
  return outcome;
}
