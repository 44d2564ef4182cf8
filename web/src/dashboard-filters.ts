// The managers' dashboard filters: read from and written to the URL (so a
// view can be shared), turned into the query of GET /v1/summaries/dashboard
// and into each block's CSV export (path and file name).
import { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import { chooseInterval, type Interval } from "./time-series.js";

export const SEIZURE_GROUPS = ["commodity", "unit", "country", "detection_method", "concealment", "month", "quarter", "year"] as const;
export const TREND_SERIES = ["unit", "country", "commodity"] as const;
export const FUNNEL_GROUPS = ["unit", "country", "commodity"] as const;
export const PILOT_COMMODITIES = ["cocaine", "heroin"] as const;
export const PILOT_GAPS = ["not_referred", "referred_late", "not_acknowledged", "no_investigation", "overdue_referrals"] as const;
export const PILOT_FOLLOW_UPS = ["gaps", "complete", ...PILOT_GAPS] as const;

export type SeizureGroup = (typeof SEIZURE_GROUPS)[number];
export type TrendSeries = (typeof TREND_SERIES)[number];
export type FunnelGroup = (typeof FUNNEL_GROUPS)[number];
export type PilotCommodity = (typeof PILOT_COMMODITIES)[number];
export type PilotFollowUp = (typeof PILOT_FOLLOW_UPS)[number];
export type Commodity = (typeof COMMODITIES)[number];
export { COMMODITIES };

export interface DashboardFilters {
  /** YYYY-MM-DD or "" (open). */
  from: string;
  to: string;
  /** ISO country code or "" (every country of the manager's units). */
  country: string;
  /** Unit codes chosen; none means every unit (of the country, if one is chosen). */
  units: string[];
  /**
   * One commodity the seizure figures are narrowed to (the tiles' seizures, follow-up and overdue
   * referrals, seizures by a grouping and over time, the referral follow-up), "" for every one.
   * Profile performance, the pilot list and the hit rate of inspections are not per commodity.
   */
  commodity: Commodity | "";
  groupBy: SeizureGroup;
  series: TrendSeries;
  funnelBy: FunnelGroup;
  pilotCommodity: PilotCommodity | "";
  pilotFollowUp: PilotFollowUp | "";
}

export const DEFAULT_FILTERS: DashboardFilters = {
  from: "",
  to: "",
  country: "",
  units: [],
  commodity: "",
  groupBy: "commodity",
  series: "unit",
  funnelBy: "unit",
  pilotCommodity: "",
  pilotFollowUp: "",
};

/** A unit the manager may summarise (from GET /v1/units). */
export interface ScopeUnit {
  code: string;
  country: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => (values.includes(value as T) ? (value as T) : fallback);

/** Filters from a location search ("?from=…"); anything unknown or malformed falls back to the default. */
export function parseDashboardSearch(search: string): DashboardFilters {
  const params = new URLSearchParams(search);
  const date = (name: string) => {
    const value = params.get(name) ?? "";
    return isDate(value) ? value : "";
  };
  const country = (params.get("country") ?? "").toUpperCase();
  return {
    from: date("from"),
    to: date("to"),
    country: /^[A-Z]{2}$/.test(country) ? country : "",
    units: [...new Set((params.get("units") ?? "").split(",").map((u) => u.trim().toUpperCase()).filter((u) => /^[A-Z0-9-]{5,20}$/.test(u)))].sort(),
    commodity: oneOf<Commodity | "">(COMMODITIES, params.get("commodity"), ""),
    groupBy: oneOf(SEIZURE_GROUPS, params.get("groupBy"), DEFAULT_FILTERS.groupBy),
    series: oneOf(TREND_SERIES, params.get("series"), DEFAULT_FILTERS.series),
    funnelBy: oneOf(FUNNEL_GROUPS, params.get("funnelBy"), DEFAULT_FILTERS.funnelBy),
    pilotCommodity: oneOf<PilotCommodity | "">(PILOT_COMMODITIES, params.get("pilotCommodity"), ""),
    pilotFollowUp: oneOf<PilotFollowUp | "">(PILOT_FOLLOW_UPS, params.get("pilotFollowUp"), ""),
  };
}

/** The location search of these filters, defaults left out ("" when all are defaults). */
export function dashboardSearch(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.country) params.set("country", filters.country);
  if (filters.units.length > 0) params.set("units", [...filters.units].sort().join(","));
  for (const key of ["commodity", "groupBy", "series", "funnelBy", "pilotCommodity", "pilotFollowUp"] as const) {
    if (filters[key] !== DEFAULT_FILTERS[key]) params.set(key, filters[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Why the period cannot be asked for, or null. */
export function periodProblem(filters: Pick<DashboardFilters, "from" | "to">): "order" | null {
  return filters.from && filters.to && filters.from > filters.to ? "order" : null;
}

/**
 * The units to ask for: the chosen ones that are in scope (and in the chosen
 * country), else every unit of the chosen country; [] means the whole scope.
 */
export function unitsToAsk(filters: Pick<DashboardFilters, "country" | "units">, scope: readonly ScopeUnit[]): string[] {
  const chosen = chosenUnits(filters, scope);
  if (chosen.length > 0) return chosen;
  return filters.country ? scope.filter((u) => u.country === filters.country).map((u) => u.code).sort() : [];
}

/** The chosen units that are in scope and in the chosen country. */
export function chosenUnits(filters: Pick<DashboardFilters, "country" | "units">, scope: readonly ScopeUnit[]): string[] {
  return scope.filter((u) => (!filters.country || u.country === filters.country) && filters.units.includes(u.code)).map((u) => u.code).sort();
}

function commonParams(filters: DashboardFilters, scope: readonly ScopeUnit[]): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  const units = unitsToAsk(filters, scope);
  if (units.length > 0) params.set("units", units.join(","));
  return params;
}

/** Month, or week for a period of a quarter or less. */
export const intervalFor = (filters: Pick<DashboardFilters, "from" | "to">, today: string): Interval => chooseInterval(filters.from, filters.to, today);

/** The query string of GET /v1/summaries/dashboard. */
export function dashboardQuery(filters: DashboardFilters, scope: readonly ScopeUnit[], today: string): string {
  const params = commonParams(filters, scope);
  if (filters.commodity) params.set("commodity", filters.commodity);
  params.set("groupBy", filters.groupBy);
  params.set("interval", intervalFor(filters, today));
  params.set("series", filters.series);
  params.set("funnelBy", filters.funnelBy);
  if (filters.pilotCommodity) params.set("pilotCommodity", filters.pilotCommodity);
  if (filters.pilotFollowUp) params.set("pilotFollowUp", filters.pilotFollowUp);
  return params.toString();
}

export const DASHBOARD_BLOCKS = ["seizures", "overTime", "funnel", "funnelBy", "profiles", "indicators", "pilot"] as const;
export type DashboardBlock = (typeof DASHBOARD_BLOCKS)[number];

export interface CsvExport {
  /** The summary's CSV, with the same filters as the block shows. */
  path: string;
  filename: string;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** What narrows the figures, for a file name: commodity (where it applies), period, country, units. */
function scopeSuffix(filters: DashboardFilters, scope: readonly ScopeUnit[], commodity: string): string {
  const parts: string[] = commodity ? [commodity] : [];
  if (filters.from || filters.to) parts.push(`${filters.from || "start"}-to-${filters.to || "today"}`);
  const chosen = chosenUnits(filters, scope);
  if (chosen.length > 0 && chosen.length <= 3) parts.push(...chosen);
  else if (chosen.length > 3) parts.push(`${chosen.length}-units`);
  else if (filters.country) parts.push(filters.country);
  return parts.map(slug).filter(Boolean).map((p) => `-${p}`).join("");
}

/** Every block's CSV export: the summary endpoint with the block's filters, and a file name saying what it holds. */
export function csvExports(filters: DashboardFilters, scope: readonly ScopeUnit[], today: string): Record<DashboardBlock, CsvExport> {
  // The commodity narrows the seizure and follow-up blocks only (see DashboardFilters.commodity).
  const make = (report: string, extra: Record<string, string>, name: string, byCommodity = false): CsvExport => {
    const commodity = byCommodity ? filters.commodity : "";
    const params = commonParams(filters, scope);
    if (commodity) params.set("commodity", commodity);
    for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
    params.set("format", "csv");
    return { path: `/v1/summaries/${report}?${params.toString()}`, filename: `${name}${scopeSuffix(filters, scope, commodity)}.csv` };
  };
  const interval = intervalFor(filters, today);
  return {
    seizures: make("seizures", { groupBy: filters.groupBy }, `seizures-by-${slug(filters.groupBy)}`, true),
    overTime: make("seizures-over-time", { interval, series: filters.series }, `seizures-per-${interval}-by-${filters.series}`, true),
    funnel: make("referrals", { groupBy: "all" }, "referral-follow-up", true),
    funnelBy: make("referrals", { groupBy: filters.funnelBy }, `referral-follow-up-by-${filters.funnelBy}`, true),
    profiles: make("profiles", { by: "version" }, "profile-performance"),
    indicators: make("profiles", { by: "indicator" }, "profile-performance-by-indicator"),
    pilot: make(
      "pilot",
      { commodity: filters.pilotCommodity, followUp: filters.pilotFollowUp },
      ["pilot", filters.pilotCommodity, filters.pilotFollowUp && slug(filters.pilotFollowUp)].filter(Boolean).join("-"),
    ),
  };
}
