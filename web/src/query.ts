// Queue filters → the query string of GET /v1/units/{unit}/shipments, and
// client-side sorting of the rows of one page.
export type SearchBy = "container" | "bl" | "party";

export interface QueueFilters {
  manifestId: string;
  band: "" | "high" | "medium" | "low";
  arrivalFrom: string;
  arrivalTo: string;
  search: string;
  searchBy: SearchBy;
  flaggedOnly: boolean;
}

export const EMPTY_FILTERS: QueueFilters = { manifestId: "", band: "", arrivalFrom: "", arrivalTo: "", search: "", searchBy: "container", flaggedOnly: true };

export function shipmentQuery(filters: QueueFilters, cursor?: string | null, limit = 50): string {
  const params = new URLSearchParams();
  if (filters.flaggedOnly) params.set("flagged", "true");
  if (filters.manifestId) params.set("manifestId", filters.manifestId);
  if (filters.band) params.set("band", filters.band);
  if (filters.arrivalFrom) params.set("arrivalFrom", filters.arrivalFrom);
  if (filters.arrivalTo) params.set("arrivalTo", filters.arrivalTo);
  const search = filters.search.trim();
  if (search) {
    if (filters.searchBy === "container") params.set("containerNumber", search.replace(/\s+/g, "").toUpperCase());
    else if (filters.searchBy === "bl") params.set("billOfLading", search);
    else params.set("party", search);
  }
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

export type SortDirection = "ascending" | "descending";
export interface Sort<K extends string> {
  key: K;
  direction: SortDirection;
}

/** Stable sort; nulls last whatever the direction. */
export function sortRows<T, K extends string>(rows: readonly T[], sort: Sort<K> | null, value: (row: T, key: K) => string | number | null): T[] {
  if (!sort) return [...rows];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row, sort.key) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.index - b.index;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const cmp = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return cmp === 0 ? a.index - b.index : sign * cmp;
    })
    .map((entry) => entry.row);
}

export function nextSort<K extends string>(current: Sort<K> | null, key: K): Sort<K> {
  if (current?.key === key) return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
  return { key, direction: key === "score" ? "descending" : "ascending" };
}
