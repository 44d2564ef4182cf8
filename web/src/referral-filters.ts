// The referral list's filters (state, overdue only): in the page's URL so a
// filtered list can be shared and survives Back, and as the query of
// GET /v1/units/{unit}/referrals. A programme manager's list across units
// (/referrals, GET /v1/referrals) adds the dashboard's units and commodity:
// the dashboard's overdue count links to it (overdueReferralsLink).
import { REFERRAL_STATUSES, type ReferralStatus } from "../../core/referrals/referral-states.js";
import { COMMODITIES, type Commodity } from "./dashboard-filters.js";

/** The API's own list of states (a plain constant, no I/O), so the filter offers exactly what the API accepts. */
export const REFERRAL_STATES = REFERRAL_STATUSES;
export type ReferralState = ReferralStatus;

export interface ReferralFilters {
  status: ReferralState | "";
  overdueOnly: boolean;
}

export const ALL_REFERRALS: ReferralFilters = { status: "", overdueOnly: false };

/** The filters of a shared or restored URL; an unknown state means every state. */
export function parseReferralFilters(params: URLSearchParams): ReferralFilters {
  const status = params.get("status") ?? "";
  return { status: (REFERRAL_STATES as readonly string[]).includes(status) ? (status as ReferralState) : "", overdueOnly: params.get("overdue") === "true" };
}

/** The page's own search params; none for the whole list. */
export function referralFilterParams(filters: ReferralFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.overdueOnly) params.set("overdue", "true");
  return params;
}

/** The API query: the same filters, at most 500 referrals. */
export function referralQuery(filters: ReferralFilters): string {
  const params = referralFilterParams(filters);
  params.set("limit", "500");
  return params.toString();
}

/** A manager's referral list across units: the same filters, the units asked for (none: every unit) and one commodity. */
export interface ScopeReferralFilters extends ReferralFilters {
  units: string[];
  commodity: Commodity | "";
}

export const ALL_SCOPE_REFERRALS: ScopeReferralFilters = { ...ALL_REFERRALS, units: [], commodity: "" };

/** The filters of a shared or restored URL; an unknown unit code or commodity is left out. */
export function parseScopeReferralFilters(params: URLSearchParams): ScopeReferralFilters {
  const commodity = params.get("commodity") ?? "";
  return {
    ...parseReferralFilters(params),
    units: [...new Set((params.get("units") ?? "").split(",").map((u) => u.trim().toUpperCase()).filter((u) => /^[A-Z0-9-]{5,20}$/.test(u)))].sort(),
    commodity: (COMMODITIES as readonly string[]).includes(commodity) ? (commodity as Commodity) : "",
  };
}

export function scopeReferralFilterParams(filters: ScopeReferralFilters): URLSearchParams {
  const params = referralFilterParams(filters);
  if (filters.units.length > 0) params.set("units", filters.units.join(","));
  if (filters.commodity) params.set("commodity", filters.commodity);
  return params;
}

/** The API query of GET /v1/referrals: the same filters, at most 500 referrals. */
export function scopeReferralQuery(filters: ScopeReferralFilters): string {
  const params = scopeReferralFilterParams(filters);
  params.set("limit", "500");
  return params.toString();
}

/** Where the dashboard's overdue count leads: the overdue referrals of the units and commodity it counts. */
export function overdueReferralsLink(units: readonly string[], commodity: Commodity | ""): string {
  return `/referrals?${scopeReferralFilterParams({ ...ALL_SCOPE_REFERRALS, overdueOnly: true, units: [...units].sort(), commodity }).toString()}`;
}
