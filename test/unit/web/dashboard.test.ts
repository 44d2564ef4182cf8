// The managers' dashboard without a browser: filters to and from the URL,
// the API query and each block's CSV export; months and weeks on the time
// axis with empty periods filled; series pivoted and folded into "others";
// months in the user's locale.
import { describe, expect, test } from "vitest";
import { countriesOf, countryName, funnelSideFigures, funnelStages } from "../../../web/src/dashboard-data.js";
import {
  DEFAULT_FILTERS,
  csvExports,
  dashboardQuery,
  dashboardSearch,
  parseDashboardSearch,
  periodProblem,
  unitsToAsk,
  type DashboardFilters,
} from "../../../web/src/dashboard-filters.js";
import { formatters } from "../../../web/src/format.js";
import { bucketOf, bucketRange, chooseInterval, pivotSeries, timeAxis } from "../../../web/src/time-series.js";

const scope = [
  { code: "BEANR-A1", country: "BE" },
  { code: "BEZEE-B2", country: "BE" },
  { code: "ECGYE-C3", country: "EC" },
];
const TODAY = "2026-01-20";
const with_ = (patch: Partial<DashboardFilters>): DashboardFilters => ({ ...DEFAULT_FILTERS, ...patch });

describe("dashboard filters and the URL", () => {
  test("defaults make an empty search; every choice round-trips through the URL", () => {
    expect(dashboardSearch(DEFAULT_FILTERS)).toBe("");
    expect(parseDashboardSearch("")).toEqual(DEFAULT_FILTERS);
    const chosen = with_({
      from: "2025-01-01", to: "2025-03-31", country: "BE", units: ["BEZEE-B2", "BEANR-A1"], groupBy: "detection_method",
      series: "country", funnelBy: "commodity", pilotCommodity: "heroin", pilotFollowUp: "overdue_referrals",
    });
    const search = dashboardSearch(chosen);
    expect(search).toBe(
      "?from=2025-01-01&to=2025-03-31&country=BE&units=BEANR-A1%2CBEZEE-B2&groupBy=detection_method&series=country&funnelBy=commodity&pilotCommodity=heroin&pilotFollowUp=overdue_referrals",
    );
    expect(parseDashboardSearch(search)).toEqual({ ...chosen, units: ["BEANR-A1", "BEZEE-B2"] });
  });

  test("a hand-edited URL with wrong values falls back to the defaults, value by value", () => {
    expect(parseDashboardSearch("?from=2025-02-30&to=yesterday&country=Belgium&units=beanr-a1,,<x>&groupBy=week&series=port&pilotCommodity=cannabis&pilotFollowUp=late")).toEqual(
      with_({ units: ["BEANR-A1"] }),
    );
    expect(parseDashboardSearch("?country=ec&funnelBy=country").country).toBe("EC");
  });

  test("a period that ends before it starts is a problem; an open end is not", () => {
    expect(periodProblem({ from: "2025-05-01", to: "2025-04-01" })).toBe("order");
    expect(periodProblem({ from: "2025-05-01", to: "2025-05-01" })).toBeNull();
    expect(periodProblem({ from: "2025-05-01", to: "" })).toBeNull();
  });

  test("units asked: the chosen ones in the country, else the country's, else the whole scope", () => {
    expect(unitsToAsk(with_({}), scope)).toEqual([]);
    expect(unitsToAsk(with_({ country: "BE" }), scope)).toEqual(["BEANR-A1", "BEZEE-B2"]);
    expect(unitsToAsk(with_({ units: ["ECGYE-C3", "BEANR-A1"] }), scope)).toEqual(["BEANR-A1", "ECGYE-C3"]);
    // A unit of another country, or outside the scope, is ignored.
    expect(unitsToAsk(with_({ country: "EC", units: ["BEANR-A1"] }), scope)).toEqual(["ECGYE-C3"]);
    expect(unitsToAsk(with_({ units: ["NLRTM-ZZ"] }), scope)).toEqual([]);
  });

  test("the dashboard query carries the period, units and every block's choice; weeks for a short period", () => {
    expect(Object.fromEntries(new URLSearchParams(dashboardQuery(DEFAULT_FILTERS, scope, TODAY)))).toEqual({
      groupBy: "commodity", interval: "month", series: "unit", funnelBy: "unit",
    });
    const q = new URLSearchParams(dashboardQuery(with_({ from: "2026-01-01", country: "BE", pilotFollowUp: "gaps", pilotCommodity: "cocaine" }), scope, TODAY));
    expect(Object.fromEntries(q)).toEqual({
      from: "2026-01-01", units: "BEANR-A1,BEZEE-B2", groupBy: "commodity", interval: "week", series: "unit", funnelBy: "unit", pilotCommodity: "cocaine", pilotFollowUp: "gaps",
    });
  });
});

describe("CSV exports", () => {
  test("without filters: the block's summary as CSV under a plain name", () => {
    const files = csvExports(DEFAULT_FILTERS, scope, TODAY);
    expect(files.seizures).toEqual({ path: "/v1/summaries/seizures?groupBy=commodity&format=csv", filename: "seizures-by-commodity.csv" });
    expect(files.overTime).toEqual({ path: "/v1/summaries/seizures-over-time?interval=month&series=unit&format=csv", filename: "seizures-per-month-by-unit.csv" });
    expect(files.funnel.path).toBe("/v1/summaries/referrals?groupBy=all&format=csv");
    expect(files.funnelBy).toEqual({ path: "/v1/summaries/referrals?groupBy=unit&format=csv", filename: "referral-follow-up-by-unit.csv" });
    expect(files.profiles.path).toBe("/v1/summaries/profiles?by=version&format=csv");
    expect(files.indicators).toEqual({ path: "/v1/summaries/profiles?by=indicator&format=csv", filename: "profile-performance-by-indicator.csv" });
    expect(files.pilot).toEqual({ path: "/v1/summaries/pilot?format=csv", filename: "pilot.csv" });
  });

  test("with filters: the same filters as shown, and a file name that says what narrows it", () => {
    const filters = with_({ from: "2025-01-01", to: "2025-02-15", units: ["ECGYE-C3"], groupBy: "detection_method", series: "country", funnelBy: "country", pilotCommodity: "heroin", pilotFollowUp: "not_referred" });
    const files = csvExports(filters, scope, TODAY);
    expect(files.seizures).toEqual({
      path: "/v1/summaries/seizures?from=2025-01-01&to=2025-02-15&units=ECGYE-C3&groupBy=detection_method&format=csv",
      filename: "seizures-by-detection-method-2025-01-01-to-2025-02-15-ecgye-c3.csv",
    });
    expect(files.overTime.path).toBe("/v1/summaries/seizures-over-time?from=2025-01-01&to=2025-02-15&units=ECGYE-C3&interval=week&series=country&format=csv");
    expect(files.overTime.filename).toBe("seizures-per-week-by-country-2025-01-01-to-2025-02-15-ecgye-c3.csv");
    expect(files.pilot).toEqual({
      path: "/v1/summaries/pilot?from=2025-01-01&to=2025-02-15&units=ECGYE-C3&commodity=heroin&followUp=not_referred&format=csv",
      filename: "pilot-heroin-not-referred-2025-01-01-to-2025-02-15-ecgye-c3.csv",
    });
    expect(csvExports(with_({ country: "BE", to: "2025-06-30" }), scope, TODAY).funnel.filename).toBe("referral-follow-up-start-to-2025-06-30-be.csv");
    const many = [...scope, { code: "BEOST-D4", country: "BE" }];
    expect(csvExports(with_({ units: many.map((u) => u.code) }), many, TODAY).profiles.filename).toBe("profile-performance-4-units.csv");
  });
});

describe("time buckets", () => {
  test("weeks for a quarter or less, months beyond it or with an open start", () => {
    expect(chooseInterval("", "", TODAY)).toBe("month");
    expect(chooseInterval("", "2025-03-01", TODAY)).toBe("month");
    expect(chooseInterval("2025-01-01", "2025-04-02", TODAY)).toBe("week");
    expect(chooseInterval("2025-01-01", "2025-04-03", TODAY)).toBe("month");
    expect(chooseInterval("2025-12-01", "", TODAY)).toBe("week");
    expect(chooseInterval("2025-05-01", "", TODAY)).toBe("month");
  });

  test("a date falls in its UTC month, or in the week of its Monday", () => {
    expect(bucketOf("2025-01-10", "month")).toBe("2025-01");
    expect(bucketOf("2025-01-10", "week")).toBe("2025-01-06");
    expect(bucketOf("2025-01-06", "week")).toBe("2025-01-06");
    expect(bucketOf("2025-01-05", "week")).toBe("2024-12-30");
    expect(bucketOf("2025-03-31T23:30:00-05:00", "month")).toBe("2025-04");
  });

  test("ranges cross years and stop at the limit", () => {
    expect(bucketRange("2024-11", "2025-02", "month")).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(bucketRange("2024-12-23", "2025-01-06", "week")).toEqual(["2024-12-23", "2024-12-30", "2025-01-06"]);
    expect(bucketRange("2000-01", "2099-12", "month")).toHaveLength(120);
    expect(bucketRange("2025-02", "2025-01", "month")).toEqual([]);
  });

  test("the axis spans the period (or from the first data to today) with empty periods filled", () => {
    expect(timeAxis({ from: "2025-01-15", to: "2025-04-02" }, ["2025-03"], "month", TODAY)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04"]);
    expect(timeAxis({ from: "", to: "" }, ["2025-11", "2025-09"], "month", TODAY)).toEqual(["2025-09", "2025-10", "2025-11", "2025-12", "2026-01"]);
    expect(timeAxis({ from: "", to: "" }, [], "month", TODAY)).toEqual([]);
    expect(timeAxis({ from: "2026-01-01", to: "" }, [], "week", TODAY)).toEqual(["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"]);
    // Data outside the axis (a clock ahead of the browser's) is never dropped.
    expect(timeAxis({ from: "2026-01-01", to: "" }, ["2026-01-26"], "week", TODAY).at(-1)).toBe("2026-01-26");
  });
});

describe("series", () => {
  const axis = ["2025-01", "2025-02", "2025-03"];
  test("pivoted onto the axis, largest series first, totals per period", () => {
    const table = pivotSeries(
      [
        { period: "2025-01", key: "ECGYE-C3", seizures: 1 },
        { period: "2025-03", key: "BEANR-A1", seizures: 2 },
        { period: "2025-03", key: "ECGYE-C3", seizures: 2 },
        { period: "2025-01", key: "BEZEE-B2", seizures: 1 },
      ],
      axis,
    );
    expect(table.series).toEqual([
      { key: "ECGYE-C3", other: false, total: 3 },
      { key: "BEANR-A1", other: false, total: 2 },
      { key: "BEZEE-B2", other: false, total: 1 },
    ]);
    expect(table.values).toEqual([[1, 0, 1], [0, 0, 0], [2, 2, 0]]);
    expect(table.totals).toEqual([2, 0, 4]);
    expect(table.total).toBe(6);
  });

  test("beyond the limit the smallest series are added up as others", () => {
    const cells = ["A", "B", "C", "D"].map((key, i) => ({ period: "2025-02", key, seizures: 4 - i }));
    const table = pivotSeries(cells, axis, 3);
    expect(table.series).toEqual([
      { key: "A", other: false, total: 4 },
      { key: "B", other: false, total: 3 },
      { key: "", other: true, total: 3 },
    ]);
    expect(table.values[1]).toEqual([4, 3, 3]);
    expect(pivotSeries(cells, axis, 4).series.map((s) => s.key)).toEqual(["A", "B", "C", "D"]);
  });
});

describe("labels", () => {
  test("months in the locale, countries by name, the funnel in order", () => {
    expect(formatters("en-GB").month("2025-01")).toBe("Jan 2025");
    expect(formatters("es").month("2025-12")).toMatch(/^dic\.? 2025$/);
    expect(formatters("en-GB").month("2025-13")).toBe("—");
    expect(countryName("EC", "en")).toBe("Ecuador (EC)");
    expect(countryName("all", "en")).toBe("all");
    expect(countriesOf(scope)).toEqual(["BE", "EC"]);
    const row = {
      key: "all", seizures: 5, referred: 4, referredInTime: 3, referredInTimePercent: 60, acknowledged: 2, acknowledgedPercent: 50,
      investigationsOpened: 2, controlledDeliveries: 1, prosecutions: 1, personsArrested: 6, overdueReferrals: 1,
    };
    // The stages as the follow-up happens; persons arrested (6, more than the 5 seizures), in time and overdue are beside it.
    expect(funnelStages(row)).toEqual([
      ["funnel.seizures", 5], ["funnel.referred", 4], ["funnel.acknowledged", 2], ["funnel.investigations", 2], ["funnel.controlledDeliveries", 1], ["funnel.prosecutions", 1],
    ]);
    expect(funnelSideFigures(row)).toEqual([["funnel.referredInTime", 3], ["funnel.overdue", 1], ["funnel.arrested", 6]]);
  });
});
