// The managers' headline figures (KPI tiles) over a period and the previous
// period of equal length: seizures and quantity by commodity, the referral
// follow-up rate (seizures referred within the unit's send deadline), the
// referrals overdue at the end of each period, and the hit rate of
// inspections (recorded or imported). Every count goes through the sharing
// rule (core/auth/sharing-filter.ts). Aggregated in SQL.
import { z } from "zod";
import { visibleInUnits } from "../auth/sharing-filter.js";
import { boundedDate } from "../iso-dates.js";
import { overdueAtSql } from "../referrals/overdue-now.js";
import type { Services } from "../services.js";
import { FOLLOW_UP } from "./referral-summary.js";
import { SCOPED_SEIZURES, scopedParams } from "./seizure-summary.js";
import { commodityFilter, GROUP_SQL } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

const DAY = 86_400_000;
/** Without a period, the tiles cover the last 90 days up to today. */
export const DEFAULT_KPI_DAYS = 90;

const unitList = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(",")).map((v) => v.trim().toUpperCase()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{1,8})?$/, "a unit code such as ECGYE or ECUIO-AIR")).max(200));

export const kpiSchema = z
  .strictObject({
    from: boundedDate().optional(),
    to: boundedDate().optional(),
    units: unitList.optional(),
    ...commodityFilter,
    format: z.enum(["json"], "the KPI tiles are JSON only").default("json"),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "is before from" });
  });
export type KpiInput = z.infer<typeof kpiSchema>;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The period asked (or the last 90 days up to today) and the one of equal length just before it. */
export function kpiPeriods(input: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = input.to ?? (input.from && input.from > isoDay(now.getTime()) ? input.from : isoDay(now.getTime()));
  const from = input.from ?? isoDay(dayMs(to) - (DEFAULT_KPI_DAYS - 1) * DAY);
  const days = Math.round((dayMs(to) - dayMs(from)) / DAY) + 1;
  const previous = { from: isoDay(dayMs(from) - days * DAY), to: isoDay(dayMs(from) - DAY) };
  return { current: { from, to, days }, previous: { ...previous, days } };
}

/** A figure now and before: the difference, and the relative change where the previous figure is not zero. */
function change(current: number, previous: number) {
  return { current, previous, difference: round(current - previous, 3), changePercent: previous === 0 ? null : round(((current - previous) * 100) / previous, 1) };
}
/** A rate now and before (percent or null when there is nothing to divide by): the change in percentage points. */
function rateChange(current: number | null, previous: number | null) {
  return { current, previous, changePoints: current === null || previous === null ? null : round(current - previous, 1) };
}
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const percent = (part: number, whole: number) => (whole === 0 ? null : round((part * 100) / whole, 1));

/** A period, and the commodity the seizure figures are narrowed to (undefined: every one). */
type Period = { from: string; to: string; commodity?: string | undefined };

async function byCommodity(services: Pick<Services, "pool">, scope: SummaryScope, period: Period) {
  const result = await services.pool.query<{ key: string; measure: string; n: number; amount: string }>(
    `WITH s AS (${SCOPED_SEIZURES(GROUP_SQL.commodity)})
     SELECT key, measure, count(*)::int AS n, round(sum(amount), 3) AS amount FROM s GROUP BY key, measure`,
    scopedParams(scope, period),
  );
  return result.rows.map((row) => ({ commodity: row.key, measure: row.measure, seizures: row.n, amount: Number(row.amount) }));
}

async function followUp(services: Pick<Services, "pool">, scope: SummaryScope, period: Period, now: Date) {
  const result = await services.pool.query<{ seizures: number; in_time: number; referred: number }>(
    `WITH s AS (${SCOPED_SEIZURES("'all'")}), f AS (${FOLLOW_UP(6)})
     SELECT count(*)::int AS seizures, count(*) FILTER (WHERE in_time)::int AS in_time, count(*) FILTER (WHERE referred)::int AS referred FROM f`,
    [...scopedParams(scope, period), now],
  );
  const row = result.rows[0] ?? { seizures: 0, in_time: 0, referred: 0 };
  return { seizures: row.seizures, referred: row.referred, referredInTime: row.in_time, referredInTimePercent: percent(row.in_time, row.seizures) };
}

/** Referrals overdue now, by the test the list the tile opens makes (overdue-now.ts): the same referrals, whenever the sweep last ran. */
async function overdueNow(services: Pick<Services, "pool">, scope: SummaryScope, now: Date, commodity: string | undefined): Promise<number> {
  const result = await services.pool.query<{ n: number }>(
    `WITH s AS (${SCOPED_SEIZURES("'all'")})
     SELECT count(*)::int AS n FROM s JOIN referral r ON r.seizure_id = s.id WHERE ${overdueAtSql("r", 6)}`,
    [...scopedParams(scope, { commodity }), now],
  );
  return result.rows[0]?.n ?? 0;
}

/**
 * Referrals overdue at the instant `at`: now, as the referral list says it;
 * an earlier instant (a past period's end) from the state each was in then
 * (its last event by then; drafted before any) and that step's deadline,
 * worked out as referral-states.ts does: drafted from the seizure, sent from
 * the sending, a running investigation from its last update. Closed and
 * declined owe nothing.
 */
async function overdueAt(services: Pick<Services, "pool">, scope: SummaryScope, at: Date, now: Date, commodity: string | undefined): Promise<number> {
  if (at.getTime() >= now.getTime()) return overdueNow(services, scope, now, commodity);
  const result = await services.pool.query<{ n: number }>(
    `WITH s AS (${SCOPED_SEIZURES("'all'")})
     SELECT count(*)::int AS n
       FROM s JOIN referral r ON r.seizure_id = s.id
       LEFT JOIN referral_deadlines d ON d.unit_id = s.unit_id
       LEFT JOIN LATERAL (SELECT e.to_status, e.at FROM referral_event e WHERE e.referral_id = r.id AND e.at <= $6
                           ORDER BY e.at DESC, e.seq DESC LIMIT 1) last ON true
      WHERE r.created_at <= $6
        AND COALESCE(last.to_status, 'drafted') NOT IN ('closed', 'declined')
        AND CASE COALESCE(last.to_status, 'drafted')
              WHEN 'drafted' THEN s.seized_at + make_interval(hours => COALESCE(d.send_hours, 48))
              WHEN 'sent' THEN COALESCE(r.sent_at, last.at) + make_interval(days => COALESCE(d.acknowledge_days, 7))
              ELSE last.at + make_interval(days => COALESCE(d.update_days, 30)) END < $6`,
    [...scopedParams(scope, { commodity }), at],
  );
  return result.rows[0]?.n ?? 0;
}

async function hitRate(services: Pick<Services, "pool">, scope: SummaryScope, period: Period) {
  const result = await services.pool.query<{ inspections: number; hits: number }>(
    `SELECT count(*)::int AS inspections, count(*) FILTER (WHERE i.outcome = 'seizure')::int AS hits
       FROM inspection i
      WHERE ${visibleInUnits("i", 1, 4)} AND i.inspected_at >= $2::date AND i.inspected_at < $3::date + 1`,
    // Every inspection, whatever the commodity chosen: one that found nothing has none.
    [scope.unitIds, period.from, period.to, scope.agencyId],
  );
  const row = result.rows[0] ?? { inspections: 0, hits: 0 };
  return { inspections: row.inspections, hits: row.hits, hitRatePercent: percent(row.hits, row.inspections) };
}

export async function kpiSummary(services: Pick<Services, "pool" | "now">, scope: SummaryScope, input: Pick<KpiInput, "from" | "to" | "commodity">) {
  const now = services.now();
  const { current, previous } = kpiPeriods(input, now);
  const periods = { current: { ...current, commodity: input.commodity }, previous: { ...previous, commodity: input.commodity } };
  // Overdue is a state at an instant: the end of each period, or now for a period still running.
  const endOf = (period: Period) => new Date(Math.min(dayMs(period.to) + DAY, now.getTime()));
  const [commoditiesNow, commoditiesBefore] = [await byCommodity(services, scope, periods.current), await byCommodity(services, scope, periods.previous)];
  const [followNow, followBefore] = [await followUp(services, scope, periods.current, now), await followUp(services, scope, periods.previous, now)];
  const [overdueThen, overdueBefore] = [await overdueAt(services, scope, endOf(periods.current), now, input.commodity), await overdueAt(services, scope, endOf(periods.previous), now, input.commodity)];
  const [hitsNow, hitsBefore] = [await hitRate(services, scope, periods.current), await hitRate(services, scope, periods.previous)];

  const commodities = [...new Set([...commoditiesNow, ...commoditiesBefore].map((r) => r.commodity))].map((commodity) => {
    const mine = (rows: typeof commoditiesNow) => rows.filter((r) => r.commodity === commodity);
    const measures = [...new Set([...mine(commoditiesNow), ...mine(commoditiesBefore)].map((r) => r.measure))].sort();
    const sum = (rows: typeof commoditiesNow, pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
    return {
      commodity,
      seizures: change(sum(mine(commoditiesNow), (r) => r.seizures), sum(mine(commoditiesBefore), (r) => r.seizures)),
      quantities: measures.map((measure) => ({
        measure,
        ...change(sum(mine(commoditiesNow).filter((r) => r.measure === measure), (r) => r.amount), sum(mine(commoditiesBefore).filter((r) => r.measure === measure), (r) => r.amount)),
      })),
    };
  });
  commodities.sort((a, b) => b.seizures.current - a.seizures.current || b.seizures.previous - a.seizures.previous || a.commodity.localeCompare(b.commodity));
  const total = (rows: typeof commoditiesNow) => rows.reduce((n, r) => n + r.seizures, 0);
  return {
    json: {
      report: "kpis",
      period: current,
      previousPeriod: previous,
      /** The commodity the seizures, follow-up and overdue figures are narrowed to; the hit rate counts every inspection. */
      commodity: input.commodity ?? null,
      units: scope.unitCodes,
      seizures: { ...change(total(commoditiesNow), total(commoditiesBefore)), byCommodity: commodities },
      referralFollowUp: { ...rateChange(followNow.referredInTimePercent, followBefore.referredInTimePercent), now: followNow, before: followBefore },
      overdueReferrals: { ...change(overdueThen, overdueBefore), asOf: { current: endOf(periods.current).toISOString(), previous: endOf(periods.previous).toISOString() } },
      inspectionHitRate: { ...rateChange(hitsNow.hitRatePercent, hitsBefore.hitRatePercent), now: hitsNow, before: hitsBefore },
    },
    csv: (): string => {
      throw new Error("the KPI tiles have no CSV: each block of the dashboard exports its own summary");
    },
  };
}
