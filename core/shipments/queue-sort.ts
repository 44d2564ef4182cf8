// Server-side sorting of the whole queue, not of a loaded page: each sort is
// an SQL expression with keyset paging on (value, id), rows without a value
// last in either direction. The default — score, highest first — is written
// as a row comparison so that a page is a range scan of the queue index.
import { decodeCursor } from "./shipment-cursor.js";

export const SORT_KEYS = ["score", "arrivalDate", "containerNumber", "billOfLading", "shipper", "consignee", "portOfLoading", "decision"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

const EXPRESSIONS: Record<SortKey, { sql: string; type: string }> = {
  score: { sql: "COALESCE(st.score, '-Infinity'::float8)", type: "float8" },
  arrivalDate: { sql: "st.arrival_date", type: "date" },
  containerNumber: { sql: "s.container_number", type: "text" },
  billOfLading: { sql: "s.bill_of_lading", type: "text" },
  shipper: { sql: "s.shipper_name", type: "text" },
  consignee: { sql: "s.consignee_name", type: "text" },
  portOfLoading: { sql: "s.port_of_loading", type: "text" },
  decision: { sql: "st.decision", type: "triage_decision" },
};

export const defaultDirection = (key: SortKey): SortDirection => (key === "score" ? "desc" : "asc");

export interface QueueSort {
  /** The sort value to select (as text, for the next cursor). */
  valueSql: string;
  orderBy: string;
  /** The condition that continues after a cursor, with its parameters appended to `params`. */
  after(cursorText: string, params: unknown[]): string;
  /** The cursor's name for this order. */
  name: string;
  /** The order reads shipment `s` (every sort but score, arrival date and decision). */
  needsShipment: boolean;
}

export function queueSort(key: SortKey, direction: SortDirection): QueueSort {
  const { sql, type } = EXPRESSIONS[key];
  const op = direction === "asc" ? ">" : "<";
  const dir = direction === "asc" ? "ASC" : "DESC";
  const name = `${key}:${direction}`;
  return {
    name,
    needsShipment: sql.startsWith("s."),
    valueSql: `(${sql})::text`,
    orderBy: key === "score" ? `${sql} ${dir}, st.shipment_id ${dir}` : `(${sql}) IS NULL, ${sql} ${dir}, st.shipment_id ${dir}`,
    after(cursorText, params) {
      const cursor = decodeCursor(cursorText, name);
      params.push(cursor.id);
      const id = `$${params.length}::uuid`;
      if (cursor.value === null) return `((${sql}) IS NULL AND st.shipment_id ${op} ${id})`;
      params.push(cursor.value);
      const value = `$${params.length}::${type}`;
      if (key === "score") return `(${sql}, st.shipment_id) ${op} (${value}, ${id})`;
      return `((${sql}) IS NULL OR ${sql} ${op} ${value} OR (${sql} = ${value} AND st.shipment_id ${op} ${id}))`;
    },
  };
}
