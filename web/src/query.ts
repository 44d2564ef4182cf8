// Queue filters → the query string of GET /v1/units/{unit}/shipments (the
// server sorts the whole list: sort and direction travel with the filters).
import { UUID } from "./uuid.js";

export type SearchBy = "container" | "bl" | "party";
/** The server's sort keys (GET /shipments?sort=): the whole list is sorted, not the loaded rows. */
export const QUEUE_SORTS = ["score", "arrivalDate", "containerNumber", "billOfLading", "shipper", "consignee", "portOfLoading", "decision"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const DECISION_STATES = ["none", "hold", "released", "inspected"] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export interface QueueFilters {
  manifestId: string;
  band: "" | "high" | "medium" | "low";
  arrivalFrom: string;
  arrivalTo: string;
  search: string;
  searchBy: SearchBy;
  flaggedOnly: boolean;
  /** Left out (undefined) when default, so links without them stay as they were. */
  sort?: QueueSort;
  direction?: "asc" | "desc";
  decision?: DecisionState;
  /** "me", "none" or an officer's id. */
  assignee?: string;
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
  if (filters.decision) params.set("decision", filters.decision);
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.direction) params.set("direction", filters.direction);
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

const BANDS = ["high", "medium", "low"] as const;
const SEARCH_BY: readonly SearchBy[] = ["container", "bl", "party"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ASSIGNEE_WORD = /^(me|none)$/i;
const isAssignee = (value: string): boolean => ASSIGNEE_WORD.test(value) || UUID.test(value);
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => ((values as readonly string[]).includes(value ?? "") ? (value as T) : undefined);

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
  if (filters.decision) params.set("decision", filters.decision);
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.sort) params.set("sort", filters.sort);
  if (filters.direction) params.set("dir", filters.direction);
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
    sort: oneOf(QUEUE_SORTS, params.get("sort")),
    direction: oneOf(["asc", "desc"] as const, params.get("dir")),
    decision: oneOf(DECISION_STATES, params.get("decision")),
    assignee: isAssignee(params.get("assignee") ?? "") ? params.get("assignee")! : undefined,
  };
}

/** How far ahead the triage board looks for arriving vessels and flights. */
export const VOYAGE_HOURS = 72;

/** The counts take the queue's filters without its sort and paging. */
function countsQuery(filters: QueueFilters): string {
  const params = new URLSearchParams(shipmentQuery({ ...filters, sort: undefined, direction: undefined }));
  params.delete("limit");
  return params.toString();
}

/**
 * The GETs of the queue screen for these filters: the screen reads them, and
 * the sign-in starts them while the screen's code loads (routes.tsx); one
 * definition, so both use the same cache keys.
 */
export function queueReads(code: string, filters: QueueFilters) {
  const unit = `/v1/units/${code}`;
  return {
    voyages: `${unit}/queue/voyages?withinHours=${VOYAGE_HOURS}`,
    counts: `${unit}/queue/counts?${countsQuery(filters)}`,
    /** The list's key, which is also its first page. */
    rows: `${unit}/shipments?${shipmentQuery(filters)}`,
    rowsPage: (cursor: string | null) => `${unit}/shipments?${shipmentQuery(filters, cursor)}`,
  };
}
