// Use case: an officer records what an inspection of one of the unit's
// shipments found. The row goes into `inspection`, the table hit rates, the
// back-test and the profile builder read; whether the box was selected by a
// profile, at random or by the officer is taken from its scoring state.
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import { clearSeizureLinkCache } from "../scoring/seizure-links.js";
import type { Services } from "../services.js";
import type { RecordInspectionInput } from "./inspection-schemas.js";
import { getInspection, type InspectionView } from "./list-inspections.js";

/** Clocks of officers' devices drift: a few minutes ahead is accepted. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export async function recordInspection(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  input: RecordInspectionInput,
  actor: AuditActor,
): Promise<InspectionView> {
  const inspectedAt = new Date(input.inspectedAt);
  if (inspectedAt.getTime() > services.now().getTime() + FUTURE_TOLERANCE_MS) {
    throw validationFailed([{ path: "inspectedAt", message: "is in the future" }]);
  }
  const methods = [input.scanned && "scan", input.physicallyExamined && "physical", input.documentary && "documentary"].filter(
    (m): m is string => typeof m === "string",
  );
  const id = randomUUID();
  await withTransaction(services.pool, async (client) => {
    const shipment = await client.query<{ id: string }>("SELECT id FROM shipment WHERE id = $1 AND unit_id = $2", [input.shipmentId, unit.id]);
    if (!shipment.rows[0]) throw notFound(`shipment ${input.shipmentId}`);
    // A second click on the form, or a retried request, must not store the inspection twice.
    const same = await client.query<{ id: string }>(
      "SELECT id FROM inspection WHERE shipment_id = $1 AND outcome = $2 AND inspected_at = $3 AND inspected_by = $4 LIMIT 1",
      [input.shipmentId, input.outcome, inspectedAt, input.inspectedBy],
    );
    if (same.rows[0]) throw conflict("this inspection is already recorded", { inspectionId: same.rows[0].id });
    // A box can be both over a profile's threshold and drawn at random: the score comes first.
    const drawn = await client.query<{ by_profile: boolean | null; by_random: boolean | null }>(
      `SELECT bool_or(a.score >= COALESCE((pv.definition #>> '{thresholds,select}')::float8, (pv.definition #>> '{thresholds,high}')::float8)) AS by_profile,
              bool_or(a.random) AS by_random
         FROM assessment a JOIN profile_version pv ON pv.id = a.profile_version_id WHERE a.shipment_id = $1`,
      [input.shipmentId],
    );
    const { by_profile: byProfile, by_random: byRandom } = drawn.rows[0] ?? { by_profile: null, by_random: null };
    const selection = byProfile ? "profile" : byRandom ? "random" : "self";
    await client.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at, inspected_by, notes, sharing,
                               owner_agency_id, selection, recorded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, input.shipmentId, unit.id, input.outcome, methods, inspectedAt, input.inspectedBy, input.notes ?? null, input.sharing,
        principal.agencyId, selection, principal.userId, services.now()],
    );
    // The container's decision follows what was done to it (core/triage/decide-container.ts).
    await client.query(
      "UPDATE scoring_state SET decision = 'inspected', decision_at = $2, decision_by = $3 WHERE shipment_id = $1",
      [input.shipmentId, inspectedAt, principal.userId],
    );
    await recordAudit(client, actor, {
      action: "inspection.recorded",
      entityType: "inspection",
      entityId: id,
      unitId: unit.id,
      after: { shipmentId: input.shipmentId, outcome: input.outcome, methods, selection, sharing: input.sharing },
    });
  });
  // This process's scoring sees the new seizure link at once; others within a minute.
  if (input.outcome === "seizure") clearSeizureLinkCache(unit.id);
  return getInspection(services, unit, principal, id);
}
