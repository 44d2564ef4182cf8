// Use case: an officer's queue — the unit's shipments in the chosen order
// (highest risk first by default), with the reasons of the strongest
// assessment, the decision taken on each, the total on the first page, and
// a hint when a search finds nothing.
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import { CUTOFF_JOIN_SQL, EFFECTIVE_BAND_SQL, EFFECTIVE_FLAGGED_SQL, ensureFreshCutoffs } from "../triage/band-cutoffs.js";
import { hasSearch, isMatchedIds, queueSource, searchMatches, queueWhere, type QueueFilters } from "./queue-filters.js";
import { defaultDirection, queueSort, type SortDirection, type SortKey } from "./queue-sort.js";
import { queueTotal } from "./count-queue.js";
import { encodeCursor } from "./shipment-cursor.js";
import { searchHint } from "./search-hint.js";
import { toQueueItem, type QueueRow } from "./queue-item.js";

export interface ShipmentFilters extends QueueFilters {
  sort?: SortKey | undefined;
  direction?: SortDirection | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Named in a page's statement so that it is planned without parallel workers:
 * a page stops after `limit` rows, and Gather Merge's workers each read ahead
 * in the score order (at 10M shipments, a broad B/L search's page read 49,291
 * rows in 3 processes for its 51: 361 ms, against 38 ms serial). set_config
 * is parallel unsafe, which keeps the whole statement serial; the setting it
 * makes lasts until the statement's own transaction ends (pool.query commits
 * it at once).
 */
const SERIAL_PLAN_SQL = "set_config('max_parallel_workers_per_gather', '0', true)";

export async function listShipments(services: Pick<Services, "pool" | "now">, unit: UnitScope, filters: ShipmentFilters) {
  await ensureFreshCutoffs(services, unit.id);
  const key = filters.sort ?? "score";
  const sort = queueSort(key, filters.direction ?? defaultDirection(key));
  const where = queueWhere(unit.id, filters);
  const { params } = where;
  if (filters.cursor) where.clauses.push(sort.after(filters.cursor, params));
  params.push(filters.limit + 1);
  const limit = `$${params.length}`;
  // A search matching few shipments is run once, here, and its ids are read
  // first; a broad one walks the score order (queue-filters.ts). Decided by
  // a capped read, not left to the planner, which misjudged prefix matches at 1M.
  // A broad search's first matches are checked against the other filters too when the total is counted (queueTotal).
  const narrow = await searchMatches(services, unit.id, filters, { countSample: !filters.cursor });
  // A broad search's page walks the score order (its names, when known, serve its count only).
  const source = queueSource(where, { narrow: isMatchedIds(narrow) ? narrow : false, withShipment: sort.needsShipment });
  // A narrow search's first page counts its rows in the same pass (each match is read once, not again by a count).
  const countInPage = isMatchedIds(narrow) && !filters.cursor;
  // The page's ids first, from the filter and sort columns alone, and only then
  // the joins and per-row subqueries for those few rows: with them in one
  // query the planner may run them for every matching row before sorting
  // (a band filter over 1M shipments did, bench/queue-at-scale.ts).
  const pageQuery = services.pool.query<QueueRow & { matched: string | null }>(
    `WITH ${source.with ? `${source.with},` : ""} page AS MATERIALIZED (
       SELECT st.shipment_id, ${countInPage ? "count(*) OVER ()" : "NULL::bigint"} AS matched ${source.fromWhere}
        ORDER BY ${sort.orderBy}
        LIMIT ${limit}
     )
     SELECT s.id, s.manifest_id, m.manifest_ref, m.vessel_name, m.voyage, m.flight_number, s.bill_of_lading, s.container_number, s.container_type,
            s.shipper_name, s.consignee_name, s.hs_codes, s.goods_description, s.port_of_loading, s.transshipment_ports, s.port_of_discharge, s.country_of_origin,
            s.arrival_date, st.status, st.score, st.band, ${EFFECTIVE_BAND_SQL} AS queue_band, ${EFFECTIVE_FLAGGED_SQL} AS flagged,
            c.hold_cutoff, c.documentary_cutoff, st.selected, st.random, st.decision, st.decision_at, st.assignee_id, u.display_name AS assignee_name,
            ${sort.valueSql} AS sort_value, page.matched, top.indicators, alerts.items AS alerts, insp.outcome AS inspection_outcome,
            ${SERIAL_PLAN_SQL} AS serial_plan
       FROM page
       JOIN scoring_state st ON st.shipment_id = page.shipment_id
       JOIN shipment s ON s.id = st.shipment_id
       ${CUTOFF_JOIN_SQL}
       LEFT JOIN manifest m ON m.id = s.manifest_id
       LEFT JOIN app_user u ON u.id = st.assignee_id
       LEFT JOIN LATERAL (
         -- Reasons come from versions still in force, like the score itself.
         SELECT a.indicators FROM assessment a JOIN profile_version v ON v.id = a.profile_version_id
          WHERE a.shipment_id = s.id AND v.status = 'active' ORDER BY a.score DESC LIMIT 1
       ) top ON true
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('alertId', a.id, 'fromUnit', fu.code, 'subject', a.subject_kind, 'matchedOn', am.matched_on, 'message', a.message)
                         ORDER BY am.matched_at) AS items
           FROM alert_match am JOIN alert a ON a.id = am.alert_id JOIN control_unit fu ON fu.id = a.from_unit_id
          WHERE am.shipment_id = s.id
       ) alerts ON true
       LEFT JOIN LATERAL (
         SELECT i.outcome FROM inspection i WHERE i.shipment_id = s.id ORDER BY i.inspected_at DESC LIMIT 1
       ) insp ON st.decision = 'inspected'
      ORDER BY ${sort.orderBy}`,
    params,
  );
  // The total is counted once, with the first page (later pages keep it), on another connection at the same time.
  const [rows, totalApart] = await Promise.all([pageQuery, filters.cursor || countInPage ? null : queueTotal(services, unit.id, filters, narrow)]);
  const counted = countInPage ? { total: Number(rows.rows[0]?.matched ?? 0), capped: false } : totalApart;
  const page = rows.rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return {
    unitCode: unit.code,
    sort: { key, direction: filters.direction ?? defaultDirection(key) },
    total: counted?.total ?? null,
    /** The total is a lower bound: a broad search has more matches than it (count capped at TOTAL_CAP). */
    totalCapped: counted?.capped ?? false,
    items: page.map(toQueueItem),
    nextCursor: rows.rows.length > filters.limit && last ? encodeCursor({ sort: sort.name, value: last.sort_value, id: last.id }) : null,
    hint: page.length === 0 && !filters.cursor && hasSearch(filters) ? await searchHint(services, unit.id, filters) : null,
  };
}
