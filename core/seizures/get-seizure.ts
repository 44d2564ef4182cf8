// Reading seizures: one with its parties and referrals, or the unit's list.
// Visibility follows the inspection's sharing level.
import type { Principal, UnitScope } from "../auth/principal.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { notFound } from "../errors.js";
import { isUuid } from "../ids.js";
import { overdueAtSql } from "../referrals/overdue-now.js";
import { visibleTo } from "../auth/sharing-filter.js";
import type { ListSeizuresInput } from "./seizure-schemas.js";

export interface SeizureView {
  id: string;
  unitCode: string;
  inspectionId: string;
  shipmentId: string;
  containerNumber: string | null;
  billOfLading: string;
  commodity: string;
  description: string | null;
  quantity: number;
  quantityUnit: string;
  concealment: string;
  detectionMethod: string;
  agencies: string[];
  personsArrested: number;
  seizedAt: Date;
  sharing: string;
  parties: { identityKey: string; name: string; role: string | null }[];
  referrals: { id: string; recipientKind: string; recipientName: string; status: string; dueAt: Date | null; overdue: boolean }[];
}

interface SeizureRow {
  id: string;
  inspection_id: string;
  shipment_id: string;
  container_number: string | null;
  bill_of_lading: string;
  commodity: string;
  description: string | null;
  quantity: number;
  quantity_unit: string;
  concealment: string;
  detection_method: string;
  agencies: string[];
  persons_arrested: number;
  seized_at: Date;
  sharing: string;
  parties: SeizureView["parties"];
  referrals: { id: string; recipientKind: string; recipientName: string; status: string; dueAt: string | null; overdue: boolean }[];
}

/** `$nowParam`: the request's now, the instant a referral's "overdue" is judged at (overdue-now.ts). */
const SELECT = (nowParam: number) => `
  SELECT z.id, z.inspection_id, z.shipment_id, s.container_number, s.bill_of_lading, z.commodity, z.description, z.quantity,
         z.quantity_unit, z.concealment, z.detection_method, z.agencies, z.persons_arrested, z.seized_at, z.sharing,
         COALESCE((SELECT json_agg(json_build_object('identityKey', p.identity_key, 'name', p.name, 'role', p.role) ORDER BY p.name)
                     FROM seizure_party p WHERE p.seizure_id = z.id), '[]') AS parties,
         COALESCE((SELECT json_agg(json_build_object('id', r.id, 'recipientKind', r.recipient_kind, 'recipientName', r.recipient_name,
                                                     'status', r.status, 'dueAt', r.due_at, 'overdue', ${overdueAtSql("r", nowParam)})
                                   ORDER BY r.created_at)
                     FROM referral r WHERE r.seizure_id = z.id), '[]') AS referrals
    FROM seizure z JOIN shipment s ON s.id = z.shipment_id`;

const toView = (unitCode: string) => (row: SeizureRow): SeizureView => ({
  id: row.id,
  unitCode,
  inspectionId: row.inspection_id,
  shipmentId: row.shipment_id,
  containerNumber: row.container_number,
  billOfLading: row.bill_of_lading,
  commodity: row.commodity,
  description: row.description,
  quantity: row.quantity,
  quantityUnit: row.quantity_unit,
  concealment: row.concealment,
  detectionMethod: row.detection_method,
  agencies: row.agencies,
  personsArrested: row.persons_arrested,
  seizedAt: row.seized_at,
  sharing: row.sharing,
  parties: row.parties,
  referrals: row.referrals.map((r) => ({ ...r, dueAt: r.dueAt ? new Date(r.dueAt) : null })),
});

export async function getSeizure(
  services: { pool: Pool | PoolClient; now: () => Date },
  unit: UnitScope,
  principal: Principal,
  seizureId: string,
): Promise<SeizureView> {
  if (!isUuid(seizureId)) throw notFound(`seizure ${seizureId}`);
  const result = await services.pool.query<SeizureRow>(`${SELECT(4)} WHERE z.id = $1 AND z.unit_id = $2 AND ${visibleTo("z", 3)}`, [
    seizureId,
    unit.id,
    principal.agencyId,
    services.now(),
  ]);
  const row = result.rows[0];
  if (!row) throw notFound(`seizure ${seizureId}`);
  return toView(unit.code)(row);
}

export async function listSeizures(
  services: { pool: Pool; now: () => Date },
  unit: UnitScope,
  principal: Principal,
  filters: ListSeizuresInput,
): Promise<{ items: SeizureView[] }> {
  const result = await services.pool.query<SeizureRow>(
    `${SELECT(7)}
      WHERE z.unit_id = $1 AND ${visibleTo("z", 2)}
        AND ($3::seizure_commodity IS NULL OR z.commodity = $3)
        AND ($4::date IS NULL OR z.seized_at >= $4::date)
        AND ($5::date IS NULL OR z.seized_at < $5::date + 1)
      ORDER BY z.seized_at DESC, z.id LIMIT $6`,
    [unit.id, principal.agencyId, filters.commodity ?? null, filters.from ?? null, filters.to ?? null, filters.limit, services.now()],
  );
  return { items: result.rows.map(toView(unit.code)) };
}
