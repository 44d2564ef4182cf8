// Reading referrals with their dated, attributed history and the states they
// may move to. Visibility follows the seizure's sharing level.
import type { Principal, UnitScope } from "../auth/principal.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { notFound } from "../errors.js";
import { isUuid } from "../ids.js";
import { visibleTo } from "../auth/sharing-filter.js";
import type { ListReferralsInput, ScopedReferralsInput } from "./referral-schemas.js";
import { overdueAtSql } from "./overdue-now.js";
import { TRANSITIONS, type ReferralStatus } from "./referral-states.js";

interface ReferralRow {
  id: string;
  seizure_id: string;
  commodity: string;
  quantity: string;
  quantity_unit: string;
  seized_at: Date;
  shipment_id: string;
  container_number: string | null;
  bill_of_lading: string;
  recipient_kind: string;
  recipient_name: string;
  recipient_unit: string | null;
  notice_type: string | null;
  status: ReferralStatus;
  outcome: string | null;
  due_at: Date | null;
  overdue: boolean;
  sent_at: Date | null;
  acknowledged_at: Date | null;
  last_update_at: Date;
  created_at: Date;
  unit_code: string;
}

/** `$nowParam`: the request's now, the instant "overdue" is judged at (overdue-now.ts). */
const SELECT = (nowParam: number) => `
  SELECT r.id, r.seizure_id, z.commodity, z.quantity::text AS quantity, z.quantity_unit, z.seized_at,
         z.shipment_id, s.container_number, s.bill_of_lading, r.recipient_kind, r.recipient_name, ru.code AS recipient_unit, r.notice_type, r.status,
         r.outcome, r.due_at, ${overdueAtSql("r", nowParam)} AS overdue, r.sent_at, r.acknowledged_at, r.last_update_at, r.created_at, u.code AS unit_code
    FROM referral r JOIN seizure z ON z.id = r.seizure_id JOIN shipment s ON s.id = z.shipment_id
    JOIN control_unit u ON u.id = r.unit_id
    LEFT JOIN control_unit ru ON ru.id = r.recipient_unit_id`;

const toView = (row: ReferralRow) => ({
  id: row.id,
  /** The unit that referred it (a manager's list spans units). */
  unitCode: row.unit_code,
  seizureId: row.seizure_id,
  commodity: row.commodity,
  /** What the referral is about, so a reader can go back to the box, its B/L and the seizure. */
  seizure: { id: row.seizure_id, commodity: row.commodity, quantity: Number(row.quantity), quantityUnit: row.quantity_unit, seizedAt: row.seized_at },
  shipment: { id: row.shipment_id, containerNumber: row.container_number, billOfLading: row.bill_of_lading },
  recipient: { kind: row.recipient_kind, name: row.recipient_name, unitCode: row.recipient_unit, noticeType: row.notice_type },
  status: row.status,
  outcome: row.outcome,
  allowed: TRANSITIONS[row.status],
  dueAt: row.due_at,
  /** Its step was due before the request's now and it is still open: the same test the dashboard's count makes. */
  overdue: row.overdue,
  /** When it became overdue: its step's due date. */
  overdueSince: row.overdue ? row.due_at : null,
  sentAt: row.sent_at,
  acknowledgedAt: row.acknowledged_at,
  lastUpdateAt: row.last_update_at,
  createdAt: row.created_at,
});
export type ReferralView = ReturnType<typeof toView>;

export async function getReferral(db: Pool | PoolClient, unit: UnitScope, principal: Principal, referralId: string, now: Date) {
  if (!isUuid(referralId)) throw notFound(`referral ${referralId}`);
  const result = await db.query<ReferralRow>(`${SELECT(4)} WHERE r.id = $1 AND r.unit_id = $2 AND ${visibleTo("z", 3)}`, [referralId, unit.id, principal.agencyId, now]);
  const row = result.rows[0];
  if (!row) throw notFound(`referral ${referralId}`);
  const events = await db.query<{ from_status: string | null; to_status: string; note: string | null; at: Date; actor_name: string | null }>(
    "SELECT from_status, to_status, note, at, actor_name FROM referral_event WHERE referral_id = $1 ORDER BY at, seq",
    [referralId],
  );
  return {
    ...toView(row),
    events: events.rows.map((e) => ({
      kind: e.from_status === e.to_status ? "update" : "transition",
      from: e.from_status,
      to: e.to_status,
      note: e.note,
      at: e.at,
      by: e.actor_name,
    })),
  };
}

export async function listReferrals(db: Pool, unit: UnitScope, principal: Principal, filters: ListReferralsInput, now: Date) {
  const result = await db.query<ReferralRow>(
    `${SELECT(7)}
      WHERE r.unit_id = $1 AND ${visibleTo("z", 2)}
        AND ($3::referral_status IS NULL OR r.status = $3)
        AND ($4::boolean IS NULL OR ${overdueAtSql("r", 7)} = $4)
        AND ($5::uuid IS NULL OR r.seizure_id = $5)
      ORDER BY r.due_at NULLS LAST, r.id LIMIT $6`,
    [unit.id, principal.agencyId, filters.status ?? null, filters.overdue ?? null, filters.seizureId ?? null, filters.limit, now],
  );
  return { items: result.rows.map(toView) };
}

/**
 * A manager's referrals over the units their memberships cover (narrowed by
 * `units`), of the seizures their agency may read and, optionally, of one
 * commodity: the list the dashboard's overdue count opens, overdue first due.
 */
export async function listReferralsInUnits(db: Pool, unitIds: readonly string[], principal: Principal, filters: Omit<ScopedReferralsInput, "units">, now: Date) {
  const result = await db.query<ReferralRow>(
    `${SELECT(7)}
      WHERE r.unit_id = ANY($1::uuid[]) AND ${visibleTo("z", 2)}
        AND ($3::referral_status IS NULL OR r.status = $3)
        AND ($4::boolean IS NULL OR ${overdueAtSql("r", 7)} = $4)
        AND ($5::text IS NULL OR z.commodity::text = $5)
      ORDER BY r.due_at NULLS LAST, r.id LIMIT $6`,
    [unitIds, principal.agencyId, filters.status ?? null, filters.overdue ?? null, filters.commodity ?? null, filters.limit, now],
  );
  return { items: result.rows.map(toView) };
}
