// Use cases: move a referral to its next state, or record a status update.
// Each is a dated, attributed event; an illegal move is a 409 that lists the
// moves allowed from the current state.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { withTransaction, type PoolClient } from "../db/pool.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import { isUuid } from "../ids.js";
import { visibleTo } from "../auth/sharing-filter.js";
import { notify } from "../notifications/notify.js";
import type { Services } from "../services.js";
import { getReferral } from "./get-referral.js";
import { loadDeadlines } from "./referral-deadlines.js";
import type { TransitionInput } from "./referral-schemas.js";
import { dueAtFor, TRANSITIONS, type ReferralStatus } from "./referral-states.js";

interface Locked {
  status: ReferralStatus;
  seized_at: Date;
  sent_at: Date | null;
  last_update_at: Date;
  recipient_unit_id: string | null;
  commodity: string;
  unit_code: string;
}

async function lockReferral(client: PoolClient, unit: UnitScope, principal: Principal, referralId: string): Promise<Locked> {
  if (!isUuid(referralId)) throw notFound(`referral ${referralId}`);
  const result = await client.query<Locked>(
    `SELECT r.status, z.seized_at, r.sent_at, r.last_update_at, r.recipient_unit_id, z.commodity, u.code AS unit_code
       FROM referral r JOIN seizure z ON z.id = r.seizure_id JOIN control_unit u ON u.id = r.unit_id
      WHERE r.id = $1 AND r.unit_id = $2 AND ${visibleTo("z", 3)} FOR UPDATE OF r`,
    [referralId, unit.id, principal.agencyId],
  );
  const row = result.rows[0];
  if (!row) throw notFound(`referral ${referralId}`);
  return row;
}

function eventTime(at: string | undefined, now: Date, lastUpdateAt: Date): Date {
  if (!at) return now;
  const when = new Date(at);
  if (when.getTime() > now.getTime() + 5 * 60_000) throw validationFailed([{ path: "at", message: "is in the future" }]);
  if (when < lastUpdateAt) throw validationFailed([{ path: "at", message: `is before the referral's last change (${lastUpdateAt.toISOString()})` }]);
  return when;
}

export async function transitionReferral(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  referralId: string,
  input: TransitionInput,
  actor: AuditActor,
) {
  await withTransaction(services.pool, async (client) => {
    const current = await lockReferral(client, unit, principal, referralId);
    const allowed = TRANSITIONS[current.status];
    if (!allowed.includes(input.to)) {
      throw conflict(`a referral that is ${current.status} cannot become ${input.to}`, { status: current.status, allowed });
    }
    const at = eventTime(input.at, services.now(), current.last_update_at);
    const sentAt = input.to === "sent" ? at : current.sent_at;
    const dueAt = dueAtFor(input.to, { seizedAt: current.seized_at, sentAt, lastUpdateAt: at }, await loadDeadlines(client, unit.id));
    await client.query(
      `UPDATE referral SET status = $2::referral_status, last_update_at = $3, due_at = $4, overdue_since = NULL,
              sent_at = CASE WHEN $2::referral_status = 'sent' THEN $3::timestamptz ELSE sent_at END,
              acknowledged_at = CASE WHEN $2::referral_status = 'acknowledged' THEN $3::timestamptz ELSE acknowledged_at END,
              outcome = CASE WHEN $2::referral_status IN ('closed', 'declined') THEN $5::text ELSE outcome END
        WHERE id = $1`,
      [referralId, input.to, at, dueAt, input.outcome ?? input.note ?? null],
    );
    await client.query(
      `INSERT INTO referral_event (id, referral_id, from_status, to_status, note, at, actor_id, actor_name)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
      [referralId, current.status, input.to, input.note ?? null, at, principal.userId, principal.username],
    );
    if (input.to === "sent" && current.recipient_unit_id) {
      await notify(client, {
        unitId: current.recipient_unit_id,
        kind: "referral_received",
        message: `${current.unit_code} referred a ${current.commodity} seizure to your unit`,
        params: { unit: current.unit_code, commodity: current.commodity },
        entityType: "referral",
        entityId: referralId,
        dedupeKey: `referral-received:${referralId}`,
        at,
      });
    }
    await recordAudit(client, actor, {
      action: "referral.transitioned",
      entityType: "referral",
      entityId: referralId,
      unitId: unit.id,
      before: { status: current.status },
      after: { status: input.to, at, outcome: input.outcome ?? null, dueAt },
    });
  });
  return getReferral(services.pool, unit, principal, referralId, services.now());
}

/** A status update without a change of state: it restarts the update clock of a running investigation. */
export async function addReferralUpdate(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  referralId: string,
  note: string,
  actor: AuditActor,
) {
  await withTransaction(services.pool, async (client) => {
    const current = await lockReferral(client, unit, principal, referralId);
    const at = services.now();
    const dueAt = dueAtFor(current.status, { seizedAt: current.seized_at, sentAt: current.sent_at, lastUpdateAt: at }, await loadDeadlines(client, unit.id));
    // Only a running investigation owes periodic updates; earlier steps keep their deadline.
    const restarts = current.status !== "drafted" && current.status !== "sent" && dueAt !== null;
    await client.query(
      `UPDATE referral SET last_update_at = $2,
              due_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE due_at END,
              overdue_since = CASE WHEN $3::boolean THEN NULL ELSE overdue_since END
        WHERE id = $1`,
      [referralId, at, restarts, dueAt],
    );
    await client.query(
      `INSERT INTO referral_event (id, referral_id, from_status, to_status, note, at, actor_id, actor_name)
       VALUES (gen_random_uuid(), $1, $2, $2, $3, $4, $5, $6)`,
      [referralId, current.status, note, at, principal.userId, principal.username],
    );
    await recordAudit(client, actor, { action: "referral.updated", entityType: "referral", entityId: referralId, unitId: unit.id, details: { status: current.status } });
  });
  return getReferral(services.pool, unit, principal, referralId, services.now());
}
