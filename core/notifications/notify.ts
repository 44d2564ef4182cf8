// Writes a notification for a unit, once per dedupe key: a sweep or a job
// that runs twice notifies once.
import type { Pool, PoolClient } from "../db/pool.js";

export interface NotificationInput {
  unitId: string;
  kind: "referral_overdue" | "referral_received" | "alert_received" | "alert_reply" | "alert_acknowledged" | "alert_match";
  /** English, for API clients; the web client renders `kind` with `params` in the reader's language. */
  message: string;
  /** The values the message names, as plain strings (codes, not translated words). */
  params: Record<string, string>;
  entityType: "referral" | "alert";
  entityId: string;
  dedupeKey: string;
  at: Date;
}

export async function notify(db: Pool | PoolClient, input: NotificationInput): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO notification (id, unit_id, kind, message, params, entity_type, entity_id, dedupe_key, created_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $8, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING`,
    [input.unitId, input.kind, input.message, input.entityType, input.entityId, input.dedupeKey, input.at, JSON.stringify(input.params)],
  );
  return (result.rowCount ?? 0) > 0;
}
