// The referral list's filters (state, overdue only): in the page's URL so a
// filtered list can be shared and survives Back, and as the query of
// GET /v1/units/{unit}/referrals.
import { REFERRAL_STATUSES, type ReferralStatus } from "../../core/referrals/referral-states.js";

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
