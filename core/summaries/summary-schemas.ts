// Query parameters of the programme managers' summaries.
import { z } from "zod";
import { boundedDate } from "../iso-dates.js";
import { COMMODITIES } from "../seizures/seizure-schemas.js";

const date = boundedDate();
const unitList = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(",")).map((v) => v.trim().toUpperCase()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{1,8})?$/, "a unit code such as ECGYE or ECUIO-AIR")).max(200));

const common = {
  from: date.optional(),
  to: date.optional(),
  units: unitList.optional(),
  format: z.enum(["json", "csv"]).default("json"),
};

/**
 * One commodity the seizure figures are narrowed to (seizures by a grouping and over time, the referral
 * follow-up, the KPI tiles' seizures, follow-up and overdue referrals); absent: every commodity.
 */
export const commodityFilter = { commodity: z.enum(COMMODITIES).optional() };

const checkPeriod = (value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is before from" });
};

export const SEIZURE_GROUPS = ["commodity", "unit", "country", "month", "quarter", "year", "detection_method", "concealment"] as const;
export const seizureSummarySchema = z.strictObject({ ...common, ...commodityFilter, groupBy: z.enum(SEIZURE_GROUPS).default("commodity") }).superRefine(checkPeriod);
export type SeizureSummaryInput = z.infer<typeof seizureSummarySchema>;

export const REFERRAL_GROUPS = ["all", "unit", "country", "commodity"] as const;
export const referralSummarySchema = z.strictObject({ ...common, ...commodityFilter, groupBy: z.enum(REFERRAL_GROUPS).default("all") }).superRefine(checkPeriod);
export type ReferralSummaryInput = z.infer<typeof referralSummarySchema>;

export const profileSummarySchema = z.strictObject({ ...common, by: z.enum(["version", "indicator"]).default("version") }).superRefine(checkPeriod);
export type ProfileSummaryInput = z.infer<typeof profileSummarySchema>;

/** What a pilot seizure's follow-up lacks (see pilot-follow-up.ts), "gaps" for any of them, "complete" for none. */
export const PILOT_GAPS = ["not_referred", "referred_late", "not_acknowledged", "no_investigation", "overdue_referrals"] as const;
export const PILOT_FOLLOW_UPS = ["gaps", "complete", ...PILOT_GAPS] as const;
const pilotFilters = {
  commodity: z.enum(["cocaine", "heroin"]).optional(),
  followUp: z.enum(PILOT_FOLLOW_UPS).optional(),
};
/** The period narrows the past 12 months, it never reaches beyond them. */
export const pilotSchema = z.strictObject({ ...common, ...pilotFilters }).superRefine(checkPeriod);
export type PilotInput = z.infer<typeof pilotSchema>;

export const TREND_INTERVALS = ["month", "week"] as const;
export const TREND_SERIES = ["unit", "country", "commodity", "all"] as const;
export const seizureTrendSchema = z
  .strictObject({ ...common, ...commodityFilter, interval: z.enum(TREND_INTERVALS).default("month"), series: z.enum(TREND_SERIES).default("unit") })
  .superRefine(checkPeriod);
export type SeizureTrendInput = z.infer<typeof seizureTrendSchema>;

/** Every block of the managers' dashboard in one request (JSON only: each block exports its own CSV). */
export const dashboardSchema = z
  .strictObject({
    from: common.from,
    to: common.to,
    units: common.units,
    ...commodityFilter,
    format: z.enum(["json"], "the dashboard is JSON; export each block from its own summary").default("json"),
    groupBy: z.enum(SEIZURE_GROUPS).default("commodity"),
    interval: z.enum(TREND_INTERVALS).default("month"),
    series: z.enum(TREND_SERIES).default("unit"),
    funnelBy: z.enum(REFERRAL_GROUPS).default("unit"),
    pilotCommodity: pilotFilters.commodity,
    pilotFollowUp: pilotFilters.followUp,
  })
  .superRefine(checkPeriod);
export type DashboardInput = z.infer<typeof dashboardSchema>;

/** SQL expression of each grouping over a seizure `z` and its unit `u` (a closed list: never client text). */
export const GROUP_SQL: Record<(typeof SEIZURE_GROUPS)[number] | (typeof REFERRAL_GROUPS)[number], string> = {
  all: "'all'",
  commodity: "z.commodity::text",
  unit: "u.code",
  country: "u.country::text",
  month: `to_char(z.seized_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
  quarter: `to_char(z.seized_at AT TIME ZONE 'UTC', 'YYYY-"Q"Q')`,
  year: `to_char(z.seized_at AT TIME ZONE 'UTC', 'YYYY')`,
  detection_method: "z.detection_method::text",
  concealment: "z.concealment::text",
};
