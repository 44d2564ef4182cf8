// Use case: find shipments still pending after the grace period (their job was
// lost with Redis, or a worker died) and enqueue them again. The database,
// not the queue, says what still needs scoring.
import { randomBytes } from "node:crypto";
import type { Services } from "../services.js";
import { enqueueAnalysis, liveAnalysisJobIds } from "../analysis/analysis-jobs.js";
import { enqueueScoring } from "./enqueue-scoring.js";
import { reconcileRescoreChunks } from "./rescore-chunks.js";
import { STATE_IN_FORCE_SQL } from "../manifests/manifest-versions.js";
import { sweptUnits } from "../units/worker-units.js";

/** Upper bound per sweep, so one sweep never builds a huge transaction. */
const SWEEP_LIMIT = 100_000;

export interface ReconcileScope {
  /** Sweep one unit only (the scheduled sweep covers its worker's WORKER_UNITS, or every unit). */
  unitId?: string | undefined;
  /** Sweep these units only (a worker's WORKER_UNITS, see core/units/worker-units.ts); an empty list sweeps none. */
  unitIds?: readonly string[] | undefined;
  /** Overrides RECONCILE_GRACE_SECONDS. */
  graceSeconds?: number | undefined;
}

export async function reconcilePending(
  services: Pick<Services, "pool" | "queues" | "config" | "logger" | "now" | "deployment">,
  scope: ReconcileScope = {},
): Promise<{ reenqueued: number; rescoreChunks: number; analysisJobs: number }> {
  const now = services.now();
  const sweep = randomBytes(4).toString("hex");
  const cutoff = new Date(now.getTime() - (scope.graceSeconds ?? services.config.RECONCILE_GRACE_SECONDS) * 1_000);
  const units = sweptUnits(scope);
  const due = await services.pool.query<{ shipment_id: string; unit_id: string }>(
    `WITH due AS (
       -- Pending rows of a replaced or cancelled manifest version are dropped, never re-enqueued.
       SELECT st.shipment_id FROM scoring_state st
        WHERE st.status = 'pending' AND (st.enqueued_at IS NULL OR st.enqueued_at < $1) AND ($4::uuid[] IS NULL OR st.unit_id = ANY($4::uuid[]))
          AND ${STATE_IN_FORCE_SQL}
        ORDER BY st.enqueued_at NULLS FIRST LIMIT $3
        FOR UPDATE OF st SKIP LOCKED)
     UPDATE scoring_state s SET enqueued_at = $2 FROM due
      WHERE s.shipment_id = due.shipment_id
     RETURNING s.shipment_id, s.unit_id`,
    [cutoff, now, SWEEP_LIMIT, units],
  );
  const byUnit = new Map<string, string[]>();
  for (const row of due.rows) {
    const ids = byUnit.get(row.unit_id) ?? [];
    ids.push(row.shipment_id);
    byUnit.set(row.unit_id, ids);
  }
  for (const [unitId, ids] of byUnit) {
    ids.sort();
    // A fresh job id per sweep (time and a random part): a kept finished or
    // failed copy of an earlier sweep's job never swallows this one.
    await enqueueScoring(services, unitId, ids, "reconcile", `reconcile-${now.getTime()}-${sweep}-${unitId}`);
  }
  if (due.rows.length > 0) services.logger.info({ reenqueued: due.rows.length }, "reconciler re-enqueued pending shipments");
  // A re-score's chunks whose job was lost or whose worker died (rescore-chunks.ts).
  const rescoreChunks = await reconcileRescoreChunks(services, cutoff, now, units);
  // Analyst jobs still queued after the grace period lost their queue entry.
  const analyses = await services.pool.query<{ id: string }>(
    "SELECT id FROM analysis_job WHERE status = 'queued' AND created_at < $1 AND ($2::uuid[] IS NULL OR unit_id = ANY($2::uuid[])) LIMIT 1000",
    [cutoff, units],
  );
  // A row whose job still waits or runs is left alone; the others get a job
  // with a fresh id (see above), even if BullMQ keeps a failed copy.
  const live = analyses.rows.length > 0 ? await liveAnalysisJobIds(services).catch(() => new Set<string>()) : new Set<string>();
  const lost = analyses.rows.filter((row) => !live.has(row.id));
  for (const row of lost) await enqueueAnalysis(services, row.id, `r${now.getTime()}-${sweep}`);
  return { reenqueued: due.rows.length, rescoreChunks, analysisJobs: lost.length };
}
