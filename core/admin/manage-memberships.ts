// Use cases: grant and revoke a user's roles (memberships: a role in a unit,
// or a manager's programme/country scope). Audited in the same transaction.
// An admin cannot take away their own admin role, and a user keeps at least
// one role (disable the user instead), so nobody is locked out by accident.
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { withTransaction } from "../db/pool.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import type { Services } from "../services.js";
import type { MembershipInput } from "./admin-schemas.js";

interface MembershipRow {
  id: string;
  user_id: string;
  role: string;
  unit_id: string | null;
  unit_code: string | null;
  programme: string | null;
  country: string | null;
}

const describe = (m: MembershipRow) => ({ role: m.role, unitCode: m.unit_code, programme: m.programme, country: m.country });

export async function grantMembership(services: Pick<Services, "pool">, userId: string, input: MembershipInput, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const user = await client.query("SELECT 1 FROM app_user WHERE id = $1", [userId]);
    if (!user.rowCount) throw notFound(`user ${userId}`);
    let unitId: string | null = null;
    if (input.unitCode) {
      const unit = await client.query<{ id: string }>("SELECT id FROM control_unit WHERE code = $1", [input.unitCode]);
      if (!unit.rowCount) throw validationFailed([{ path: "unitCode", message: `no unit ${input.unitCode}` }]);
      unitId = unit.rows[0]!.id;
    }
    const same = await client.query(
      `SELECT 1 FROM membership WHERE user_id = $1 AND role = $2 AND unit_id IS NOT DISTINCT FROM $3
          AND programme IS NOT DISTINCT FROM $4 AND country IS NOT DISTINCT FROM $5`,
      [userId, input.role, unitId, input.programme ?? null, input.country ?? null],
    );
    if (same.rowCount) throw conflict("the user already holds this role", { errors: [{ path: "role", message: "already granted" }] });
    const inserted = await client.query<{ id: string }>(
      "INSERT INTO membership (id, user_id, role, unit_id, programme, country) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5) RETURNING id",
      [userId, input.role, unitId, input.programme ?? null, input.country ?? null],
    );
    const id = inserted.rows[0]!.id;
    const after = { membershipId: id, role: input.role, unitCode: input.unitCode ?? null, programme: input.programme ?? null, country: input.country ?? null };
    await recordAudit(client, actor, { action: "membership.granted", entityType: "user", entityId: userId, unitId, after });
    return { id, userId, ...after };
  });
}

export async function revokeMembership(services: Pick<Services, "pool">, membershipId: string, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const found = await client.query<MembershipRow>(
      `SELECT m.id, m.user_id, m.role::text AS role, m.unit_id, u.code AS unit_code, m.programme, m.country
         FROM membership m LEFT JOIN control_unit u ON u.id = m.unit_id WHERE m.id = $1 FOR UPDATE OF m`,
      [membershipId],
    );
    const membership = found.rows[0];
    if (!membership) throw notFound(`membership ${membershipId}`);
    if (membership.role === "admin" && membership.user_id === actor.principal?.userId) {
      throw conflict("you cannot revoke your own admin role; another admin can");
    }
    // Lock the user's memberships so two revokes at once cannot both pass the "last role" check.
    const others = await client.query("SELECT 1 FROM membership WHERE user_id = $1 AND id <> $2 FOR UPDATE", [membership.user_id, membershipId]);
    if (!others.rowCount) throw conflict("this is the user's only role: grant another first, or disable the user");
    await client.query("DELETE FROM membership WHERE id = $1", [membershipId]);
    await recordAudit(client, actor, {
      action: "membership.revoked",
      entityType: "user",
      entityId: membership.user_id,
      unitId: membership.unit_id,
      before: { membershipId, ...describe(membership) },
    });
    return { id: membershipId, userId: membership.user_id, revoked: true, ...describe(membership) };
  });
}
