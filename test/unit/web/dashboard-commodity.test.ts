// The managers' dashboard narrows its seizure figures to one commodity
// ("cocaine seizures by unit", "cocaine seizures referred in time"): the
// choice lives in the URL, goes to GET /v1/summaries/dashboard, and into the
// CSV exports of the blocks it narrows (seizures, over time, follow-up), not
// into those it does not (profile performance, the pilot list).
import { describe, expect, test } from "vitest";
import { DEFAULT_FILTERS, csvExports, dashboardQuery, dashboardSearch, parseDashboardSearch, type DashboardFilters } from "../../../web/src/dashboard-filters.js";

const scope = [
  { code: "BEANR", country: "BE" },
  { code: "ECGYE", country: "EC" },
];
const cocaine: DashboardFilters = { ...DEFAULT_FILTERS, commodity: "cocaine", from: "2026-01-01", to: "2026-06-30" };

describe("the dashboard's commodity filter", () => {
  test("lives in the URL; an unknown commodity falls back to every one", () => {
    expect(dashboardSearch(cocaine)).toBe("?from=2026-01-01&to=2026-06-30&commodity=cocaine");
    expect(parseDashboardSearch(dashboardSearch(cocaine))).toEqual(cocaine);
    expect(parseDashboardSearch("?commodity=wildlife_environment").commodity).toBe("wildlife_environment");
    expect(parseDashboardSearch("?commodity=coke").commodity).toBe("");
    expect(dashboardSearch(DEFAULT_FILTERS)).toBe("");
  });

  test("is asked of the dashboard", () => {
    expect(new URLSearchParams(dashboardQuery(cocaine, scope, "2026-07-01")).get("commodity")).toBe("cocaine");
    expect(new URLSearchParams(dashboardQuery(DEFAULT_FILTERS, scope, "2026-07-01")).has("commodity")).toBe(false);
  });

  test("narrows the seizure and follow-up exports and names them so; profile and pilot exports count every commodity", () => {
    const exports = csvExports(cocaine, scope, "2026-07-01");
    for (const block of ["seizures", "overTime", "funnel", "funnelBy"] as const) {
      expect(new URLSearchParams(exports[block].path.split("?")[1]).get("commodity"), block).toBe("cocaine");
      expect(exports[block].filename, block).toContain("-cocaine-2026-01-01-to-2026-06-30");
    }
    expect(exports.seizures.filename).toBe("seizures-by-commodity-cocaine-2026-01-01-to-2026-06-30.csv");
    for (const block of ["profiles", "indicators", "pilot"] as const) {
      expect(exports[block].path, block).not.toContain("commodity=cocaine");
      expect(exports[block].filename, block).not.toContain("cocaine");
    }
  });
});
