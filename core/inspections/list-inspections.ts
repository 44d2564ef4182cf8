// Reading a unit's inspection results. Agency-only results reach members of
// the owning agency only; to anyone else they do not exist (404, not 403).
import type { Principal, UnitScope } from "../auth/principal.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import type { ListInspectionsInput } from "./inspection-schemas.js";
import { isUuid } from "../ids.js";
import { visibleTo } from "../auth/sharing-filter.js";

export interface InspectionView {
  id: string;
  shipmentId: string;
  containerNumber: string | null;
  billOfLading: string;
  outcome: string;
  scanned: boolean;
  physicallyExamined: boolean;
  methods: string[];
  selection: string | null;
  commodity: string | null;
  inspectedAt: Date;
  inspectedBy: string | null;
  notes: string | null;
  sharing: string;
  ownerAgency: string | null;
}

interface InspectionRow {
  id: string;
  shipment_id: string;
  container_number: string | null;
  bill_of_lading: string;
  outcome: string;
  methods: string[];
  selection: string | null;
  commodity: string | null;
  inspected_at: Date;
  inspected_by: string | null;
  notes: string | null;
  sharing: string;
  owner_agency: string | null;
}

const SELECT = `SELECT i.id, i.shipment_id, s.container_number, s.bill_of_lading, i.outcome, i.methods, i.selection, i.commodity,
                       i.inspected_at, i.inspected_by, i.notes, i.sharing, a.code AS owner_agency
                  FROM inspection i JOIN shipment s ON s.id = i.shipment_id LEFT JOIN agency a ON a.id = i.owner_agency_id`;

const toView = (row: InspectionRow): InspectionView => ({
  id: row.id,
  shipmentId: row.shipment_id,
  containerNumber: row.container_number,
  billOfLading: row.bill_of_lading,
  outcome: row.outcome,
  scanned: row.methods.includes("scan"),
  physicallyExamined: row.methods.includes("physical"),
  methods: row.methods,
  selection: row.selection,
  commodity: row.commodity,
  inspectedAt: row.inspected_at,
  inspectedBy: row.inspected_by,
  notes: row.notes,
  sharing: row.sharing,
  ownerAgency: row.owner_agency,
});

/** The inspection if the principal may see it, else a 404. */
export async function getInspection(
  services: { pool: Pool } | { pool: PoolClient },
  unit: UnitScope,
  principal: Principal,
  inspectionId: string,
): Promise<InspectionView> {
  if (!isUuid(inspectionId)) throw notFound(`inspection ${inspectionId}`);
  const result = await services.pool.query<InspectionRow>(`${SELECT} WHERE i.id = $1 AND i.unit_id = $2 AND ${visibleTo("i", 3)}`, [
    inspectionId,
    unit.id,
    principal.agencyId,
  ]);
  const row = result.rows[0];
  if (!row) throw notFound(`inspection ${inspectionId}`);
  return toView(row);
}

export async function listInspections(
  services: Pick<Services, "pool">,
  unit: UnitScope,
  principal: Principal,
  filters: ListInspectionsInput,
): Promise<{ items: InspectionView[] }> {
  const result = await services.pool.query<InspectionRow>(
    `${SELECT}
      WHERE i.unit_id = $1 AND ${visibleTo("i", 2)}
        AND ($3::inspection_outcome IS NULL OR i.outcome = $3)
        AND ($4::uuid IS NULL OR i.shipment_id = $4)
        AND ($5::date IS NULL OR i.inspected_at >= $5::date)
        AND ($6::date IS NULL OR i.inspected_at < $6::date + 1)
      ORDER BY i.inspected_at DESC, i.id LIMIT $7`,
    [unit.id, principal.agencyId, filters.outcome ?? null, filters.shipmentId ?? null, filters.from ?? null, filters.to ?? null, filters.limit],
  );
  return { items: result.rows.map(toView) };
}
