// Use case: an officer records what was seized in an inspection whose outcome
// is a seizure. One transaction writes the seizure, its parties, their
// watchlist entries (provenance = the seizure) and the audit row.
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { conflict, notFound, validationFailed, type FieldError } from "../errors.js";
import { visibleTo } from "../auth/sharing-filter.js";
import { clearSeizureLinkCache } from "../scoring/seizure-links.js";
import type { Services } from "../services.js";
import { linkSeizureParties, resolveSeizureParties } from "./seizure-parties.js";
import type { RecordSeizureInput } from "./seizure-schemas.js";
import { getSeizure, type SeizureView } from "./get-seizure.js";

export async function recordSeizure(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  input: RecordSeizureInput,
  actor: AuditActor,
): Promise<SeizureView> {
  const id = randomUUID();
  await withTransaction(services.pool, async (client) => {
    const inspection = await client.query<{ shipment_id: string; outcome: string; inspected_at: Date; sharing: string; owner_agency_id: string | null }>(
      `SELECT i.shipment_id, i.outcome, i.inspected_at, i.sharing, i.owner_agency_id FROM inspection i
        WHERE i.id = $1 AND i.unit_id = $2 AND ${visibleTo("i", 3)} FOR UPDATE`,
      [input.inspectionId, unit.id, principal.agencyId],
    );
    const found = inspection.rows[0];
    if (!found) throw notFound(`inspection ${input.inspectionId}`);
    if (found.outcome !== "seizure") {
      throw conflict(`inspection ${input.inspectionId} has the outcome ${found.outcome}: a seizure belongs to an inspection whose outcome is seizure`);
    }
    // The form sent twice (a double click, a retry) stores one seizure.
    const same = await client.query<{ id: string }>(
      "SELECT id FROM seizure WHERE inspection_id = $1 AND commodity = $2 AND quantity = $3 AND quantity_unit = $4 LIMIT 1",
      [input.inspectionId, input.commodity, input.quantity, input.quantityUnit],
    );
    if (same.rows[0]) throw conflict("this seizure is already recorded for the inspection", { seizureId: same.rows[0].id });
    const errors: FieldError[] = [];
    const seizedAt = input.seizedAt ? new Date(input.seizedAt) : found.inspected_at;
    if (seizedAt.getTime() > services.now().getTime() + 5 * 60_000) errors.push({ path: "seizedAt", message: "is in the future" });
    const agencies = [...new Set(input.agencies.map((code) => code.toUpperCase()))];
    const known = await client.query<{ code: string }>("SELECT code FROM agency WHERE code = ANY($1::text[])", [agencies]);
    const knownCodes = new Set(known.rows.map((row) => row.code));
    input.agencies.forEach((code, index) => {
      if (!knownCodes.has(code.toUpperCase())) errors.push({ path: `agencies[${index}]`, message: `unknown agency ${code}` });
    });
    const parties = await resolveSeizureParties(client, found.shipment_id, input.parties);
    errors.push(...parties.errors);
    if (errors.length > 0) throw validationFailed(errors, `${errors.length} field(s) are not valid`);

    await client.query(
      `INSERT INTO seizure (id, unit_id, inspection_id, shipment_id, commodity, description, quantity, quantity_unit, concealment,
                            detection_method, agencies, persons_arrested, seized_at, sharing, owner_agency_id, recorded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [id, unit.id, input.inspectionId, found.shipment_id, input.commodity, input.description ?? null, input.quantity, input.quantityUnit,
        input.concealment, input.detectionMethod, agencies, input.personsArrested, seizedAt, found.sharing, found.owner_agency_id,
        principal.userId, services.now()],
    );
    // The inspection row is what the builder and partySeizureLinked read: it carries the commodity too.
    await client.query("UPDATE inspection SET commodity = COALESCE(commodity, $2) WHERE id = $1", [input.inspectionId, input.commodity]);
    const watchlisted = await linkSeizureParties(client, unit.id, id, parties.resolved, principal.username);
    await recordAudit(client, actor, {
      action: "seizure.recorded",
      entityType: "seizure",
      entityId: id,
      unitId: unit.id,
      after: { inspectionId: input.inspectionId, commodity: input.commodity, quantity: input.quantity, quantityUnit: input.quantityUnit,
        parties: parties.resolved.map((p) => p.identityKey), watchlisted },
    });
  });
  clearSeizureLinkCache(unit.id);
  return getSeizure(services, unit, principal, id);
}
