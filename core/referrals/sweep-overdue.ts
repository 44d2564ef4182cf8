// Use case (maintenance job): mark referrals whose current step is past due
// and notify their unit. Running it again changes nothing: a referral is
// marked once per step (its next transition clears the mark) and each
// notification has a dedupe key.
import { recordAudit } from "../audit/record-audit.js";
import { withTransaction } from "../db/pool.js";
import type { Services } from "../services.js";
import { overdueAtSql } from "./overdue-now.js";

export interface SweepResult {
  markedOverdue: number;
  notified: number;
}

/** `unitIds` (a worker's WORKER_UNITS; an empty list sweeps none) keeps the sweep to those units' referrals. */
export async function sweepOverdueReferrals(
  services: Pick<Services, "pool" | "now" | "logger">,
  scope: { unitIds?: readonly string[] | undefined } = {},
): Promise<SweepResult> {
  const now = services.now();
  return withTransaction(services.pool, async (client) => {
    const result = await client.query<{ marked: number; notified: number }>(
      `WITH marked AS (
         UPDATE referral r SET overdue_since = $1
          WHERE ${overdueAtSql("r", 1)} AND r.overdue_since IS NULL
            AND ($2::uuid[] IS NULL OR r.unit_id = ANY($2::uuid[]))
         RETURNING r.id, r.unit_id, r.seizure_id, r.status, r.due_at, r.recipient_name),
       notified AS (
         INSERT INTO notification (id, unit_id, kind, message, params, entity_type, entity_id, dedupe_key, created_at)
         SELECT gen_random_uuid(), m.unit_id, 'referral_overdue',
                format('Referral of the %s seizure to %s is overdue: step %s was due %s', z.commodity, m.recipient_name,
                       m.status, to_char(m.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
                jsonb_build_object('commodity', z.commodity::text, 'recipient', coalesce(m.recipient_name, ''), 'status', m.status::text,
                                   'dueAt', to_char(m.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                'referral', m.id, format('referral-overdue:%s:%s:%s', m.id, m.status, extract(epoch FROM m.due_at)), $1
           FROM marked m JOIN seizure z ON z.id = m.seizure_id
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1)
       SELECT (SELECT count(*) FROM marked)::int AS marked, (SELECT count(*) FROM notified)::int AS notified`,
      [now, scope.unitIds ?? null],
    );
    const row = result.rows[0] ?? { marked: 0, notified: 0 };
    if (row.marked > 0) {
      await recordAudit(client, { name: "referral-sweep" }, { action: "referral.overdue_marked", entityType: "referral", details: { count: row.marked, at: now } });
      services.logger.info({ marked: row.marked }, "overdue referrals marked");
    }
    return { markedOverdue: row.marked, notified: row.notified };
  });
}
