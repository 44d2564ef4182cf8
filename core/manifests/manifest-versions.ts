// Which manifest versions are in force. A CUSCAR replacement supersedes the
// version before it and a cancellation cancels the current one (migration
// 0014): their shipments stay stored, with any decision or inspection, but
// leave the officer queue, its counts, the voyages board and scoring.
import type { Pool, PoolClient } from "../db/pool.js";

/** True when the manifest whose id is `column` is still in force, or when there is none (history). */
export const manifestInForceSql = (column: string) => `NOT EXISTS (SELECT 1 FROM manifest mv
  WHERE mv.id = ${column} AND (mv.superseded_at IS NOT NULL OR mv.cancelled_at IS NOT NULL))`;

/** True for a shipment `s` with no manifest (history) or one still in force. */
export const SHIPMENT_IN_FORCE_SQL = manifestInForceSql("s.manifest_id");

/** The same for a scoring_state row `st` (the scoring paths do not join shipment). */
export const STATE_IN_FORCE_SQL = `NOT EXISTS (SELECT 1 FROM shipment vs JOIN manifest mv ON mv.id = vs.manifest_id
  WHERE vs.id = st.shipment_id AND (mv.superseded_at IS NOT NULL OR mv.cancelled_at IS NOT NULL))`;

/** "current": versions in force only (the default); "all": replaced and cancelled versions too. */
export type VersionScope = "current" | "all";

export interface ManifestVersionItem {
  id: string;
  version: number;
  receivedAt: Date;
  shipmentCount: number;
  supersededAt: Date | null;
  cancelledAt: Date | null;
}

/** Every version of a unit's manifest reference, oldest first: a manifest page's history. */
export async function manifestVersions(db: Pool | PoolClient, unitId: string, manifestRef: string): Promise<ManifestVersionItem[]> {
  const result = await db.query<{ id: string; version: number; received_at: Date; shipment_count: number; superseded_at: Date | null; cancelled_at: Date | null }>(
    `SELECT id, version, received_at, shipment_count, superseded_at, cancelled_at FROM manifest
      WHERE unit_id = $1 AND manifest_ref = $2 ORDER BY version`,
    [unitId, manifestRef],
  );
  return result.rows.map((r) => ({ id: r.id, version: r.version, receivedAt: r.received_at, shipmentCount: r.shipment_count, supersededAt: r.superseded_at, cancelledAt: r.cancelled_at }));
}
