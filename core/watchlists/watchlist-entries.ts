// Use cases: add, edit and remove a watchlist's entries (list-entries.ts reads
// them, bulk-add-entries.ts adds a pasted block). Values are stored through
// normalizeWatchlistEntry (the form `inList` compares with) next to the value
// as entered; adding a listed value again renews its provenance and expiry.
// Every change is audited in its transaction.
import { normalizeWatchlistEntry } from "../../profiling/features/normalize.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { notFound, validationFailed, type FieldError } from "../errors.js";
import { identifierChecks } from "../manifests/identifier-checks.js";
import type { Services } from "../services.js";
import { findWatchlist, type WatchlistRow } from "./manage-watchlists.js";
import type { AddEntriesInput, UpdateEntryInput } from "./watchlist-schemas.js";
import { isUuid } from "../ids.js";

export interface EntryRow {
  id: string;
  value: string;
  display: string;
  provenance: string | null;
  added_by: string | null;
  added_at: Date;
  expires_at: Date | null;
}

export const entryView = (row: EntryRow) => ({
  id: row.id,
  value: row.value,
  display: row.display,
  provenance: row.provenance,
  addedBy: row.added_by,
  addedAt: row.added_at,
  expiresAt: row.expires_at,
});

/** Why a value does not fit the list's kind, or null. */
function kindProblem(kind: WatchlistRow["kind"], value: string): string | null {
  if (kind === "port") return identifierChecks.locode(value.toUpperCase());
  if (kind === "hs") return /^\d{2,10}$/.test(value.replace(/[\s.]/g, "")) ? null : "expected an HS code or prefix of 2-10 digits";
  return null;
}

/** The stored (normalised) form of a value as entered, or why it cannot go on a list of this kind. */
export function storedValue(kind: WatchlistRow["kind"], entered: string): { value: string } | { problem: string } {
  const problem = kindProblem(kind, entered);
  if (problem) return { problem };
  const value = normalizeWatchlistEntry(kind, kind === "port" ? entered.toUpperCase() : entered);
  return value.length === 0 ? { problem: "nothing left to match after normalisation" } : { value };
}

export interface NewEntryRow {
  display: string;
  provenance: string | null;
  expiresAt: Date | null;
}

/**
 * Writes entries keyed by stored value in one statement (a value already on
 * the list is renewed: reason, end, who and when), audited in the same
 * transaction. `added` counts the values that were not on the list.
 */
export async function writeEntries(
  client: PoolClient,
  unit: UnitScope,
  list: WatchlistRow,
  byValue: ReadonlyMap<string, NewEntryRow>,
  actor: AuditActor,
  now: Date,
  details: Record<string, unknown> = {},
) {
  const values = [...byValue.keys()];
  const rows = [...byValue.values()];
  const written = await client.query<EntryRow & { inserted: boolean }>(
    `INSERT INTO watchlist_entry (id, watchlist_id, value, display, provenance, added_by, added_at, expires_at)
     SELECT gen_random_uuid(), $1, v, d, p, $6, $7, x FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS t(v, d, p, x)
     ON CONFLICT (watchlist_id, value) DO UPDATE
       SET display = EXCLUDED.display, provenance = EXCLUDED.provenance, expires_at = EXCLUDED.expires_at,
           added_by = EXCLUDED.added_by, added_at = EXCLUDED.added_at
     RETURNING id, value, display, provenance, added_by, added_at, expires_at, (xmax = 0) AS inserted`,
    [list.id, values, rows.map((r) => r.display), rows.map((r) => r.provenance), rows.map((r) => r.expiresAt), actor.principal?.username ?? null, now],
  );
  const added = written.rows.filter((r) => r.inserted).length;
  await recordAudit(client, actor, {
    action: "watchlist.entries_added",
    entityType: "watchlist",
    entityId: list.id,
    unitId: unit.id,
    after: written.rows.map((r) => ({ id: r.id, value: r.value, provenance: r.provenance, expiresAt: r.expires_at })),
    details: { code: list.code, added, renewed: written.rows.length - added, ...details },
  });
  return { added, renewed: written.rows.length - added, rows: written.rows };
}

export async function addEntries(services: Pick<Services, "pool" | "now">, unit: UnitScope, listCode: string, input: AddEntriesInput, actor: AuditActor) {
  const now = services.now();
  return withTransaction(services.pool, async (client) => {
    const list = await findWatchlist(client, unit.id, listCode);
    const errors: FieldError[] = [];
    const byValue = new Map<string, NewEntryRow>();
    input.entries.forEach((entry, index) => {
      const stored = storedValue(list.kind, entry.value);
      if ("problem" in stored) errors.push({ path: `entries[${index}].value`, message: stored.problem });
      const expiresAt = entry.expiresAt ? new Date(entry.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= now.getTime()) errors.push({ path: `entries[${index}].expiresAt`, message: "must be in the future" });
      // The same value twice in one request: the last one wins.
      if ("value" in stored) byValue.set(stored.value, { display: entry.value, provenance: entry.provenance ?? null, expiresAt });
    });
    if (errors.length > 0) throw validationFailed(errors, `${errors.length} entr${errors.length === 1 ? "y is" : "ies are"} not valid`);
    const written = await writeEntries(client, unit, list, byValue, actor, now);
    return { watchlist: list.code, added: written.added, renewed: written.renewed, entries: written.rows.map(entryView) };
  });
}

export async function removeEntry(services: Pick<Services, "pool">, unit: UnitScope, listCode: string, entryId: string, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const list = await findWatchlist(client, unit.id, listCode);
    const removed = isUuid(entryId)
      ? await client.query<EntryRow>(
          "DELETE FROM watchlist_entry WHERE id = $1 AND watchlist_id = $2 RETURNING id, value, display, provenance, added_by, added_at, expires_at",
          [entryId, list.id],
        )
      : { rows: [] as EntryRow[] };
    const row = removed.rows[0];
    if (!row) throw notFound(`entry ${entryId} of watchlist ${list.code}`);
    await recordAudit(client, actor, {
      action: "watchlist.entry_removed",
      entityType: "watchlist_entry",
      entityId: row.id,
      unitId: unit.id,
      before: { watchlist: list.code, value: row.value, display: row.display, provenance: row.provenance, expiresAt: row.expires_at },
    });
    return { watchlist: list.code, removed: entryView(row) };
  });
}

/** A seizure's own entries keep the seizure as their reason: it is what links them to it. */
const fromSeizure = (provenance: string | null) => provenance !== null && /^seizure:[0-9a-f-]{36}$/i.test(provenance);

export async function updateEntry(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  listCode: string,
  entryId: string,
  input: UpdateEntryInput,
  actor: AuditActor,
) {
  const now = services.now();
  return withTransaction(services.pool, async (client) => {
    const list = await findWatchlist(client, unit.id, listCode);
    const found = isUuid(entryId)
      ? await client.query<EntryRow>(
          "SELECT id, value, display, provenance, added_by, added_at, expires_at FROM watchlist_entry WHERE id = $1 AND watchlist_id = $2 FOR UPDATE",
          [entryId, list.id],
        )
      : { rows: [] as EntryRow[] };
    const before = found.rows[0];
    if (!before) throw notFound(`entry ${entryId} of watchlist ${list.code}`);
    const provenance = input.provenance === undefined ? before.provenance : input.provenance;
    const expiresAt = input.expiresAt === undefined ? before.expires_at : input.expiresAt === null ? null : new Date(input.expiresAt);
    const errors: FieldError[] = [];
    if (provenance !== before.provenance && fromSeizure(before.provenance)) {
      errors.push({ path: "provenance", message: "this entry came from a seizure, which stays its reason; change its end date or remove it" });
    }
    const expiryChanged = (expiresAt?.getTime() ?? null) !== (before.expires_at?.getTime() ?? null);
    if (expiryChanged && expiresAt && expiresAt.getTime() <= now.getTime()) errors.push({ path: "expiresAt", message: "must be in the future (remove the entry to stop it matching now)" });
    if (errors.length > 0) throw validationFailed(errors, "the entry cannot be changed this way");
    if (provenance === before.provenance && !expiryChanged) return { watchlist: list.code, entry: entryView(before), changed: false };
    const updated = await client.query<EntryRow>(
      "UPDATE watchlist_entry SET provenance = $2, expires_at = $3 WHERE id = $1 RETURNING id, value, display, provenance, added_by, added_at, expires_at",
      [before.id, provenance, expiresAt],
    );
    const after = updated.rows[0]!;
    await recordAudit(client, actor, {
      action: "watchlist.entry_updated",
      entityType: "watchlist_entry",
      entityId: after.id,
      unitId: unit.id,
      before: { provenance: before.provenance, expiresAt: before.expires_at },
      after: { provenance: after.provenance, expiresAt: after.expires_at },
      details: { watchlist: list.code, value: after.value },
    });
    return { watchlist: list.code, entry: entryView(after), changed: true };
  });
}
