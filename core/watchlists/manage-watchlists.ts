// Use cases: a unit's watchlists (parties, addresses, ports, HS codes, text)
// that profiles reference with `inList`: list, create, rename, delete, each
// change audited. The code is what profiles name, so it never changes (a
// list under a new code is a new list); a list a profile version uses, or one
// the system feeds (SEIZURE-PARTIES), is not deleted.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction, type Pool, type PoolClient } from "../db/pool.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import type { Services } from "../services.js";
import { describeUse, isSystemList, listUsage } from "./list-usage.js";
import type { CreateWatchlistInput, UpdateWatchlistInput } from "./watchlist-schemas.js";

export interface WatchlistRow {
  id: string;
  code: string;
  name: string;
  kind: "party" | "address" | "port" | "hs" | "text";
  created_at: Date;
}

/** `lock`: hold the row until the transaction ends (renaming, deleting). */
export async function findWatchlist(db: Pool | PoolClient, unitId: string, code: string, options: { lock?: boolean } = {}): Promise<WatchlistRow> {
  const upper = code.toUpperCase();
  const found = /^[A-Z0-9][A-Z0-9_-]{1,63}$/.test(upper)
    ? await db.query<WatchlistRow>(
        `SELECT id, code, name, kind, created_at FROM watchlist WHERE unit_id = $1 AND code = $2${options.lock ? " FOR UPDATE" : ""}`,
        [unitId, upper],
      )
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
    return { ...summary(row), entries: 0 };
  });
}

/** What every answer says about a list: `system` lists are fed by the system and cannot be deleted. */
const summary = (row: WatchlistRow) => ({ id: row.id, code: row.code, name: row.name, kind: row.kind, createdAt: row.created_at, system: isSystemList(row.code) });

export async function listWatchlists(services: Pick<Services, "pool" | "now">, unit: UnitScope) {
  const result = await services.pool.query<WatchlistRow & { entries: number; expired: number }>(
    `SELECT w.id, w.code, w.name, w.kind, w.created_at,
            count(e.id) FILTER (WHERE e.expires_at IS NULL OR e.expires_at > $2)::int AS entries,
            count(e.id) FILTER (WHERE e.expires_at <= $2)::int AS expired
       FROM watchlist w LEFT JOIN watchlist_entry e ON e.watchlist_id = w.id
      WHERE w.unit_id = $1 GROUP BY w.id ORDER BY w.code`,
    [unit.id, services.now()],
  );
  const usage = await listUsage(services.pool, unit.id);
  return {
    items: result.rows.map((w) => ({ ...summary(w), entries: w.entries, expiredEntries: w.expired, usedBy: usage.get(w.code) ?? [] })),
  };
}

/** One list with the profile versions that use it (the entries page's header). */
export async function describeWatchlist(db: Pool | PoolClient, unitId: string, list: WatchlistRow) {
  const usage = await listUsage(db, unitId, [list.code]);
  return { ...summary(list), usedBy: usage.get(list.code) ?? [] };
}

export async function renameWatchlist(services: Pick<Services, "pool">, unit: UnitScope, listCode: string, input: UpdateWatchlistInput, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const list = await findWatchlist(client, unit.id, listCode, { lock: true });
    if (input.code !== undefined && input.code.toUpperCase() !== list.code) {
      throw validationFailed([{ path: "code", message: `the code cannot change: profiles find the list by ${list.code}; create a new list for a new code` }]);
    }
    if (input.name === list.name) return describeWatchlist(client, unit.id, list);
    await client.query("UPDATE watchlist SET name = $2 WHERE id = $1", [list.id, input.name]);
    await recordAudit(client, actor, {
      action: "watchlist.renamed",
      entityType: "watchlist",
      entityId: list.id,
      unitId: unit.id,
      before: { code: list.code, name: list.name },
      after: { code: list.code, name: input.name },
    });
    return describeWatchlist(client, unit.id, { ...list, name: input.name });
  });
}

/**
 * Deletes a list and its entries. Refused (409) for a system list and for a
 * list that a draft or active profile version names in `inList`: deleting it
 * would make that condition silently never match. The audit event keeps the
 * entries, so a deleted list can be rebuilt.
 */
export async function deleteWatchlist(services: Pick<Services, "pool">, unit: UnitScope, listCode: string, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const list = await findWatchlist(client, unit.id, listCode, { lock: true });
    if (isSystemList(list.code)) {
      throw conflict(`watchlist ${list.code} is fed by the system (recorded seizures add their parties) and cannot be deleted`, {
        errors: [{ path: "code", message: "a system list: remove single entries instead" }],
        system: true,
        usedBy: [],
      });
    }
    // Profile writes lock their profile row: holding those rows, the check
    // below sees every version written so far and none changes until commit.
    await client.query("SELECT 1 FROM risk_profile WHERE unit_id = $1 FOR SHARE", [unit.id]);
    const uses = (await listUsage(client, unit.id, [list.code])).get(list.code) ?? [];
    if (uses.length > 0) {
      throw conflict(`watchlist ${list.code} is used with inList by ${uses.map(describeUse).join(", ")}: change or retire those versions first`, {
        errors: uses.map((use) => ({ path: "code", message: `used by profile ${describeUse(use)}` })),
        system: false,
        usedBy: uses,
      });
    }
    const removed = await client.query<{ value: string; display: string; provenance: string | null; expires_at: Date | null }>(
      "DELETE FROM watchlist_entry WHERE watchlist_id = $1 RETURNING value, display, provenance, expires_at",
      [list.id],
    );
    await client.query("DELETE FROM watchlist WHERE id = $1", [list.id]);
    await recordAudit(client, actor, {
      action: "watchlist.deleted",
      entityType: "watchlist",
      entityId: list.id,
      unitId: unit.id,
      before: {
        code: list.code,
        name: list.name,
        kind: list.kind,
        entries: removed.rows.map((e) => ({ value: e.value, display: e.display, provenance: e.provenance, expiresAt: e.expires_at })),
      },
      details: { entries: removed.rowCount ?? 0 },
    });
    return { deleted: { code: list.code, name: list.name, kind: list.kind }, entries: removed.rowCount ?? 0 };
  });
}
