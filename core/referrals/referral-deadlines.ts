// A unit's referral deadlines: its own row, or the programme defaults.
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction, type Pool, type PoolClient } from "../db/pool.js";
import type { Services } from "../services.js";
import { DEFAULT_DEADLINES, type ReferralDeadlines } from "./referral-states.js";

export const deadlinesSchema = z.strictObject({
  sendHours: z.number().int("whole hours").min(1).max(24 * 90),
  acknowledgeDays: z.number().int("whole days").min(1).max(365),
  updateDays: z.number().int("whole days").min(1).max(365),
});

export async function loadDeadlines(db: Pool | PoolClient, unitId: string): Promise<ReferralDeadlines> {
  const result = await db.query<ReferralDeadlines>(
    `SELECT send_hours AS "sendHours", acknowledge_days AS "acknowledgeDays", update_days AS "updateDays"
       FROM referral_deadlines WHERE unit_id = $1`,
    [unitId],
  );
  return result.rows[0] ?? DEFAULT_DEADLINES;
}

/**
 * Changes the unit's deadlines. Open referrals keep their current due date
 * until their next step: a deadline is a promise made when the step began.
 */
export async function setDeadlines(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  deadlines: ReferralDeadlines,
  actor: AuditActor,
): Promise<ReferralDeadlines> {
  return withTransaction(services.pool, async (client) => {
    const before = await loadDeadlines(client, unit.id);
    await client.query(
      `INSERT INTO referral_deadlines (unit_id, send_hours, acknowledge_days, update_days, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (unit_id) DO UPDATE SET send_hours = $2, acknowledge_days = $3, update_days = $4, updated_at = $5, updated_by = $6`,
      [unit.id, deadlines.sendHours, deadlines.acknowledgeDays, deadlines.updateDays, services.now(), actor.principal?.userId ?? null],
    );
    await recordAudit(client, actor, { action: "referral_deadlines.updated", entityType: "unit", entityId: unit.id, unitId: unit.id, before, after: deadlines });
    return deadlines;
  });
}
