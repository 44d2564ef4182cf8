// Use cases: create control units (with the built-in baseline profiles active)
// and agencies. Audited in the same transaction.
import { withTransaction } from "../db/pool.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { conflict, validationFailed } from "../errors.js";
import { installBaselineProfiles } from "../profiles/baseline-profile.js";
import type { Services } from "../services.js";
import type { CreateAgencyInput, CreateUnitInput } from "./admin-schemas.js";

export async function createUnit(services: Pick<Services, "pool">, input: CreateUnitInput, actor: AuditActor) {
  const unit = await withTransaction(services.pool, async (client) => {
    const agencies = await client.query<{ id: string; code: string }>("SELECT id, code FROM agency WHERE code = ANY($1::text[])", [input.agencyCodes]);
    const missing = input.agencyCodes.filter((code) => !agencies.rows.some((a) => a.code === code));
    if (missing.length) throw validationFailed(missing.map((code) => ({ path: `agencyCodes[${input.agencyCodes.indexOf(code)}]`, message: `no agency ${code}` })));
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO control_unit (id, code, locode, name, country, kind, programme, time_zone)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [input.code, input.code.slice(0, 5), input.name, input.code.slice(0, 2), input.kind, input.programme, input.timeZone],
    );
    if (!inserted.rowCount) throw conflict(`unit ${input.code} already exists`, { errors: [{ path: "code", message: "already exists" }] });
    const id = inserted.rows[0]!.id;
    for (const agency of agencies.rows) await client.query("INSERT INTO unit_agency (unit_id, agency_id) VALUES ($1, $2)", [id, agency.id]);
    await recordAudit(client, actor, { action: "unit.created", entityType: "unit", entityId: id, unitId: id, after: input });
    return { id, ...input };
  });
  // The maritime and the air cargo baselines: the unit's shipments are scored whatever their mode.
  const [sea, air] = await installBaselineProfiles(services, unit.id, "system");
  return { ...unit, baselineProfileVersionId: sea!, airBaselineProfileVersionId: air! };
}

export async function createAgency(services: Pick<Services, "pool">, input: CreateAgencyInput, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const inserted = await client.query<{ id: string }>(
      "INSERT INTO agency (id, code, name, kind, country) VALUES (gen_random_uuid(), $1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING id",
      [input.code, input.name, input.kind, input.country],
    );
    if (!inserted.rowCount) throw conflict(`agency ${input.code} already exists`, { errors: [{ path: "code", message: "already exists" }] });
    const id = inserted.rows[0]!.id;
    await recordAudit(client, actor, { action: "agency.created", entityType: "agency", entityId: id, after: input });
    return { id, ...input };
  });
}

/** Every agency, with the units it staffs: the admin screens' choices for a user's agency. */
export async function listAgencies(services: Pick<Services, "pool">) {
  const rows = await services.pool.query<{ code: string; name: string; kind: string; country: string; unit_codes: string[] }>(
    `SELECT a.code, a.name, a.kind::text AS kind, a.country,
            COALESCE(array_agg(u.code ORDER BY u.code) FILTER (WHERE u.code IS NOT NULL), '{}') AS unit_codes
       FROM agency a LEFT JOIN unit_agency ua ON ua.agency_id = a.id LEFT JOIN control_unit u ON u.id = ua.unit_id
      GROUP BY a.id ORDER BY a.code`,
  );
  return { items: rows.rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, country: r.country, unitCodes: r.unit_codes })) };
}
