// Use case: the unit's manifests, latest arrival first, a page at a time
// (keyset on arrival day, time received and id, like the queue's nextCursor),
// each with its state. The first page also says how many manifests there are
// and how many of them failed to store their containers, so a failed one
// beyond the page is never hidden from the officer. Each says whether any of
// its containers is in the queue (inQueue), which a past voyage's never is.
// The queue's voyage picker searches them by what the officer types (q: the
// vessel, voyage, reference or flight, or an arrival day or month) among
// those in the queue (inQueue), a page at a time like the list.
import type { UnitScope } from "../auth/principal.js";
import { containing } from "../db/like-pattern.js";
import { cursorParts, encodeCursor, refusedCursor } from "../cursor-parts.js";
import { isUuid } from "../ids.js";
import type { Services } from "../services.js";
import type { VersionScope } from "./manifest-versions.js";
import { manifestStates } from "./staged-manifests.js";

interface After {
  /** YYYY-MM-DD. */
  arrivalDate: string;
  receivedAt: Date;
  id: string;
}

export interface ManifestListQuery {
  limit: number;
  versions?: VersionScope;
  cursor?: string | undefined;
  /** Text in the vessel name, voyage, manifest reference or flight number (any case), or an arrival day (YYYY-MM-DD) or month (YYYY-MM). */
  q?: string | undefined;
  /** true: only manifests with a container in the officers' queue; false: only those without. */
  inQueue?: boolean | undefined;
}

/**
 * The text a search reads: migration 0037's manifest_search_trgm indexes this
 * very expression (keep them the same, or the index is never used). One text,
 * so "aurora b1n" finds the vessel with that voyage.
 */
export const SEARCH_TEXT_SQL = `(COALESCE(m.vessel_name, '') || ' ' || COALESCE(m.voyage, '') || ' ' || m.manifest_ref || ' ' || COALESCE(m.flight_number, ''))`;

/** The day of a typed YYYY-MM-DD (or the first of a YYYY-MM) when it is a real calendar day, else null. */
function typedDay(q: string): { day: string; month: boolean } | null {
  const month = /^\d{4}-\d{2}$/.test(q);
  if (!month && !/^\d{4}-\d{2}-\d{2}$/.test(q)) return null;
  const day = month ? `${q}-01` : q;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? { day, month } : null;
}

const encodeAfter = (m: After) => encodeCursor([m.arrivalDate, m.receivedAt.toISOString(), m.id]);

function decodeCursor(text: string): After {
  const [day, received, id] = cursorParts(text, 3);
  if (typeof day !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(day) || typeof received !== "string" || typeof id !== "string" || !isUuid(id)) throw refusedCursor();
  const after = { arrivalDate: day, receivedAt: new Date(received), id };
  if (Number.isNaN(new Date(`${day}T00:00:00Z`).getTime()) || Number.isNaN(after.receivedAt.getTime())) throw refusedCursor();
  return after;
}

export async function listManifests(services: Pick<Services, "pool">, unit: UnitScope, query: ManifestListQuery) {
  const versions = query.versions ?? "current";
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const filter = manifestFilter(unit, versions, query);
  const params = [...filter.params];
  let keyset = "";
  if (after) {
    params.push(after.arrivalDate, after.receivedAt, after.id);
    keyset = `AND (m.arrival_date, m.received_at, m.id) < ($${params.length - 2}::date, $${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(query.limit + 1);
  const read = services.pool.query<ManifestRow>(
    `SELECT m.id, m.manifest_ref AS "manifestRef", m.vessel_name AS "vesselName", m.voyage, m.flight_number AS "flightNumber",
            m.port_of_loading AS "portOfLoading", m.port_of_discharge AS "portOfDischarge", m.arrival_date AS "arrivalDate",
            m.shipment_count AS "shipmentCount", m.received_at AS "receivedAt", m.version, m.superseded_at AS "supersededAt", m.cancelled_at AS "cancelledAt"
       FROM manifest m
      WHERE ${filter.where} ${keyset}
      ORDER BY m.arrival_date DESC, m.received_at DESC, m.id DESC
      LIMIT $${params.length}`,
    params,
  );
  const [manifests, counts] = await Promise.all([read.then((r) => r.rows), after ? null : countManifests(services, filter)]);
  const page = manifests.slice(0, query.limit);
  const last = page[page.length - 1];
  // Each with its state, as GET of the manifest gives it: the manifests screen shows one still expanding or failed.
  const ids = page.map((m) => m.id);
  const [states, queued] = await Promise.all([manifestStates(services.pool, ids), query.inQueue === undefined ? inQueue(services, ids) : null]);
  return {
    unitCode: unit.code,
    items: page.map((m) => ({ ...m, ...(states.get(m.id) ?? { state: "stored" as const }), inQueue: queued ? queued.has(m.id) : query.inQueue === true })),
    /** On the first page: every manifest listed in this scope (and search), and how many of them failed (later pages: null). */
    total: counts?.total ?? null,
    failed: counts?.failed ?? null,
    nextCursor: manifests.length > query.limit && last ? encodeAfter(last) : null,
  };
}

interface ManifestRow {
  id: string;
  manifestRef: string;
  vesselName: string | null;
  voyage: string | null;
  flightNumber: string | null;
  portOfLoading: string;
  portOfDischarge: string;
  arrivalDate: string;
  shipmentCount: number;
  receivedAt: Date;
  version: number;
  supersededAt: Date | null;
  cancelledAt: Date | null;
}

/** The WHERE of the list and of its count: the unit, the versions' scope, the search and the queue. */
function manifestFilter(unit: UnitScope, versions: VersionScope, query: ManifestListQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [unit.id];
  const where = ["m.unit_id = $1"];
  if (versions !== "all") where.push("m.superseded_at IS NULL AND m.cancelled_at IS NULL");
  const q = query.q?.trim();
  if (q) {
    params.push(containing(q));
    const text = `${SEARCH_TEXT_SQL} ILIKE $${params.length}`;
    // A typed day or month also finds the voyages arriving then (the text may still hold it: a reference with a date in it).
    const arrival = typedDay(q);
    if (arrival) params.push(arrival.day);
    const n = params.length;
    if (!arrival) where.push(text);
    else if (!arrival.month) where.push(`(${text} OR m.arrival_date = $${n}::date)`);
    else where.push(`(${text} OR (m.arrival_date >= $${n}::date AND m.arrival_date < ($${n}::date + interval '1 month')::date))`);
  }
  if (query.inQueue !== undefined) where.push(`${query.inQueue ? "" : "NOT "}EXISTS (SELECT 1 FROM scoring_state st WHERE st.manifest_id = m.id)`);
  return { where: where.join(" AND "), params };
}

/**
 * The manifests with a container in the officers' queue (a scoring state): not
 * a past voyage of the unit's history (its shipments were never scored) nor a
 * staged manifest before its first rows. The queue's manifest filter offers
 * these only, since any other has no row there. One probe each of 0025's
 * scoring_state_manifest_queue index.
 */
async function inQueue(services: Pick<Services, "pool">, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await services.pool.query<{ id: string }>(
    "SELECT m.id FROM unnest($1::uuid[]) AS m(id) WHERE EXISTS (SELECT 1 FROM scoring_state st WHERE st.manifest_id = m.id)",
    [ids],
  );
  return new Set(result.rows.map((r) => r.id));
}

async function countManifests(services: Pick<Services, "pool">, filter: { where: string; params: unknown[] }) {
  const counted = await services.pool.query<{ total: number; failed: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE ms.failed_at IS NOT NULL)::int AS failed
       FROM manifest m LEFT JOIN manifest_staged ms ON ms.manifest_id = m.id
      WHERE ${filter.where}`,
    filter.params,
  );
  return counted.rows[0]!;
}
