// Use case: score a batch of pending shipments with the unit's active profile
// versions and record the results. Safe to run twice or concurrently: rows
// are locked with SKIP LOCKED, only pending rows are scored, and assessments
// are unique per (shipment, profile version).
import { scoreWithProfiles } from "../../profiling/combine.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { UnrunnableJobError } from "../jobs/typed-jobs.js";
import type { Services } from "../services.js";
import { matchAlertsForShipments } from "../alerts/match-alerts.js";
import { STATE_IN_FORCE_SQL } from "../manifests/manifest-versions.js";
import { loadActiveVersions } from "./active-profiles.js";
import { loadScoringContext } from "./scoring-context.js";
import { cachedSeizureLinks } from "./seizure-links.js";
import { loadShipmentInputs, toShipmentInput } from "./shipment-input.js";
import { writeAssessments, type ShipmentOutcome } from "./write-assessments.js";
import { mapYielding } from "./yield-to-loop.js";

export interface ScoreBatchResult {
  scored: number;
  failed: number;
  /** Shipments that threw but have attempts left: the job should be retried. */
  retry: number;
  skipped: number;
  /** Assessments whose evidence was copied from the shipment's stored evidence (evidence-reuse.ts). */
  evidenceReused: number;
}

export async function scoreShipments(
  services: Pick<Services, "pool" | "config" | "now" | "logger">,
  unitId: string,
  shipmentIds: readonly string[],
): Promise<ScoreBatchResult> {
  // Warm the unit's seizure links on the pool first: a reload (once a minute) then never holds the batch's row locks.
  await cachedSeizureLinks(services.pool, unitId);
  return withTransaction(services.pool, async (client) => {
    // The evidence of a chunk (some 4 kB per assessment) is materialised by the INSERT's ROWS FROM:
    // with the default 4 MB it spilled to a temporary file in every chunk of a re-score.
    await client.query("SET LOCAL work_mem = '32MB'");
    const pending = await lockPending(client, shipmentIds);
    // Rows scored already or held by another worker are fine to skip; rows
    // that do not exist mean the job is not this database's: fail it loudly
    // rather than report it done.
    if (pending.size < shipmentIds.length) await refuseMissingRows(client, unitId, shipmentIds);
    if (pending.size === 0) return { scored: 0, failed: 0, retry: 0, skipped: shipmentIds.length, evidenceReused: 0 };
    const shipments = await loadShipmentInputs(client, [...pending.keys()]);
    const now = services.now();
    const versions = await loadActiveVersions(client, unitId);
    const ctx = await loadScoringContext(client, unitId, [...new Set(shipments.flatMap((s) => s.partyIds))], now);
    const outcomes: ShipmentOutcome[] = await mapYielding(shipments, ({ id, row }): ShipmentOutcome => {
      try {
        return { shipmentId: id, combined: scoreWithProfiles(versions, toShipmentInput(row), ctx) };
      } catch (error) {
        const attempts = (pending.get(id) ?? 0) + 1;
        return { shipmentId: id, error: error instanceof Error ? error.message : String(error), attempts };
      }
    });
    const counts = await writeAssessments(client, unitId, outcomes, now, services.config.SCORE_MAX_ATTEMPTS);
    // Shipments ingested after another unit's alert are flagged by it here, in the same transaction.
    // Most units have no live alert: the match query then still read the unit's shipments (0.4-0.7 s a chunk at 65,000).
    if (await hasLiveAlerts(client, unitId, now)) await matchAlertsForShipments(client, unitId, [...pending.keys()], now);
    return { ...counts, skipped: shipmentIds.length - pending.size };
  });
}

/**
 * Locks the batch's still-pending rows; rows another worker holds are skipped, not waited for.
 * Shipments of a replaced or cancelled manifest version are skipped too: their scoring is dropped.
 */
export async function lockPending(client: PoolClient, ids: readonly string[]): Promise<Map<string, number>> {
  const result = await client.query<{ shipment_id: string; attempts: number }>(
    `SELECT st.shipment_id, st.attempts FROM scoring_state st
      WHERE st.shipment_id = ANY($1::uuid[]) AND st.status = 'pending' AND ${STATE_IN_FORCE_SQL}
      ORDER BY st.shipment_id FOR UPDATE OF st SKIP LOCKED`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.shipment_id, row.attempts]));
}

/** Whether any unexpired alert is addressed to the unit: a superset of what matchAlertsForShipments can match. */
async function hasLiveAlerts(client: PoolClient, unitId: string, now: Date): Promise<boolean> {
  const found = await client.query(
    `SELECT 1 FROM alert_recipient r JOIN alert a ON a.id = r.alert_id
      WHERE r.unit_id = $1 AND (a.expires_at IS NULL OR a.expires_at > $2) LIMIT 1`,
    [unitId, now],
  );
  return found.rows.length > 0;
}

async function refuseMissingRows(client: PoolClient, unitId: string, ids: readonly string[]): Promise<void> {
  const found = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM scoring_state WHERE shipment_id = ANY($1::uuid[]) AND unit_id = $2",
    [ids, unitId],
  );
  const missing = ids.length - (found.rows[0]?.n ?? 0);
  if (missing > 0) throw new UnrunnableJobError(`${missing} of the job's ${ids.length} shipments of unit ${unitId} are not in this database`);
}
