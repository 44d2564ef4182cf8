// What the queue's reads assume of the rows, checked where the rows are written.
import type pg from "pg";

/**
 * The manifests of these units whose shipments are partly in the queue (some
 * with a scoring state, some without). There must be none: a broad search
 * checks its matches manifest by manifest (searchMatches, queue-filters.ts).
 */
export async function manifestsPartlyQueued(pool: pg.Pool, unitIds: string[]): Promise<{ manifestId: string; shipments: number; queued: number }[]> {
  const result = await pool.query<{ manifest_id: string; shipments: number; queued: number }>(
    `SELECT s.manifest_id, count(*)::int AS shipments, count(st.shipment_id)::int AS queued
       FROM shipment s LEFT JOIN scoring_state st ON st.shipment_id = s.id
      WHERE s.unit_id = ANY($1::uuid[]) AND s.manifest_id IS NOT NULL
      GROUP BY s.manifest_id HAVING count(st.shipment_id) NOT IN (0, count(*))`,
    [unitIds],
  );
  return result.rows.map((r) => ({ manifestId: r.manifest_id, shipments: r.shipments, queued: r.queued }));
}
