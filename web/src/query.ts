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

const BANDS = ["high", "medium", "low"] as const;
const SEARCH_BY: readonly SearchBy[] = ["container", "bl", "party"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The queue's filters in the page's own URL (?band=high&arrivalFrom=…): defaults left out, so the plain queue keeps a plain URL. */
export function queueSearchParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.manifestId) params.set("manifest", filters.manifestId);
  if (filters.band) params.set("band", filters.band);
  if (filters.arrivalFrom) params.set("arrivalFrom", filters.arrivalFrom);
  if (filters.arrivalTo) params.set("arrivalTo", filters.arrivalTo);
  const search = filters.search.trim();
  if (search) {
    params.set("q", search);
    if (filters.searchBy !== EMPTY_FILTERS.searchBy) params.set("by", filters.searchBy);
  }
  if (!filters.flaggedOnly) params.set("all", "true");
  return params;
}

/** The filters of a shared or restored queue URL; anything unknown or malformed falls back to the default. */
export function parseQueueSearch(params: URLSearchParams): QueueFilters {
  const band = params.get("band") ?? "";
  const by = params.get("by") ?? "";
  const date = (name: string) => {
    const value = params.get(name) ?? "";
    return DATE.test(value) ? value : "";
  };
  return {
    manifestId: params.get("manifest") ?? "",
    band: (BANDS as readonly string[]).includes(band) ? (band as QueueFilters["band"]) : "",
    arrivalFrom: date("arrivalFrom"),
    arrivalTo: date("arrivalTo"),
    search: params.get("q") ?? "",
    searchBy: (SEARCH_BY as readonly string[]).includes(by) ? (by as SearchBy) : EMPTY_FILTERS.searchBy,
    flaggedOnly: params.get("all") !== "true",
  };
}
