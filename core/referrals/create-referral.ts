// Use case: refer a seizure to a recipient. The referral starts as a draft,
// due to be sent within the unit's send deadline after the seizure.
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import { isUuid } from "../ids.js";
import { visibleTo } from "../auth/sharing-filter.js";
import type { Services } from "../services.js";
import { getReferral } from "./get-referral.js";
import { loadDeadlines } from "./referral-deadlines.js";
import type { CreateReferralInput } from "./referral-schemas.js";
import { dueAtFor } from "./referral-states.js";

export async function createReferral(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  seizureId: string,
  input: CreateReferralInput,
  actor: AuditActor,
) {
  if (!isUuid(seizureId)) throw notFound(`seizure ${seizureId}`);
  const id = randomUUID();
  const now = services.now();
  await withTransaction(services.pool, async (client) => {
    const seizure = await client.query<{ seized_at: Date }>(
      `SELECT z.seized_at FROM seizure z WHERE z.id = $1 AND z.unit_id = $2 AND ${visibleTo("z", 3)}`,
      [seizureId, unit.id, principal.agencyId],
    );
    const found = seizure.rows[0];
    if (!found) throw notFound(`seizure ${seizureId}`);
    let recipientUnitId: string | null = null;
    let recipientName = input.recipient.name ?? "";
    if (input.recipient.unitCode) {
      const target = await client.query<{ id: string; name: string }>(
        "SELECT id, name FROM control_unit WHERE code = $1 AND programme = $2 AND id <> $3",
        [input.recipient.unitCode, unit.programme, unit.id],
      );
      const row = target.rows[0];
      if (!row) throw validationFailed([{ path: "recipient.unitCode", message: `no other unit ${input.recipient.unitCode} in the ${unit.programme} programme` }]);
      recipientUnitId = row.id;
      recipientName ||= row.name;
    }
    // One open referral per seizure and recipient: a second "Refer" to the same one is a duplicate, not a new case.
    const open = await client.query<{ id: string }>(
      `SELECT id FROM referral WHERE seizure_id = $1 AND status NOT IN ('closed', 'declined')
          AND recipient_kind = $2 AND (recipient_unit_id = $3 OR ($3::uuid IS NULL AND recipient_unit_id IS NULL AND lower(recipient_name) = lower($4))) LIMIT 1`,
      [seizureId, input.recipient.kind, recipientUnitId, recipientName],
    );
    if (open.rows[0]) throw conflict("this seizure already has an open referral to that recipient", { referralId: open.rows[0].id });
    const dueAt = dueAtFor("drafted", { seizedAt: found.seized_at, sentAt: null, lastUpdateAt: now }, await loadDeadlines(client, unit.id));
    await client.query(
      `INSERT INTO referral (id, seizure_id, unit_id, recipient_kind, recipient_name, recipient_unit_id, notice_type, status,
                             due_at, last_update_at, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'drafted', $8, $9, $10, $9)`,
      [id, seizureId, unit.id, input.recipient.kind, recipientName, recipientUnitId, input.recipient.noticeType ?? null, dueAt, now, principal.userId],
    );
    await client.query(
      `INSERT INTO referral_event (id, referral_id, from_status, to_status, note, at, actor_id, actor_name)
       VALUES (gen_random_uuid(), $1, NULL, 'drafted', $2, $3, $4, $5)`,
      [id, input.note ?? null, now, principal.userId, principal.username],
    );
    await recordAudit(client, actor, {
      action: "referral.created",
      entityType: "referral",
      entityId: id,
      unitId: unit.id,
      after: { seizureId, recipient: input.recipient, dueAt },
    });
  });
  return getReferral(services.pool, unit, principal, id, services.now());
}
