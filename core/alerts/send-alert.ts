// Use case: a unit alerts chosen units of its programme about a container,
// B/L, party or route, or shares a seizure report. Receiving units are
// notified and their matching shipments flagged at once; shipments they
// receive later are flagged when scored (core/scoring/score-shipments.ts).
import { randomUUID } from "node:crypto";
import { normalizePartyName, normalizeText } from "../../profiling/features/normalize.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { visibleTo } from "../auth/sharing-filter.js";
import { withTransaction } from "../db/pool.js";
import { validationFailed, type FieldError } from "../errors.js";
import { notify } from "../notifications/notify.js";
import type { Services } from "../services.js";
import { matchKeyOf, type SendAlertInput } from "./alert-schemas.js";
import { getAlert } from "./alert-inbox.js";
import { matchAlert } from "./match-alerts.js";

export async function sendAlert(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  input: SendAlertInput,
  actor: AuditActor,
) {
  const id = randomUUID();
  const now = services.now();
  await withTransaction(services.pool, async (client) => {
    const errors: FieldError[] = [];
    const codes = input.recipients.map((code) => code.toUpperCase());
    const units = await client.query<{ id: string; code: string }>(
      "SELECT id, code FROM control_unit WHERE code = ANY($1::text[]) AND programme = $2",
      [codes, unit.programme],
    );
    const byCode = new Map(units.rows.map((row) => [row.code, row.id]));
    codes.forEach((code, index) => {
      if (code === unit.code) errors.push({ path: `recipients[${index}]`, message: "is your own unit" });
      else if (!byCode.has(code)) errors.push({ path: `recipients[${index}]`, message: `no unit ${code} in the ${unit.programme} programme` });
    });
    if (input.seizureId) {
      // A seizure the sender's agency may not read is, to them, no seizure at all.
      const seizure = await client.query<{ sharing: string }>(`SELECT z.sharing FROM seizure z WHERE z.id = $1 AND z.unit_id = $2 AND ${visibleTo("z", 3)}`, [
        input.seizureId,
        unit.id,
        principal.agencyId,
      ]);
      const found = seizure.rows[0];
      if (!found) errors.push({ path: "seizureId", message: "no such seizure in your unit" });
      else if (found.sharing !== "unit") errors.push({ path: "seizureId", message: "an agency-only seizure cannot be shared with other units" });
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) errors.push({ path: "expiresAt", message: "is already past" });
    if (errors.length > 0) throw validationFailed(errors, `${errors.length} field(s) are not valid`);

    const { key, country } = matchKeyOf(input.subject, normalizePartyName);
    const subject = input.subject.kind === "party" ? { ...input.subject, normalizedName: normalizeText(input.subject.name) } : input.subject;
    await client.query(
      `INSERT INTO alert (id, from_unit_id, subject_kind, subject, match_key, match_country, message, seizure_id, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [id, unit.id, input.subject.kind, JSON.stringify(subject), key, country, input.message, input.seizureId ?? null, principal.userId, now, expiresAt],
    );
    const recipientIds = [...new Set(byCode.values())];
    await client.query("INSERT INTO alert_recipient (alert_id, unit_id) SELECT $1, unnest($2::uuid[])", [id, recipientIds]);
    for (const recipientId of recipientIds) {
      await notify(client, {
        unitId: recipientId,
        kind: "alert_received",
        message: `${unit.code} sent an alert (${input.subject.kind}): ${input.message.slice(0, 200)}`,
        params: { unit: unit.code, subject: input.subject.kind, text: input.message.slice(0, 200) },
        entityType: "alert",
        entityId: id,
        dedupeKey: `alert-received:${id}:${recipientId}`,
        at: now,
      });
    }
    const matched = await matchAlert(client, id, now);
    await recordAudit(client, actor, {
      action: "alert.sent",
      entityType: "alert",
      entityId: id,
      unitId: unit.id,
      after: { subject: input.subject, recipients: codes, seizureId: input.seizureId ?? null, matched },
    });
  });
  return getAlert(services, unit, id);
}
