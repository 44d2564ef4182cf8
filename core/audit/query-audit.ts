// Use case: admins read the audit trail, newest first, with filters.
import type { Services } from "../services.js";

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  unitCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Events with a smaller id than this (keyset pagination). */
  before?: number | undefined;
  limit: number;
}

export async function queryAudit(services: Pick<Services, "pool">, filters: AuditFilters) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filters.actor) add((p) => `e.actor_name = ${p}`, filters.actor);
  if (filters.action) add((p) => (filters.action!.endsWith(".") ? `e.action LIKE ${p} || '%'` : `e.action = ${p}`), filters.action);
  if (filters.entityType) add((p) => `e.entity_type = ${p}`, filters.entityType);
  if (filters.entityId) add((p) => `e.entity_id = ${p}`, filters.entityId);
  if (filters.unitCode) add((p) => `e.unit_id = (SELECT id FROM control_unit WHERE code = ${p})`, filters.unitCode.toUpperCase());
  if (filters.from) add((p) => `e.at >= ${p}::timestamptz`, filters.from);
  // A day alone (the viewer's date field) includes that whole day.
  if (filters.to) add((p) => (/^\d{4}-\d{2}-\d{2}$/.test(filters.to!) ? `e.at < (${p}::date + 1)` : `e.at < ${p}::timestamptz`), filters.to);
  if (filters.before) add((p) => `e.id < ${p}`, filters.before);
  params.push(filters.limit + 1);
  const rows = await services.pool.query<{
    id: number; at: Date; actor_name: string | null; action: string; entity_type: string; entity_id: string | null;
    unit_code: string | null; ip: string | null; request_id: string | null; before: unknown; after: unknown; details: unknown;
  }>(
    `SELECT e.id, e.at, e.actor_name, e.action, e.entity_type, e.entity_id, u.code AS unit_code, e.ip, e.request_id, e.before, e.after, e.details
       FROM audit_event e LEFT JOIN control_unit u ON u.id = e.unit_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY e.id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.rows.slice(0, filters.limit);
  return {
    items: page.map((r) => ({
      id: r.id, at: r.at, actor: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
      unitCode: r.unit_code, ip: r.ip, requestId: r.request_id, before: r.before, after: r.after, details: r.details,
    })),
    nextBefore: rows.rows.length > filters.limit ? page[page.length - 1]!.id : null,
  };
}
