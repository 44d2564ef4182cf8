// Use cases: an officer decides what happens to a flagged container — hold it
// for inspection, or release it — and assigns it to a colleague. Recording
// the inspection moves it to "inspected" (record-inspection.ts). Each change
// is audited and refuses to overwrite a decision the officer had not seen.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import { isUuid } from "../ids.js";
import type { Services } from "../services.js";
import type { AssignmentInput, DecisionInput } from "./triage-schemas.js";

export interface DecisionView {
  shipmentId: string;
  state: string;
  at: string | null;
  by: string | null;
  note: string | null;
  assignee: { id: string; name: string } | null;
}

interface StateRow {
  decision: string;
  decision_at: Date | null;
  decision_by: string | null;
  decision_note: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

/** A path that is no shipment id names no shipment (not a database error). */
function knownShipmentId(shipmentId: string): string {
  if (!isUuid(shipmentId)) throw notFound(`shipment ${shipmentId}`);
  return shipmentId;
}

export async function getDecision(services: Pick<Services, "pool">, unit: UnitScope, shipmentId: string): Promise<DecisionView> {
  knownShipmentId(shipmentId);
  const result = await services.pool.query<StateRow>(
    `SELECT st.decision, st.decision_at, st.decision_by, st.decision_note, st.assignee_id, u.display_name AS assignee_name
       FROM scoring_state st LEFT JOIN app_user u ON u.id = st.assignee_id
      WHERE st.shipment_id = $1 AND st.unit_id = $2`,
    [shipmentId, unit.id],
  );
  const row = result.rows[0];
  if (!row) throw notFound(`shipment ${shipmentId}`);
  return {
    shipmentId,
    state: row.decision,
    at: row.decision_at?.toISOString() ?? null,
    by: row.decision_by,
    note: row.decision_note,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "" } : null,
  };
}

export async function decideContainer(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  shipmentId: string,
  input: DecisionInput,
  actor: AuditActor,
): Promise<DecisionView> {
  knownShipmentId(shipmentId);
  await withTransaction(services.pool, async (client) => {
    const current = await client.query<{ decision: string }>(
      "SELECT decision FROM scoring_state WHERE shipment_id = $1 AND unit_id = $2 FOR UPDATE",
      [shipmentId, unit.id],
    );
    const before = current.rows[0]?.decision;
    if (before === undefined) throw notFound(`shipment ${shipmentId}`);
    if (input.expected !== undefined && input.expected !== before) {
      throw conflict(`the container's decision is now "${before}", not "${input.expected}": someone decided meanwhile; reload and decide again`, { current: before });
    }
    if (before === "inspected") throw conflict("the container was inspected: record another inspection instead of changing its decision", { current: before });
    if (input.decision === "released" && !input.note) throw validationFailed([{ path: "note", message: "say why the container is released" }]);
    await client.query(
      "UPDATE scoring_state SET decision = $3, decision_at = $4, decision_by = $5, decision_note = $6 WHERE shipment_id = $1 AND unit_id = $2",
      [shipmentId, unit.id, input.decision, services.now(), principal.userId, input.note ?? null],
    );
    await recordAudit(client, actor, {
      action: "shipment.decision",
      entityType: "shipment",
      entityId: shipmentId,
      unitId: unit.id,
      before: { decision: before },
      after: { decision: input.decision, note: input.note ?? null },
    });
  });
  return getDecision(services, unit, shipmentId);
}

export async function assignContainer(
  services: Pick<Services, "pool">,
  unit: UnitScope,
  shipmentId: string,
  input: AssignmentInput,
  actor: AuditActor,
): Promise<DecisionView> {
  knownShipmentId(shipmentId);
  await withTransaction(services.pool, async (client) => {
    if (input.assigneeId !== null) {
      // Only an active officer of this unit can take a container.
      const officer = await client.query(
        `SELECT 1 FROM membership mb JOIN app_user u ON u.id = mb.user_id
          WHERE mb.user_id = $1 AND mb.unit_id = $2 AND mb.role = 'officer' AND u.disabled_at IS NULL`,
        [input.assigneeId, unit.id],
      );
      if (officer.rowCount === 0) throw validationFailed([{ path: "assigneeId", message: "is not an active officer of this unit" }]);
    }
    const updated = await client.query<{ before: string | null }>(
      `UPDATE scoring_state st SET assignee_id = $3 FROM (SELECT assignee_id AS before FROM scoring_state WHERE shipment_id = $1 AND unit_id = $2 FOR UPDATE) old
        WHERE st.shipment_id = $1 AND st.unit_id = $2 RETURNING old.before`,
      [shipmentId, unit.id, input.assigneeId],
    );
    if (updated.rowCount === 0) throw notFound(`shipment ${shipmentId}`);
    await recordAudit(client, actor, {
      action: "shipment.assigned",
      entityType: "shipment",
      entityId: shipmentId,
      unitId: unit.id,
      before: { assigneeId: updated.rows[0]?.before ?? null },
      after: { assigneeId: input.assigneeId },
    });
  });
  return getDecision(services, unit, shipmentId);
}

/** The unit's active officers, for the assignee picker. */
export async function listUnitOfficers(services: Pick<Services, "pool">, unit: UnitScope): Promise<{ id: string; name: string }[]> {
  const result = await services.pool.query<{ id: string; name: string }>(
    `SELECT DISTINCT u.id, u.display_name AS name FROM membership mb JOIN app_user u ON u.id = mb.user_id
      WHERE mb.unit_id = $1 AND mb.role = 'officer' AND u.disabled_at IS NULL ORDER BY name`,
    [unit.id],
  );
  return result.rows;
}
