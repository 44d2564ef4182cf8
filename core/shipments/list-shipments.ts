// Use case: an officer's queue — the unit's shipments, highest risk first,
// with the reasons of the strongest assessment, filtered and paginated.
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import { decodeCursor, encodeCursor } from "./shipment-cursor.js";

export interface ShipmentFilters {
  flagged?: boolean | undefined;
  band?: ("high" | "medium" | "low")[] | undefined;
  minScore?: number | undefined;
  status?: ("pending" | "scored" | "failed")[] | undefined;
  containerNumber?: string | undefined;
  billOfLading?: string | undefined;
  party?: string | undefined;
  manifestId?: string | undefined;
  arrivalFrom?: string | undefined;
  arrivalTo?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listShipments(services: Pick<Services, "pool">, unit: UnitScope, filters: ShipmentFilters) {
  // Driven by scoring_state (one row per manifest shipment, with its unit):
  // the filters and the sort match its indexes (migration 0008_queue_index).
  const where: string[] = ["st.unit_id = $1"];
  const params: unknown[] = [unit.id];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  // Flagged: selected by a profile (or at random), or matched by another unit's alert.
  if (filters.flagged === true) where.push("(st.selected OR st.alerted)");
  if (filters.flagged === false) where.push("NOT (st.selected OR st.alerted)");
  if (filters.band?.length) add((p) => `st.band = ANY(${p}::risk_band[])`, filters.band);
  if (filters.minScore !== undefined) add((p) => `st.score >= ${p}`, filters.minScore);
  if (filters.status?.length) add((p) => `st.status = ANY(${p}::scoring_status[])`, filters.status);
  if (filters.containerNumber) add((p) => `s.container_number = ${p}`, filters.containerNumber.toUpperCase().replace(/[\s-]/g, ""));
  if (filters.billOfLading) add((p) => `(s.bill_of_lading = ${p} OR s.house_bill_of_lading = ${p})`, filters.billOfLading.toUpperCase());
  if (filters.party) add((p) => `(s.shipper_name ILIKE ${p} OR s.consignee_name ILIKE ${p})`, `%${escapeLike(filters.party)}%`);
  if (filters.manifestId) add((p) => `s.manifest_id = ${p}::uuid`, filters.manifestId);
  if (filters.arrivalFrom) add((p) => `s.arrival_date >= ${p}::date`, filters.arrivalFrom);
  if (filters.arrivalTo) add((p) => `s.arrival_date <= ${p}::date`, filters.arrivalTo);
  const sortKey = "COALESCE(st.score, '-Infinity'::float8)";
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    params.push(cursor.score, cursor.id);
    where.push(`(${sortKey}, st.shipment_id) < ($${params.length - 1}::float8, $${params.length}::uuid)`);
  }
  params.push(filters.limit + 1);
  const rows = await services.pool.query<QueueRow>(
    `SELECT s.id, s.manifest_id, m.manifest_ref, m.vessel_name, s.bill_of_lading, s.container_number, s.container_type,
            s.shipper_name, s.consignee_name, s.hs_codes, s.goods_description, s.port_of_loading, s.transshipment_ports,
            s.arrival_date, st.status, st.score, st.band, st.selected, st.random, ${sortKey} AS sort_score, top.indicators,
            alerts.items AS alerts
       FROM scoring_state st
       JOIN shipment s ON s.id = st.shipment_id
       LEFT JOIN manifest m ON m.id = s.manifest_id
       LEFT JOIN LATERAL (
         -- Reasons come from versions still in force, like the score itself.
         SELECT a.indicators FROM assessment a JOIN profile_version v ON v.id = a.profile_version_id
          WHERE a.shipment_id = s.id AND v.status = 'active' ORDER BY a.score DESC LIMIT 1
       ) top ON true
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('alertId', a.id, 'fromUnit', fu.code, 'subject', a.subject_kind, 'message', a.message)
                         ORDER BY am.matched_at) AS items
           FROM alert_match am JOIN alert a ON a.id = am.alert_id JOIN control_unit fu ON fu.id = a.from_unit_id
          WHERE am.shipment_id = s.id
       ) alerts ON true
      WHERE ${where.join(" AND ")}
      ORDER BY ${sortKey} DESC, st.shipment_id DESC
      LIMIT $${params.length}`,
    params,
  );
  const page = rows.rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return {
    unitCode: unit.code,
    items: page.map(toQueueItem),
    nextCursor: rows.rows.length > filters.limit && last ? encodeCursor({ score: last.sort_score, id: last.id }) : null,
  };
}

interface QueueRow {
  id: string;
  manifest_id: string | null;
  manifest_ref: string | null;
  vessel_name: string | null;
  bill_of_lading: string;
  container_number: string | null;
  container_type: string | null;
  shipper_name: string | null;
  consignee_name: string | null;
  hs_codes: string[];
  goods_description: string | null;
  port_of_loading: string | null;
  transshipment_ports: string[];
  arrival_date: string | null;
  status: string;
  score: number | null;
  band: string | null;
  selected: boolean;
  random: boolean;
  sort_score: number;
  indicators: { code: string; label: string; points: number }[] | null;
  alerts: { alertId: string; fromUnit: string; subject: string; message: string }[] | null;
}

function toQueueItem(row: QueueRow) {
  return {
    id: row.id,
    manifestId: row.manifest_id,
    manifestRef: row.manifest_ref,
    vesselName: row.vessel_name,
    billOfLading: row.bill_of_lading,
    containerNumber: row.container_number,
    containerType: row.container_type,
    shipper: row.shipper_name,
    consignee: row.consignee_name,
    hsCodes: row.hs_codes,
    goodsDescription: row.goods_description,
    portOfLoading: row.port_of_loading,
    transshipmentPorts: row.transshipment_ports,
    arrivalDate: row.arrival_date,
    flagged: row.selected || (row.alerts?.length ?? 0) > 0,
    scoring: { status: row.status, score: row.score, band: row.band, selected: row.selected, random: row.random },
    alerts: row.alerts ?? [],
    reasons: (row.indicators ?? [])
      .slice()
      .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
      .slice(0, 5)
      .map(({ code, label, points }) => ({ code, label, points })),
  };
}
