// A unit's notifications (overdue referrals, alerts received, replies), newest first.
import { z } from "zod";
import type { AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import { isUuid } from "../ids.js";
import type { Services } from "../services.js";

export const listNotificationsSchema = z.strictObject({
  unread: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  kind: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListNotificationsInput = z.infer<typeof listNotificationsSchema>;

interface NotificationRow {
  id: string;
  kind: string;
  message: string;
  entity_type: string;
  entity_id: string;
  created_at: Date;
  read_at: Date | null;
}

const toView = (row: NotificationRow) => ({
  id: row.id,
  kind: row.kind,
  message: row.message,
  entityType: row.entity_type,
  entityId: row.entity_id,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export async function listNotifications(services: Pick<Services, "pool">, unit: UnitScope, filters: ListNotificationsInput) {
  const result = await services.pool.query<NotificationRow>(
    `SELECT id, kind, message, entity_type, entity_id, created_at, read_at FROM notification
      WHERE unit_id = $1 AND ($2::boolean IS NULL OR (read_at IS NULL) = $2) AND ($3::text IS NULL OR kind = $3)
      ORDER BY created_at DESC, id LIMIT $4`,
    [unit.id, filters.unread ?? null, filters.kind ?? null, filters.limit],
  );
  return { items: result.rows.map(toView) };
}

export async function markNotificationRead(services: Pick<Services, "pool" | "now">, unit: UnitScope, notificationId: string, actor: AuditActor) {
  if (!isUuid(notificationId)) throw notFound(`notification ${notificationId}`);
  const result = await services.pool.query<NotificationRow>(
    `UPDATE notification SET read_at = COALESCE(read_at, $3), read_by = COALESCE(read_by, $4)
      WHERE id = $1 AND unit_id = $2
      RETURNING id, kind, message, entity_type, entity_id, created_at, read_at`,
    [notificationId, unit.id, services.now(), actor.principal?.userId ?? null],
  );
  const row = result.rows[0];
  if (!row) throw notFound(`notification ${notificationId}`);
  return toView(row);
}
