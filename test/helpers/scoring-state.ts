import { rescoringCount } from "../../core/scoring/rescore-chunks.js";
import type { Services } from "../../core/services.js";

export interface ManifestProgress {
  total: number;
  scored: number;
  failed: number;
  pending: number;
  /**
   * Assessment rows per shipment per version above one. Always 0: the unique
   * (shipment, version) key caps it, so it cannot show double work.
   */
  duplicates: number;
  assessments: number;
  /** Scoring executions over the manifest's assessments (each counts itself, even when its row was a no-op). */
  executions: number;
  /** (shipment, version) pairs scored more than once: the evidence of double work. */
  scoredTwice: number;
}

export async function manifestProgress(services: Pick<Services, "pool">, manifestId: string): Promise<ManifestProgress> {
  const result = await services.pool.query<ManifestProgress>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE st.status = 'scored')::int AS scored,
            count(*) FILTER (WHERE st.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE st.status = 'pending')::int AS pending,
            a.assessments, a.executions, a.scored_twice AS "scoredTwice",
            (SELECT count(*)::int FROM (SELECT a.shipment_id, a.profile_version_id FROM assessment a
               JOIN shipment s3 ON s3.id = a.shipment_id WHERE s3.manifest_id = $1
              GROUP BY 1, 2 HAVING count(*) > 1) d) AS duplicates
       FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id
       CROSS JOIN (SELECT count(*)::int AS assessments, coalesce(sum(a.executions), 0)::int AS executions,
                          count(*) FILTER (WHERE a.executions > 1)::int AS scored_twice
                     FROM assessment a JOIN shipment s2 ON s2.id = a.shipment_id WHERE s2.manifest_id = $1) a
      WHERE s.manifest_id = $1
      GROUP BY a.assessments, a.executions, a.scored_twice`,
    [manifestId],
  );
  return result.rows[0]!;
}

/** What every fault test asserts once all is scored: each (shipment, version) scored by exactly one execution. */
export function scoredOnce(assessments: number): Partial<ManifestProgress> {
  return { assessments, executions: assessments, scoredTwice: 0, duplicates: 0 };
}

/**
 * The manifest's progress once a re-score is over (no chunk of the unit left, nothing pending), else undefined.
 * The chunk count is read first: a chunk deletes its row and writes its assessments in one commit, so progress read
 * after a count of 0 holds every chunk's assessments. Read the other way round, a chunk committing between the two
 * reads gave a progress without that chunk's assessments behind a count of 0 (one chunk's containers short of the new
 * version in loaded suite runs, while the database held them all).
 */
export async function rescoreSettled(services: Pick<Services, "pool">, unitId: string, manifestId: string): Promise<ManifestProgress | undefined> {
  if ((await rescoringCount(services.pool, unitId)) > 0) return undefined;
  const progress = await manifestProgress(services, manifestId);
  return progress.pending === 0 ? progress : undefined;
}
