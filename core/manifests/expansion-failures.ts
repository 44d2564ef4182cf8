// A staged manifest whose expansion keeps failing (migration 0034). Each failed
// expansion counts one attempt on the payload row, in its own transaction (the
// failed part has rolled back); at MANIFEST_EXPAND_MAX_ATTEMPTS the row is marked
// failed, with the last error as its reason, an audit event and an error log
// line: the expansion and the reconciler then leave it alone, the payload
// stays, and an operator's retry (`manifests retry-expansion`) clears the mark
// and the count and enqueues it again.
import { randomBytes } from "node:crypto";
import { withTransaction } from "../db/pool.js";
import { notFound } from "../errors.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { UnrunnableJobError } from "../jobs/typed-jobs.js";
import type { Services } from "../services.js";
import { isUuid } from "../ids.js";
import { enqueueExpansion } from "./enqueue-expansion.js";

/** Thrown by the attempt that reached the limit: no job retries it (the worker pool fails it at once). */
export class ExpansionGaveUpError extends UnrunnableJobError {
  constructor(readonly manifestId: string, readonly reason: string, readonly attempts: number) {
    super(`manifest ${manifestId}: expansion failed ${attempts} times, marked failed: ${reason}`);
  }
}

/**
 * What the manifest's readers are shown of an error: its message's first line, at most 300 characters, never a
 * stack. PostgreSQL's messages name a constraint or a value at most, never the statement (pg keeps that apart).
 */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n", 1)[0]!.trim();
  const reason = line.length > 300 ? `${line.slice(0, 299)}…` : line;
  return reason || (error instanceof Error ? error.name : "unknown error");
}

type FailureServices = Pick<Services, "pool" | "config" | "logger" | "now">;

/**
 * Counts one failed expansion of a staged manifest; at the limit marks it failed (with its audit row, in the
 * same transaction) and returns the error that ends the job, else the original error to retry. A failure to
 * count (PostgreSQL gone) leaves the original error: an attempt nobody could record is not counted.
 */
export async function countExpansionFailure(services: FailureServices, manifestId: string, error: unknown): Promise<unknown> {
  const reason = failureReason(error);
  const limit = services.config.MANIFEST_EXPAND_MAX_ATTEMPTS;
  try {
    const counted = await withTransaction(services.pool, async (client) => {
      const updated = await client.query<{ attempts: number; failed: boolean; unit_id: string }>(
        `UPDATE manifest_staged SET attempts = attempts + 1, last_error = $2, failed_at = CASE WHEN attempts + 1 >= $3 THEN $4::timestamptz END
          WHERE manifest_id = $1 AND failed_at IS NULL
          RETURNING attempts, failed_at IS NOT NULL AS failed, unit_id`,
        [manifestId, reason, limit, services.now()],
      );
      const row = updated.rows[0];
      if (row?.failed) {
        await recordAudit(client, { name: "manifest-expansion" }, {
          action: "manifest.expansion_failed",
          entityType: "manifest",
          entityId: manifestId,
          unitId: row.unit_id,
          details: { attempts: row.attempts, reason },
        });
      }
      return row;
    });
    if (!counted) return error;
    if (!counted.failed) {
      services.logger.warn({ manifestId, attempts: counted.attempts, maxAttempts: limit, reason }, "manifest expansion failed; it will be retried");
      return error;
    }
    services.logger.error(
      { manifestId, unitId: counted.unit_id, attempts: counted.attempts, reason },
      `manifest ${manifestId} marked failed after ${counted.attempts} failed expansions (payload kept; retry with: npm run -s cli -- manifests retry-expansion --id ${manifestId})`,
    );
    return new ExpansionGaveUpError(manifestId, reason, counted.attempts);
  } catch (countError) {
    services.logger.warn({ err: countError, manifestId }, "could not count a failed manifest expansion");
    return error;
  }
}

export interface RetriedExpansion {
  manifestId: string;
  unitId: string;
  /** Its state before the retry: "failed", or "expanding" (a nudge: it had attempts left). */
  was: "failed" | "expanding";
  attemptsBefore: number;
  lastError: string | null;
  enqueued: boolean;
}

/**
 * An operator's retry: clears the failed mark and the count of a staged manifest, audited, and enqueues its
 * expansion under a fresh job id (a kept failed copy must not swallow it). Not found: no payload (unknown or stored).
 */
export async function retryExpansion(
  services: Pick<Services, "pool" | "queues" | "logger" | "now" | "deployment">,
  manifestId: string,
  actor: AuditActor,
): Promise<RetriedExpansion> {
  if (!isUuid(manifestId)) throw notFound(`staged manifest ${manifestId}`);
  const reset = await withTransaction(services.pool, async (client) => {
    const before = await client.query<{ unit_id: string; attempts: number; last_error: string | null; failed: boolean }>(
      "SELECT unit_id, attempts, last_error, failed_at IS NOT NULL AS failed FROM manifest_staged WHERE manifest_id = $1 FOR UPDATE",
      [manifestId],
    );
    const row = before.rows[0];
    if (!row) return undefined;
    await client.query("UPDATE manifest_staged SET attempts = 0, failed_at = NULL, enqueued_at = $2 WHERE manifest_id = $1", [manifestId, services.now()]);
    await recordAudit(client, actor, {
      action: "manifest.expansion_retried",
      entityType: "manifest",
      entityId: manifestId,
      unitId: row.unit_id,
      details: { attempts: row.attempts, failed: row.failed, lastError: row.last_error },
    });
    return row;
  });
  if (!reset) throw notFound(`staged manifest ${manifestId} (unknown, or its shipments are stored already)`);
  const enqueued = await enqueueExpansion(services, manifestId, `expand-${manifestId}-retry-${services.now().getTime()}-${randomBytes(3).toString("hex")}`);
  return { manifestId, unitId: reset.unit_id, was: reset.failed ? "failed" : "expanding", attemptsBefore: reset.attempts, lastError: reset.last_error, enqueued };
}
