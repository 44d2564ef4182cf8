// Queue filters → the query string of GET /v1/units/{unit}/shipments (sorting
// is the shared DataTable's, web/src/data-table/).
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
