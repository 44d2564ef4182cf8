// Referral follow-up of the seizures in scope: how many were referred, in
// time (first sending within the unit's send deadline after the seizure),
// acknowledged, and led to an investigation, a controlled delivery, a
// prosecution; arrests; referrals overdue now. Aggregated in SQL.
import { overdueAtSql } from "../referrals/overdue-now.js";
import type { Services } from "../services.js";
import { toCsv } from "./csv.js";
import { SCOPED_SEIZURES, scopedParams } from "./seizure-summary.js";
import { GROUP_SQL, type ReferralSummaryInput } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

/**
 * Per seizure of `s` (already filtered by sharing): what its referrals
 * achieved, and how many are overdue at `$nowParam` (the request's now, as
 * the referral lists judge it: overdue-now.ts). Shared with the pilot list.
 */
export const FOLLOW_UP = (nowParam: number) => `
  SELECT s.id, s.key, s.persons_arrested,
         COALESCE(bool_or(r.sent_at IS NOT NULL), false) AS referred,
         COALESCE(bool_or(r.sent_at <= s.seized_at + make_interval(hours => COALESCE(d.send_hours, 48))), false) AS in_time,
         COALESCE(bool_or(r.acknowledged_at IS NOT NULL), false) AS acknowledged,
         COALESCE(bool_or(ev.investigation), false) AS investigation,
         COALESCE(bool_or(ev.controlled_delivery), false) AS controlled_delivery,
         COALESCE(bool_or(ev.prosecution), false) AS prosecution,
         count(r.id) FILTER (WHERE ${overdueAtSql("r", nowParam)})::int AS overdue
    FROM s LEFT JOIN referral_deadlines d ON d.unit_id = s.unit_id
    LEFT JOIN referral r ON r.seizure_id = s.id
    LEFT JOIN LATERAL (
      SELECT bool_or(e.to_status = 'investigation_opened') AS investigation,
             bool_or(e.to_status = 'controlled_delivery') AS controlled_delivery,
             bool_or(e.to_status = 'prosecution') AS prosecution
        FROM referral_event e WHERE e.referral_id = r.id) ev ON true
   GROUP BY s.id, s.key, s.persons_arrested`;

interface Row {
  key: string;
  seizures: number;
  referred: number;
  referred_in_time: number;
  acknowledged: number;
  investigations: number;
  controlled_deliveries: number;
  prosecutions: number;
  arrests: number;
  overdue_referrals: number;
  referred_in_time_percent: number | null;
  acknowledged_percent: number | null;
}

export async function referralSummary(services: Pick<Services, "pool" | "now">, scope: SummaryScope, input: ReferralSummaryInput) {
  const result = await services.pool.query<Row>(
    `WITH s AS (${SCOPED_SEIZURES(GROUP_SQL[input.groupBy])}), f AS (${FOLLOW_UP(6)})
     SELECT key, count(*)::int AS seizures,
            count(*) FILTER (WHERE referred)::int AS referred,
            count(*) FILTER (WHERE in_time)::int AS referred_in_time,
            count(*) FILTER (WHERE acknowledged)::int AS acknowledged,
            count(*) FILTER (WHERE investigation)::int AS investigations,
            count(*) FILTER (WHERE controlled_delivery)::int AS controlled_deliveries,
            count(*) FILTER (WHERE prosecution)::int AS prosecutions,
            COALESCE(sum(persons_arrested), 0)::int AS arrests,
            COALESCE(sum(overdue), 0)::int AS overdue_referrals,
            round(count(*) FILTER (WHERE in_time) * 100.0 / NULLIF(count(*), 0), 1) AS referred_in_time_percent,
            round(count(*) FILTER (WHERE acknowledged) * 100.0 / NULLIF(count(*) FILTER (WHERE referred), 0), 1) AS acknowledged_percent
       FROM f GROUP BY key ORDER BY seizures DESC, key`,
    [...scopedParams(scope, input), services.now()],
  );
  const rows = result.rows.map((row) => ({
    key: row.key,
    seizures: row.seizures,
    referred: row.referred,
    referredInTime: row.referred_in_time,
    referredInTimePercent: row.referred_in_time_percent,
    acknowledged: row.acknowledged,
    /** Of the seizures referred. */
    acknowledgedPercent: row.acknowledged_percent,
    investigationsOpened: row.investigations,
    controlledDeliveries: row.controlled_deliveries,
    prosecutions: row.prosecutions,
    personsArrested: row.arrests,
    overdueReferrals: row.overdue_referrals,
  }));
  type R = (typeof rows)[number];
  return {
    json: { report: "referrals", groupBy: input.groupBy, period: { from: input.from ?? null, to: input.to ?? null }, units: scope.unitCodes, rows },
    csv: () =>
      toCsv<R>(
        [
          { header: input.groupBy, value: (r) => r.key },
          { header: "seizures", value: (r) => r.seizures },
          { header: "referred", value: (r) => r.referred },
          { header: "referred_in_time", value: (r) => r.referredInTime },
          { header: "referred_in_time_percent", value: (r) => r.referredInTimePercent },
          { header: "acknowledged", value: (r) => r.acknowledged },
          { header: "acknowledged_percent", value: (r) => r.acknowledgedPercent },
          { header: "investigations_opened", value: (r) => r.investigationsOpened },
          { header: "controlled_deliveries", value: (r) => r.controlledDeliveries },
          { header: "prosecutions", value: (r) => r.prosecutions },
          { header: "persons_arrested", value: (r) => r.personsArrested },
          { header: "overdue_referrals", value: (r) => r.overdueReferrals },
        ],
        rows,
      ),
  };
}
