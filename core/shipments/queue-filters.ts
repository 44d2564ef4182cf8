// The officer queue's filters as SQL over scoring_state `st`, shipment `s` and
// the unit's band cut-offs `c`. One builder serves the page, its total, the
// counts by band and decision, and the search hint, so they always agree.
import { isUuid } from "../ids.js";
import { SHIPMENT_IN_FORCE_SQL, type VersionScope } from "../manifests/manifest-versions.js";
import { EFFECTIVE_BAND_SQL, EFFECTIVE_FLAGGED_SQL } from "../triage/band-cutoffs.js";

export const DECISIONS = ["none", "hold", "released", "inspected"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface QueueFilters {
  flagged?: boolean | undefined;
  band?: ("high" | "medium" | "low" | "none")[] | undefined;
  minScore?: number | undefined;
  status?: ("pending" | "scored" | "failed")[] | undefined;
  decision?: Decision[] | undefined;
  /** A user id, "me" (resolved by the caller) or "none" for unassigned. */
  assignee?: string | undefined;
  random?: boolean | undefined;
  containerNumber?: string | undefined;
  billOfLading?: string | undefined;
  party?: string | undefined;
  manifestId?: string | undefined;
  arrivalFrom?: string | undefined;
  arrivalTo?: string | undefined;
  /** Replaced and cancelled manifest versions are left out unless "all", or unless one manifest is asked for by id. */
  versions?: VersionScope | undefined;
}

export interface SqlWhere {
  clauses: string[];
  params: unknown[];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A container number as stored: upper case, no spaces or dashes. */
export const containerSearchText = (text: string) => text.toUpperCase().replace(/[\s-]/g, "");

/** The search part alone (container or B/L prefix, party name), for the "why nothing" hint. */
export function searchOnly(filters: QueueFilters): QueueFilters {
  return { containerNumber: filters.containerNumber, billOfLading: filters.billOfLading, party: filters.party, versions: filters.versions };
}

export function hasSearch(filters: QueueFilters): boolean {
  return Boolean(filters.containerNumber || filters.billOfLading || filters.party);
}

export function queueWhere(unitId: string, filters: QueueFilters): SqlWhere {
  const clauses: string[] = ["st.unit_id = $1"];
  const params: unknown[] = [unitId];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  // A replaced or cancelled version's containers are no longer to be examined; its own page (by id) still lists them.
  if (filters.versions !== "all" && !filters.manifestId) clauses.push(SHIPMENT_IN_FORCE_SQL);
  if (filters.flagged === true) clauses.push(EFFECTIVE_FLAGGED_SQL);
  if (filters.flagged === false) clauses.push(`NOT ${EFFECTIVE_FLAGGED_SQL}`);
  if (filters.band?.length) add((p) => `COALESCE(${EFFECTIVE_BAND_SQL}, 'none') = ANY(${p}::text[])`, filters.band);
  if (filters.minScore !== undefined) add((p) => `st.score >= ${p}`, filters.minScore);
  if (filters.status?.length) add((p) => `st.status = ANY(${p}::scoring_status[])`, filters.status);
  if (filters.decision?.length) add((p) => `st.decision = ANY(${p}::triage_decision[])`, filters.decision);
  if (filters.assignee === "none") clauses.push("st.assignee_id IS NULL");
  else if (filters.assignee !== undefined && isUuid(filters.assignee)) add((p) => `st.assignee_id = ${p}::uuid`, filters.assignee);
  if (filters.random !== undefined) add((p) => `st.random = ${p}`, filters.random);
  // Prefixes: an officer types the start of a number; the pattern indexes of 0020_triage serve it.
  // s.unit_id = $1 lets the planner use the (unit_id, number) pattern indexes.
  if (filters.containerNumber) add((p) => `(s.unit_id = $1 AND s.container_number LIKE ${p})`, `${escapeLike(containerSearchText(filters.containerNumber))}%`);
  if (filters.billOfLading) {
    add((p) => `(s.unit_id = $1 AND (s.bill_of_lading LIKE ${p} OR s.house_bill_of_lading LIKE ${p}))`, `${escapeLike(filters.billOfLading.trim().toUpperCase())}%`);
  }
  if (filters.party) add((p) => `(s.shipper_name ILIKE ${p} OR s.consignee_name ILIKE ${p})`, `%${escapeLike(filters.party)}%`);
  if (filters.manifestId) add((p) => `s.manifest_id = ${p}::uuid`, filters.manifestId);
  if (filters.arrivalFrom) add((p) => `s.arrival_date >= ${p}::date`, filters.arrivalFrom);
  if (filters.arrivalTo) add((p) => `s.arrival_date <= ${p}::date`, filters.arrivalTo);
  return { clauses, params };
}
