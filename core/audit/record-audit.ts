// Writes one audit event. Callers pass the transaction of the change itself,
// so a change and its audit row commit or roll back together.
import type { Pool, PoolClient } from "../db/pool.js";
import type { Principal } from "../auth/principal.js";

export interface AuditActor {
  principal?: Principal | undefined;
  ip?: string | undefined;
  requestId?: string | undefined;
  /** For system actions and failed logins, where there is no principal. */
  name?: string | undefined;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null | undefined;
  unitId?: string | null | undefined;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(db: Pool | PoolClient, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_event (actor_id, actor_name, token_id, action, entity_type, entity_id, unit_id, ip, request_id, before, after, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      actor.principal?.userId ?? null,
      actor.principal?.username ?? actor.name ?? null,
      actor.principal?.tokenId ?? null,
      entry.action,
      entry.entityType,
      entry.entityId ?? null,
      entry.unitId ?? null,
      actor.ip ?? null,
      actor.requestId ?? null,
      json(entry.before),
      json(entry.after),
      json(entry.details),
    ],
  );
}
