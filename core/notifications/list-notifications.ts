// A unit's notifications (overdue referrals, alerts received, replies), newest
// first. A notice about a referral of an agency-only seizure reaches that
// agency's members only, like the referral itself.
import { z } from "zod";
import type { Principal, UnitScope } from "../auth/principal.js";
import { notificationVisibleTo } from "../auth/sharing-filter.js";
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
  params: Record<string, string>;
  entity_type: string;
  entity_id: string;
  created_at: Date;
  read_at: Date | null;
}

const toView = (row: NotificationRow) => ({
  id: row.id,
  kind: row.kind,
  message: row.message,
  params: row.params,
  entityType: row.entity_type,
  entityId: row.entity_id,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export async function listNotifications(services: Pick<Services, "pool">, unit: UnitScope, principal: Principal, filters: ListNotificationsInput) {
  const result = await services.pool.query<NotificationRow>(
    `SELECT n.id, n.kind, n.message, n.params, n.entity_type, n.entity_id, n.created_at, n.read_at FROM notification n
      WHERE n.unit_id = $1 AND ($2::boolean IS NULL OR (n.read_at IS NULL) = $2) AND ($3::text IS NULL OR n.kind = $3)
        AND ${notificationVisibleTo("n", 5)}
      ORDER BY n.created_at DESC, n.id LIMIT $4`,
    [unit.id, filters.unread ?? null, filters.kind ?? null, filters.limit, principal.agencyId],
  );
  return { items: result.rows.map(toView) };
}

export async function markNotificationRead(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  notificationId: string,
) {
  if (!isUuid(notificationId)) throw notFound(`notification ${notificationId}`);
  const result = await services.pool.query<NotificationRow>(
    `UPDATE notification n SET read_at = COALESCE(n.read_at, $3), read_by = COALESCE(n.read_by, $4)
      WHERE n.id = $1 AND n.unit_id = $2 AND ${notificationVisibleTo("n", 5)}
      RETURNING n.id, n.kind, n.message, n.params, n.entity_type, n.entity_id, n.created_at, n.read_at`,
    [notificationId, unit.id, services.now(), principal.userId, principal.agencyId],
  );
  const row = result.rows[0];
  if (!row) throw notFound(`notification ${notificationId}`);
  return toView(row);
}
