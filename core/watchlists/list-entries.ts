// Use case: read a watchlist's entries a page at a time (keyset on the stored
// value), optionally searched, each with where it came from: an entry put on
// the list by a seizure carries that seizure and its container, when the
// reader may see the seizure (its sharing level). The list comes with the
// profile versions that use it.
import { normalizeWatchlistEntry } from "../../profiling/features/normalize.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { visibleTo } from "../auth/sharing-filter.js";
import { cursorParts, encodeCursor, refusedCursor } from "../cursor-parts.js";
import { textProblem } from "../input-text.js";
import { containing } from "../db/like-pattern.js";
import type { Services } from "../services.js";
import { describeWatchlist, findWatchlist } from "./manage-watchlists.js";
import { entryView, type EntryRow } from "./watchlist-entries.js";
import type { ListEntriesQuery } from "./watchlist-schemas.js";

interface SourcedRow extends EntryRow {
  seizure_id: string | null;
  shipment_id: string | null;
  commodity: string | null;
  seized_at: Date | null;
  container_number: string | null;
  bill_of_lading: string | null;
}

const SEIZURE_PROVENANCE = "^seizure:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
/** What a reader sees as the provenance of an entry added by a seizure shared with another agency only. */
const HIDDEN_SEIZURE = "seizure: not shared with your agency";

function decodeCursor(text: string): string {
  const [value] = cursorParts(text, 1);
  // A stored value is short, printable text: anything else (NUL, lone surrogates) would reach PostgreSQL.
  if (typeof value === "string" && value.length <= 1_000 && !textProblem(value)) return value;
  throw refusedCursor();
}

const sourceOf = (row: SourcedRow) =>
  row.seizure_id
    ? {
        kind: "seizure" as const,
        seizureId: row.seizure_id,
        shipmentId: row.shipment_id,
        commodity: row.commodity,
        seizedAt: row.seized_at,
        containerNumber: row.container_number,
        billOfLading: row.bill_of_lading,
      }
    : null;

export async function listEntries(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  viewer: Pick<Principal, "agencyId">,
  listCode: string,
  query: ListEntriesQuery,
) {
  const list = await findWatchlist(services.pool, unit.id, listCode);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const search = query.search ? query.search : null;
  const normalised = search ? normalizeWatchlistEntry(list.kind, list.kind === "port" ? search.toUpperCase() : search) : "";
  // $1 list, $2 include expired, $3 now, $4 search pattern, $5 normalised search pattern.
  const filter = `e.watchlist_id = $1 AND ($2 OR e.expires_at IS NULL OR e.expires_at > $3)
    AND ($4::text IS NULL OR e.display ILIKE $4 OR e.value ILIKE $4 OR e.provenance ILIKE $4 OR e.value LIKE $5)`;
  const params = [list.id, query.includeExpired, services.now(), search === null ? null : containing(search), normalised ? containing(normalised) : null];
  const [described, counted, page] = await Promise.all([
    describeWatchlist(services.pool, unit.id, list),
    services.pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM watchlist_entry e WHERE ${filter}`, params),
    services.pool.query<SourcedRow>(
      // A seizure the reader may not see is not named, not even by its id.
      `SELECT e.id, e.value, e.display,
              CASE WHEN e.provenance ~ '${SEIZURE_PROVENANCE}' AND z.id IS NULL THEN '${HIDDEN_SEIZURE}' ELSE e.provenance END AS provenance,
              e.added_by, e.added_at, e.expires_at,
              z.id AS seizure_id, z.shipment_id, z.commodity, z.seized_at, s.container_number, s.bill_of_lading
         FROM watchlist_entry e
         LEFT JOIN seizure z
           ON z.id = (CASE WHEN e.provenance ~ '${SEIZURE_PROVENANCE}' THEN substring(e.provenance FROM 9)::uuid END)
          AND z.unit_id = $6 AND ${visibleTo("z", 7)}
         LEFT JOIN shipment s ON s.id = z.shipment_id
        WHERE ${filter} AND ($8::text IS NULL OR e.value > $8)
        ORDER BY e.value LIMIT $9`,
      [...params, unit.id, viewer.agencyId, after, query.limit + 1],
    ),
  ]);
  const rows = page.rows.slice(0, query.limit);
  const last = rows[rows.length - 1];
  return {
    watchlist: described,
    total: counted.rows[0]?.total ?? 0,
    items: rows.map((row) => ({ ...entryView(row), source: sourceOf(row) })),
    nextCursor: page.rows.length > query.limit && last ? encodeCursor([last.value]) : null,
  };
}
