// A unit's alerts: the inbox (received) and sent box, one alert with its
// replies, the unit's own flagged shipments and any shared seizure report,
// acknowledgements and replies. An alert exists only for its sender and
// recipients (404 for any other unit).
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { sharedBeyondUnit } from "../auth/sharing-filter.js";
import { withTransaction, type Pool, type PoolClient } from "../db/pool.js";
import { conflict, notFound } from "../errors.js";
import { isUuid } from "../ids.js";
import { SHIPMENT_IN_FORCE_SQL } from "../manifests/manifest-versions.js";
import { notify } from "../notifications/notify.js";
import type { Services } from "../services.js";
import type { ListAlertsInput } from "./alert-schemas.js";

async function roleOf(db: Pool | PoolClient, unit: UnitScope, alertId: string): Promise<{ role: "sender" | "recipient"; fromUnitId: string }> {
  if (!isUuid(alertId)) throw notFound(`alert ${alertId}`);
  const result = await db.query<{ from_unit_id: string; is_recipient: boolean }>(
    `SELECT a.from_unit_id, EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND r.unit_id = $2) AS is_recipient
       FROM alert a WHERE a.id = $1`,
    [alertId, unit.id],
  );
  const row = result.rows[0];
  if (!row || (row.from_unit_id !== unit.id && !row.is_recipient)) throw notFound(`alert ${alertId}`);
  return { role: row.from_unit_id === unit.id ? "sender" : "recipient", fromUnitId: row.from_unit_id };
}

// The seizure an alert carries is named only while it may leave its unit.
const ALERT_FIELDS = `a.id, a.subject_kind, a.subject, a.message, a.created_at, a.expires_at,
  (SELECT z.id FROM seizure z WHERE z.id = a.seizure_id AND ${sharedBeyondUnit("z")}) AS seizure_id, fu.code AS from_unit,
  (SELECT json_agg(json_build_object('unitCode', ru.code, 'acknowledgedAt', r.acknowledged_at) ORDER BY ru.code)
     FROM alert_recipient r JOIN control_unit ru ON ru.id = r.unit_id WHERE r.alert_id = a.id) AS recipients,
  (SELECT count(*)::int FROM alert_reply rp WHERE rp.alert_id = a.id) AS reply_count`;

interface AlertRow {
  id: string;
  subject_kind: string;
  subject: unknown;
  message: string;
  created_at: Date;
  expires_at: Date | null;
  seizure_id: string | null;
  from_unit: string;
  recipients: { unitCode: string; acknowledgedAt: string | null }[];
  reply_count: number;
  match_count?: number;
}

const toView = (row: AlertRow) => ({
  id: row.id,
  fromUnit: row.from_unit,
  subject: row.subject,
  message: row.message,
  seizureId: row.seizure_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  recipients: row.recipients,
  replyCount: row.reply_count,
  ...(row.match_count === undefined ? {} : { matchedShipments: row.match_count }),
});

export async function listAlerts(services: Pick<Services, "pool">, unit: UnitScope, filters: ListAlertsInput) {
  const inbox = filters.box === "inbox";
  const result = await services.pool.query<AlertRow>(
    inbox
      ? `SELECT ${ALERT_FIELDS}, (SELECT count(*)::int FROM alert_match m JOIN shipment s ON s.id = m.shipment_id
                   WHERE m.alert_id = a.id AND m.unit_id = $1 AND ${SHIPMENT_IN_FORCE_SQL}) AS match_count
           FROM alert a JOIN alert_recipient me ON me.alert_id = a.id AND me.unit_id = $1 JOIN control_unit fu ON fu.id = a.from_unit_id
          WHERE ($2::boolean IS NULL OR (me.acknowledged_at IS NULL) = $2)
          ORDER BY a.created_at DESC, a.id LIMIT $3`
      : `SELECT ${ALERT_FIELDS} FROM alert a JOIN control_unit fu ON fu.id = a.from_unit_id
          WHERE a.from_unit_id = $1 AND ($2::boolean IS NULL OR EXISTS (
                SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND (r.acknowledged_at IS NULL) = $2))
          ORDER BY a.created_at DESC, a.id LIMIT $3`,
    [unit.id, filters.unacknowledged ?? null, filters.limit],
  );
  return { box: filters.box, items: result.rows.map(toView) };
}

export async function getAlert(services: Pick<Services, "pool">, unit: UnitScope, alertId: string) {
  await roleOf(services.pool, unit, alertId);
  const [alert, replies, matches, seizure] = await Promise.all([
    services.pool.query<AlertRow>(`SELECT ${ALERT_FIELDS} FROM alert a JOIN control_unit fu ON fu.id = a.from_unit_id WHERE a.id = $1`, [alertId]),
    services.pool.query<{ unit_code: string; author_name: string | null; message: string; created_at: Date }>(
      `SELECT u.code AS unit_code, rp.author_name, rp.message, rp.created_at FROM alert_reply rp JOIN control_unit u ON u.id = rp.unit_id
        WHERE rp.alert_id = $1 ORDER BY rp.created_at, rp.id`,
      [alertId],
    ),
    listAlertMatches(services, unit, { alertId, limit: 500 }),
    services.pool.query<Record<string, unknown>>(
      `SELECT z.commodity, z.quantity, z.quantity_unit AS "quantityUnit", z.concealment, z.detection_method AS "detectionMethod",
              z.seized_at AS "seizedAt", z.persons_arrested AS "personsArrested", s.container_number AS "containerNumber",
              s.bill_of_lading AS "billOfLading", s.port_of_loading AS "portOfLoading", s.port_of_discharge AS "portOfDischarge",
              COALESCE((SELECT json_agg(p.name ORDER BY p.name) FROM seizure_party p WHERE p.seizure_id = z.id), '[]') AS parties,
              -- The seized shipment's own parties, as its manifest gave them: what the receiving unit is matched on, even
              -- when the officer named no party on the seizure.
              COALESCE((SELECT json_agg(json_build_object('role', r.role, 'name', mp.name, 'country', mp.country) ORDER BY r.ord)
                          FROM (VALUES (1, 'shipper', s.shipper_id), (2, 'consignee', s.consignee_id), (3, 'notify', s.notify_id)) AS r(ord, role, id)
                          JOIN party mp ON mp.id = r.id), '[]') AS "shipmentParties"
         FROM alert a JOIN seizure z ON z.id = a.seizure_id AND ${sharedBeyondUnit("z")} JOIN shipment s ON s.id = z.shipment_id
        WHERE a.id = $1`,
      [alertId],
    ),
  ]);
  return {
    ...toView(alert.rows[0]!),
    seizureReport: seizure.rows[0] ?? null,
    replies: replies.rows.map((r) => ({ unitCode: r.unit_code, author: r.author_name, message: r.message, at: r.created_at })),
    flaggedShipments: matches.items,
  };
}

/** The unit's shipments flagged by alerts, each with the alert as the reason: replaced and cancelled manifest versions' shipments left out. */
export async function listAlertMatches(services: Pick<Services, "pool">, unit: UnitScope, filters: { alertId?: string | undefined; limit: number }) {
  const result = await services.pool.query<Record<string, unknown>>(
    `SELECT s.id AS "shipmentId", s.container_number AS "containerNumber", s.bill_of_lading AS "billOfLading", s.arrival_date AS "arrivalDate",
            m.matched_at AS "matchedAt", m.matched_on AS "matchedOn",
            json_build_object('alertId', a.id, 'fromUnit', fu.code, 'subject', a.subject, 'message', a.message) AS reason
       FROM alert_match m JOIN alert a ON a.id = m.alert_id JOIN shipment s ON s.id = m.shipment_id JOIN control_unit fu ON fu.id = a.from_unit_id
      WHERE m.unit_id = $1 AND ($2::uuid IS NULL OR m.alert_id = $2) AND ${SHIPMENT_IN_FORCE_SQL}
      ORDER BY m.matched_at DESC, s.id LIMIT $3`,
    [unit.id, filters.alertId ?? null, filters.limit],
  );
  return { items: result.rows };
}

export async function acknowledgeAlert(services: Pick<Services, "pool" | "now">, unit: UnitScope, principal: Principal, alertId: string, actor: AuditActor) {
  await withTransaction(services.pool, async (client) => {
    const { role, fromUnitId } = await roleOf(client, unit, alertId);
    if (role === "sender") throw conflict("the sending unit does not acknowledge its own alert");
    const updated = await client.query(
      `UPDATE alert_recipient SET acknowledged_at = $3, acknowledged_by = $4 WHERE alert_id = $1 AND unit_id = $2 AND acknowledged_at IS NULL`,
      [alertId, unit.id, services.now(), principal.userId],
    );
    if ((updated.rowCount ?? 0) === 0) return;
    await notify(client, {
      unitId: fromUnitId,
      kind: "alert_acknowledged",
      message: `${unit.code} acknowledged your alert`,
      params: { unit: unit.code },
      entityType: "alert",
      entityId: alertId,
      dedupeKey: `alert-ack:${alertId}:${unit.id}`,
      at: services.now(),
    });
    await recordAudit(client, actor, { action: "alert.acknowledged", entityType: "alert", entityId: alertId, unitId: unit.id });
  });
  return getAlert(services, unit, alertId);
}

export async function replyToAlert(services: Pick<Services, "pool" | "now">, unit: UnitScope, principal: Principal, alertId: string, message: string, actor: AuditActor) {
  await withTransaction(services.pool, async (client) => {
    const { role, fromUnitId } = await roleOf(client, unit, alertId);
    const now = services.now();
    const reply = await client.query<{ id: string }>(
      `INSERT INTO alert_reply (id, alert_id, unit_id, author_id, author_name, message, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id`,
      [alertId, unit.id, principal.userId, principal.username, message, now],
    );
    const replyId = reply.rows[0]!.id;
    // A recipient's reply goes to the sender; the sender's reply to every recipient.
    const targets = role === "recipient"
      ? [fromUnitId]
      : (await client.query<{ unit_id: string }>("SELECT unit_id FROM alert_recipient WHERE alert_id = $1", [alertId])).rows.map((r) => r.unit_id);
    for (const target of targets) {
      await notify(client, {
        unitId: target,
        kind: "alert_reply",
        message: `${unit.code} replied to an alert: ${message.slice(0, 200)}`,
        params: { unit: unit.code, text: message.slice(0, 200) },
        entityType: "alert",
        entityId: alertId,
        dedupeKey: `alert-reply:${replyId}:${target}`,
        at: now,
      });
    }
    await recordAudit(client, actor, { action: "alert.replied", entityType: "alert", entityId: alertId, unitId: unit.id, details: { replyId } });
  });
  return getAlert(services, unit, alertId);
}
