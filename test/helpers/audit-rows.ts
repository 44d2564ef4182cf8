import type { Pool } from "../../core/db/pool.js";

/** One audit row written as the application writes them (INSERT only); returns its id. */
export async function recordAuditDirect(pool: Pool, action: string, at?: Date): Promise<number> {
  const inserted = await pool.query<{ id: number }>(
    "INSERT INTO audit_event (action, entity_type, at) VALUES ($1, 'test', coalesce($2, now())) RETURNING id",
    [action, at ?? null],
  );
  return inserted.rows[0]!.id;
}
