// Use case: score a batch of pending shipments with the unit's active profile
// versions and record the results. Safe to run twice or concurrently: rows
// are locked with SKIP LOCKED, only pending rows are scored, and assessments
// are unique per (shipment, profile version). A re-score chunk (rescore-chunks.ts)
// scores its rows in place instead, and runs at most once: its chunk row is
// deleted in the same transaction.
import { scoreWithProfiles } from "../../profiling/combine.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { UnrunnableJobError } from "../jobs/typed-jobs.js";
import type { Services } from "../services.js";
import { matchAlertsForShipments } from "../alerts/match-alerts.js";
import { STATE_IN_FORCE_SQL } from "../manifests/manifest-versions.js";
import { loadActiveVersions } from "./active-profiles.js";
import { deleteRescoreChunk, lockRescoreChunk } from "./rescore-chunks.js";
import { loadScoringContext } from "./scoring-context.js";
import { cachedSeizureLinks } from "./seizure-links.js";
import { loadShipmentInputs, toShipmentInput } from "./shipment-input.js";
import { writeAssessments, type PreviousVerdict, type ShipmentOutcome } from "./write-assessments.js";
import { mapYielding } from "./yield-to-loop.js";

export interface ScoreBatchResult {
  scored: number;
  failed: number;
  /** Shipments that threw but have attempts left: the job should be retried. */
  retry: number;
  skipped: number;
  /** Assessments whose evidence was copied from the shipment's stored evidence (evidence-reuse.ts). */
  evidenceReused: number;
  /** A re-score chunk's shipments that failed to score and went back to pending (the ordinary path retries them). */
  repending?: string[];
}

export async function scoreShipments(
  services: Pick<Services, "pool" | "config" | "now" | "logger">,
  unitId: string,
  shipmentIds: readonly string[],
  options: { rescoreChunkId?: string | undefined } = {},
): Promise<ScoreBatchResult> {
  // Warm the unit's seizure links on the pool first: a reload (once a minute) then never holds the batch's row locks.
  await cachedSeizureLinks(services.pool, unitId);
  return withTransaction(services.pool, async (client) => {
    // The evidence of a chunk (some 4 kB per assessment) is materialised by the INSERT's ROWS FROM:
    // with the default 4 MB it spilled to a temporary file in every chunk of a re-score.
    await client.query("SET LOCAL work_mem = '32MB'");
    let ids = shipmentIds;
    const previous = options.rescoreChunkId === undefined ? undefined : new Map<string, PreviousVerdict>();
    if (options.rescoreChunkId !== undefined) {
      // A re-score chunk: done already (deleted) or held by another worker means nothing to do here.
      const chunk = await lockRescoreChunk(client, options.rescoreChunkId);
      if (!chunk) return { scored: 0, failed: 0, retry: 0, skipped: shipmentIds.length, evidenceReused: 0 };
      ids = chunk.shipmentIds;
      await deleteRescoreChunk(client, chunk.id);
    }
    const pending = previous ? await lockForRescore(client, ids, previous) : await lockPending(client, ids);
    // Rows scored already or held by another worker are fine to skip; rows
    // that do not exist mean the job is not this database's: fail it loudly
    // rather than report it done.
    if (pending.size < ids.length && !previous) await refuseMissingRows(client, unitId, ids);
    if (pending.size === 0) return { scored: 0, failed: 0, retry: 0, skipped: ids.length, evidenceReused: 0 };
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
    const retried = previous ? undefined : new Set([...pending].filter(([, attempts]) => attempts > 0).map(([id]) => id));
    const counts = await writeAssessments(client, unitId, outcomes, now, services.config.SCORE_MAX_ATTEMPTS, previous, retried);
    // Shipments ingested after another unit's alert are flagged by it here, in the same transaction.
    // Most units have no live alert: the match query then still read the unit's shipments (0.4-0.7 s a chunk at 65,000).
    if (await hasLiveAlerts(client, unitId, now)) await matchAlertsForShipments(client, unitId, [...pending.keys()], now);
    const repending = previous ? outcomes.filter((o) => "error" in o && o.attempts < services.config.SCORE_MAX_ATTEMPTS).map((o) => o.shipmentId) : [];
    return { ...counts, skipped: ids.length - pending.size, ...(previous ? { repending } : {}) };
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

/**
 * Locks a re-score chunk's rows whatever their verdict, waiting for a worker that holds one (an ingest chunk that may
 * have read the versions before the activation committed: its row is scored again once it commits). Pending rows
 * are left to their own job, which reads the versions after the activation. Their verdicts are kept in `previous`,
 * so an unchanged verdict is not written again. Attempts start at 0, as the re-score of a failed row starts afresh.
 * Rows gone or of a replaced or cancelled manifest version are skipped.
 */
async function lockForRescore(client: PoolClient, ids: readonly string[], previous: Map<string, PreviousVerdict>): Promise<Map<string, number>> {
  const result = await client.query<PreviousVerdict & { shipment_id: string }>(
    `SELECT st.shipment_id, st.score, st.band::text AS band, st.selected, st.random, st.watchlisted, st.status::text AS status
       FROM scoring_state st
      WHERE st.shipment_id = ANY($1::uuid[]) AND st.status <> 'pending' AND ${STATE_IN_FORCE_SQL}
      ORDER BY st.shipment_id FOR UPDATE OF st`,
    [ids],
  );
  for (const row of result.rows) previous.set(row.shipment_id, row);
  return new Map(result.rows.map((row) => [row.shipment_id, 0]));
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
