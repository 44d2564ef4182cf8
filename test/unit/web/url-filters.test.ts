// Filters kept in a screen's URL (shared links, Back) and the query cache's
// keys: what a user would notice if they broke is a shared link opening
// another view, or a write leaving a stale list on screen.
import { describe, expect, test } from "vitest";
import { EMPTY_FILTERS, parseQueueSearch, queueSearchParams, type QueueFilters } from "../../../web/src/query.js";
import { ALL_REFERRALS, parseReferralFilters, referralFilterParams, referralQuery } from "../../../web/src/referral-filters.js";
import { apiKey } from "../../../web/src/api-key.js";
import { entryFilterParams, NO_FILTERS, parseEntryFilters } from "../../../web/src/watchlists.js";
import { keepIfSame } from "../../../web/src/url-state.js";

describe("queue filters ↔ the page's URL", () => {
  test("the plain queue keeps a plain URL, and an empty URL is the plain queue", () => {
    expect(queueSearchParams(EMPTY_FILTERS).toString()).toBe("");
    expect(parseQueueSearch(new URLSearchParams(""))).toEqual(EMPTY_FILTERS);
  });

  test("every filter survives the round trip through a shared link", () => {
    const filters: QueueFilters = { manifestId: "2b1f0b7e-0000-4000-8000-000000000001", band: "medium", arrivalFrom: "2026-01-01", arrivalTo: "2026-01-31", search: "Frutas & Cía", searchBy: "party", flaggedOnly: false };
    const link = queueSearchParams(filters).toString();
    expect(link).toContain("band=medium");
    expect(parseQueueSearch(new URLSearchParams(link))).toEqual(filters);
  });

  test("a malformed or foreign parameter falls back to the default instead of asking the API for it", () => {
    const parsed = parseQueueSearch(new URLSearchParams("band=urgent&arrivalFrom=yesterday&by=vessel&q=MSKU&all=maybe"));
    expect(parsed).toEqual({ ...EMPTY_FILTERS, search: "MSKU" });
  });
});

describe("referral and watchlist-entry filters ↔ the page's URL", () => {
  test("referrals: state and overdue go to the URL and to the API; an unknown state means every state", () => {
    const filters = { status: "acknowledged", overdueOnly: true } as const;
    expect(referralFilterParams(filters).toString()).toBe("status=acknowledged&overdue=true");
    expect(parseReferralFilters(referralFilterParams(filters))).toEqual(filters);
    expect(Object.fromEntries(new URLSearchParams(referralQuery(filters)))).toEqual({ status: "acknowledged", overdue: "true", limit: "500" });
    expect(parseReferralFilters(new URLSearchParams("status=accused&overdue=1"))).toEqual(ALL_REFERRALS);
    expect(referralFilterParams(ALL_REFERRALS).toString()).toBe("");
  });

  test("watchlist entries: the search and expired entries survive the round trip", () => {
    const filters = { search: "Frutas & Cía", includeExpired: true };
    expect(parseEntryFilters(entryFilterParams(filters))).toEqual(filters);
    expect(entryFilterParams(NO_FILTERS).toString()).toBe("");
    expect(parseEntryFilters(new URLSearchParams("search=" + "x".repeat(300))).search).toHaveLength(200);
  });
});

describe("query keys of API paths", () => {
  test("a path is its segments, its query string last", () => {
    expect(apiKey("/v1/units/BEANR/referrals?limit=500&status=open")).toEqual(["v1", "units", "BEANR", "referrals", { limit: "500", status: "open" }]);
    expect(apiKey("/v1/units/BEANR/profiles/RISK%2F1")).toEqual(["v1", "units", "BEANR", "profiles", "RISK/1"]);
  });

  test("a resource's path is a prefix of its lists' and records' keys (what invalidation after a write relies on)", () => {
    const resource = apiKey("/v1/units/BEANR/shipments");
    for (const path of ["/v1/units/BEANR/shipments?flagged=true&limit=50", "/v1/units/BEANR/shipments/abc"]) {
      expect(apiKey(path).slice(0, resource.length)).toEqual(resource);
    }
    expect(apiKey("/v1/units/ECGYE/shipments").slice(0, resource.length)).not.toEqual(resource);
  });

  test("the query string is one object, whatever the order of its parameters (the cache hashes object keys sorted)", () => {
    expect(apiKey("/v1/x?b=2&a=1")).toEqual(apiKey("/v1/x?a=1&b=2"));
  });
});

describe("a URL-state value keeps its identity while it says the same", () => {
  // When a navigation lands, the URL's parse replaces the value chosen: equal, but a new object. The queue's,
  // the dashboard's and the audit viewer's forms reset their draft when the value changes, so a new object
  // for the same filters wiped what was typed between Apply (or Clear) and the landing.
  test("the same search keeps the object first seen; another search gives the new one", () => {
    const chosen: QueueFilters = { ...EMPTY_FILTERS, band: "high" };
    const first = keepIfSame(null, queueSearchParams(chosen).toString(), chosen);
    const landed = parseQueueSearch(queueSearchParams(chosen));
    expect(landed).toEqual(chosen);
    expect(landed).not.toBe(chosen);
    const after = keepIfSame(first, queueSearchParams(landed).toString(), landed);
    expect(after.value).toBe(chosen);
    const other: QueueFilters = { ...EMPTY_FILTERS, band: "low" };
    expect(keepIfSame(after, queueSearchParams(other).toString(), other).value).toBe(other);
  });
});
