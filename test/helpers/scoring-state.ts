import type { Services } from "../../core/services.js";

export interface ManifestProgress {
  total: number;
  scored: number;
  failed: number;
  pending: number;
  /** Assessments per shipment per version above one: must always be 0. */
  duplicates: number;
  assessments: number;
}

export async function manifestProgress(services: Pick<Services, "pool">, manifestId: string): Promise<ManifestProgress> {
  const result = await services.pool.query<ManifestProgress>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE st.status = 'scored')::int AS scored,
            count(*) FILTER (WHERE st.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE st.status = 'pending')::int AS pending,
            (SELECT count(*)::int FROM assessment a JOIN shipment s2 ON s2.id = a.shipment_id WHERE s2.manifest_id = $1) AS assessments,
            (SELECT count(*)::int FROM (SELECT a.shipment_id, a.profile_version_id FROM assessment a
               JOIN shipment s3 ON s3.id = a.shipment_id WHERE s3.manifest_id = $1
              GROUP BY 1, 2 HAVING count(*) > 1) d) AS duplicates
       FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id WHERE s.manifest_id = $1`,
    [manifestId],
  );
  return result.rows[0]!;
}
