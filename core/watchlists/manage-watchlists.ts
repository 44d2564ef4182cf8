// Use cases: a unit's watchlists (parties, addresses, ports, HS codes, text)
// that profiles reference with `inList`; creating one is audited.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction, type Pool, type PoolClient } from "../db/pool.js";
import { conflict, notFound } from "../errors.js";
import type { Services } from "../services.js";
import type { CreateWatchlistInput } from "./watchlist-schemas.js";

export interface WatchlistRow {
  id: string;
  code: string;
  name: string;
  kind: "party" | "address" | "port" | "hs" | "text";
  created_at: Date;
}

export async function findWatchlist(db: Pool | PoolClient, unitId: string, code: string): Promise<WatchlistRow> {
  const upper = code.toUpperCase();
  const found = /^[A-Z0-9][A-Z0-9_-]{1,63}$/.test(upper)
    ? await db.query<WatchlistRow>("SELECT id, code, name, kind, created_at FROM watchlist WHERE unit_id = $1 AND code = $2", [unitId, upper])
    : { rows: [] };
  const row = found.rows[0];
  if (!row) throw notFound(`watchlist ${code}`);
  return row;
}

export async function createWatchlist(services: Pick<Services, "pool">, unit: UnitScope, input: CreateWatchlistInput, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const inserted = await client.query<WatchlistRow>(
      `INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES (gen_random_uuid(), $1, $2, $3, $4)
       ON CONFLICT (unit_id, code) DO NOTHING RETURNING id, code, name, kind, created_at`,
      [unit.id, input.code, input.name, input.kind],
    );
    const row = inserted.rows[0];
    if (!row) throw conflict(`watchlist ${input.code} already exists in ${unit.code}`, { errors: [{ path: "code", message: "already used by another list of this unit" }] });
    await recordAudit(client, actor, {
      action: "watchlist.created",
      entityType: "watchlist",
      entityId: row.id,
      unitId: unit.id,
      after: { code: row.code, name: row.name, kind: row.kind },
    });
    return { id: row.id, code: row.code, name: row.name, kind: row.kind, createdAt: row.created_at, entries: 0 };
  });
}

export async function listWatchlists(services: Pick<Services, "pool" | "now">, unit: UnitScope) {
  const result = await services.pool.query<WatchlistRow & { entries: number; expired: number }>(
    `SELECT w.id, w.code, w.name, w.kind, w.created_at,
            count(e.id) FILTER (WHERE e.expires_at IS NULL OR e.expires_at > $2)::int AS entries,
            count(e.id) FILTER (WHERE e.expires_at <= $2)::int AS expired
       FROM watchlist w LEFT JOIN watchlist_entry e ON e.watchlist_id = w.id
      WHERE w.unit_id = $1 GROUP BY w.id ORDER BY w.code`,
    [unit.id, services.now()],
  );
  return {
    items: result.rows.map((w) => ({ id: w.id, code: w.code, name: w.name, kind: w.kind, createdAt: w.created_at, entries: w.entries, expiredEntries: w.expired })),
  };
}
