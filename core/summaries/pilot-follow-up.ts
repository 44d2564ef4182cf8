// Pilot mode: every cocaine and heroin seizure of the past 12 months in the
// manager's scope, with its referrals, what they achieved, and the gaps;
// optionally narrowed to a period, one of the two drugs, or a kind of gap.
import { visibleInUnits } from "../auth/sharing-filter.js";
import { overdueAtSql } from "../referrals/overdue-now.js";
import type { Services } from "../services.js";
import { toCsv } from "./csv.js";
import { FOLLOW_UP } from "./referral-summary.js";
import type { PILOT_GAPS, PilotInput } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

type PilotGap = (typeof PILOT_GAPS)[number];

interface Row {
  id: string;
  unit: string;
  country: string;
  commodity: string;
  quantity: number;
  quantity_unit: string;
  seized_at: Date;
  persons_arrested: number;
  referred: boolean;
  in_time: boolean;
  acknowledged: boolean;
  investigation: boolean;
  controlled_delivery: boolean;
  prosecution: boolean;
  overdue: number;
  referrals: { id: string; recipientKind: string; recipientName: string; status: string; dueAt: string | null; overdue: boolean }[];
}

/** What is missing in a seizure's follow-up, in the order a manager would chase it. */
function gapsOf(row: Row): PilotGap[] {
  const gaps: PilotGap[] = [];
  if (!row.referred) gaps.push("not_referred");
  else if (!row.in_time) gaps.push("referred_late");
  if (row.referred && !row.acknowledged) gaps.push("not_acknowledged");
  if (row.acknowledged && !row.investigation) gaps.push("no_investigation");
  if (row.overdue > 0) gaps.push("overdue_referrals");
  return gaps;
}

function followUpMatches(gaps: readonly PilotGap[], wanted: PilotInput["followUp"]): boolean {
  if (!wanted) return true;
  if (wanted === "gaps") return gaps.length > 0;
  if (wanted === "complete") return gaps.length === 0;
  return gaps.includes(wanted);
}

export async function pilotFollowUp(services: Pick<Services, "pool" | "now">, scope: SummaryScope, input: PilotInput) {
  const now = services.now();
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const result = await services.pool.query<Row>(
    `WITH s AS (
       SELECT z.*, z.id::text AS key FROM seizure z
        WHERE ${visibleInUnits("z", 1, 7)} AND z.commodity IN ('cocaine', 'heroin') AND z.seized_at >= $2 AND z.seized_at <= $3
          AND ($4::date IS NULL OR z.seized_at >= $4::date) AND ($5::date IS NULL OR z.seized_at < $5::date + 1)
          AND ($6::text IS NULL OR z.commodity::text = $6)),
     f AS (${FOLLOW_UP(3)})
     SELECT s.id, u.code AS unit, u.country::text AS country, s.commodity, s.quantity, s.quantity_unit, s.seized_at, s.persons_arrested,
            f.referred, f.in_time, f.acknowledged, f.investigation, f.controlled_delivery, f.prosecution, f.overdue,
            COALESCE((SELECT json_agg(json_build_object('id', r.id, 'recipientKind', r.recipient_kind, 'recipientName', r.recipient_name,
                                                        'status', r.status, 'dueAt', r.due_at, 'overdue', ${overdueAtSql("r", 3)})
                                      ORDER BY r.created_at) FROM referral r WHERE r.seizure_id = s.id), '[]') AS referrals
       FROM s JOIN f ON f.id = s.id JOIN control_unit u ON u.id = s.unit_id
      ORDER BY s.seized_at DESC, s.id`,
    [scope.unitIds, since, now, input.from ?? null, input.to ?? null, input.commodity ?? null, scope.agencyId],
  );
  const all = result.rows.map((row) => ({
    seizureId: row.id,
    unit: row.unit,
    country: row.country,
    commodity: row.commodity,
    quantity: row.quantity,
    quantityUnit: row.quantity_unit,
    seizedAt: row.seized_at,
    personsArrested: row.persons_arrested,
    followUp: {
      referred: row.referred,
      referredInTime: row.in_time,
      acknowledged: row.acknowledged,
      investigationOpened: row.investigation,
      controlledDelivery: row.controlled_delivery,
      prosecution: row.prosecution,
      overdueReferrals: row.overdue,
    },
    referrals: row.referrals,
    gaps: gapsOf(row),
  }));
  const items = all.filter((item) => followUpMatches(item.gaps, input.followUp));
  type I = (typeof items)[number];
  return {
    json: {
      report: "pilot",
      since,
      period: { from: input.from ?? null, to: input.to ?? null },
      commodity: input.commodity ?? null,
      followUp: input.followUp ?? null,
      units: scope.unitCodes,
      items,
    },
    csv: () =>
      toCsv<I>(
        [
          { header: "seizure_id", value: (i) => i.seizureId },
          { header: "unit", value: (i) => i.unit },
          { header: "country", value: (i) => i.country },
          { header: "commodity", value: (i) => i.commodity },
          { header: "quantity", value: (i) => i.quantity },
          { header: "quantity_unit", value: (i) => i.quantityUnit },
          { header: "seized_at", value: (i) => i.seizedAt.toISOString() },
          { header: "persons_arrested", value: (i) => i.personsArrested },
          { header: "referrals", value: (i) => i.referrals.map((r) => `${r.recipientKind}:${r.status}`).join(" ") },
          { header: "gaps", value: (i) => i.gaps.join(" ") },
        ],
        items,
      ),
  };
}
