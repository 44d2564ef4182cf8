// The manager's referral list across units keeps its filters in the URL
// (overdue only, state, the dashboard's units and commodity), so the list the
// dashboard's overdue count opens can be shared and bookmarked; what the URL
// says that the API would refuse is left out rather than sent.
import { describe, expect, test } from "vitest";
import { overdueReferralsLink, parseScopeReferralFilters, scopeReferralFilterParams, scopeReferralQuery } from "../../../web/src/referral-filters.js";

describe("the manager's referral list filters", () => {
  test("the dashboard's overdue count links to the overdue referrals of the same units and commodity", () => {
    expect(overdueReferralsLink([], "")).toBe("/referrals?overdue=true");
    expect(overdueReferralsLink(["NLRTM", "BEANR"], "cocaine")).toBe("/referrals?overdue=true&units=BEANR%2CNLRTM&commodity=cocaine");
  });

  test("a shared URL reads back to the same filters and the same API query", () => {
    const filters = parseScopeReferralFilters(new URLSearchParams("overdue=true&status=sent&units=beanr,ECGYE&commodity=heroin"));
    expect(filters).toEqual({ overdueOnly: true, status: "sent", units: ["BEANR", "ECGYE"], commodity: "heroin" });
    expect(parseScopeReferralFilters(scopeReferralFilterParams(filters))).toEqual(filters);
    expect(scopeReferralQuery(filters)).toBe("status=sent&overdue=true&units=BEANR%2CECGYE&commodity=heroin&limit=500");
  });

  test("an unknown state, commodity or malformed unit is left out", () => {
    expect(parseScopeReferralFilters(new URLSearchParams("overdue=yes&status=lost&units=x,BEANR&commodity=gold"))).toEqual({ overdueOnly: false, status: "", units: ["BEANR"], commodity: "" });
  });
});
