// Use cases: create, disable and enable users; each change is audited in its
// transaction. An admin cannot disable themselves (another admin can).
import { withTransaction } from "../db/pool.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { conflict, notFound, validationFailed } from "../errors.js";
import type { Services } from "../services.js";
import type { CreateUserInput } from "./admin-schemas.js";
import { hashPassword } from "./passwords.js";

export async function createUser(services: Pick<Services, "pool">, input: CreateUserInput, actor: AuditActor) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return withTransaction(services.pool, async (client) => {
    const agency = await client.query<{ id: string }>("SELECT id FROM agency WHERE code = $1", [input.agencyCode]);
    if (!agency.rowCount) throw validationFailed([{ path: "agencyCode", message: `no agency ${input.agencyCode}` }]);
    const unitIds = new Map<string, string>();
    for (const [index, m] of input.memberships.entries()) {
      if (!m.unitCode) continue;
      const unit = await client.query<{ id: string }>("SELECT id FROM control_unit WHERE code = $1", [m.unitCode]);
      if (!unit.rowCount) throw validationFailed([{ path: `memberships[${index}].unitCode`, message: `no unit ${m.unitCode}` }]);
      unitIds.set(m.unitCode, unit.rows[0]!.id);
    }
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO app_user (id, username, display_name, agency_id, password_hash) VALUES (gen_random_uuid(), $1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [input.username, input.displayName, agency.rows[0]!.id, passwordHash],
    );
    if (!inserted.rowCount) throw conflict(`user ${input.username} already exists`, { errors: [{ path: "username", message: "already taken" }] });
    const userId = inserted.rows[0]!.id;
    for (const m of input.memberships) {
      await client.query(
        "INSERT INTO membership (id, user_id, role, unit_id, programme, country) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)",
        [userId, m.role, m.unitCode ? unitIds.get(m.unitCode) : null, m.programme ?? null, m.country ?? null],
      );
    }
    const after = { username: input.username, displayName: input.displayName, agencyCode: input.agencyCode, memberships: input.memberships, password: passwordHash ? "set" : "none" };
    await recordAudit(client, actor, { action: "user.created", entityType: "user", entityId: userId, after });
    return { id: userId, ...after };
  });
}

export async function disableUser(services: Pick<Services, "pool" | "now">, userId: string, actor: AuditActor) {
  if (actor.principal?.userId === userId) throw conflict("you cannot disable yourself; another admin can");
  return withTransaction(services.pool, async (client) => {
    const updated = await client.query<{ username: string }>(
      "UPDATE app_user SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING username",
      [userId, services.now()],
    );
    if (!updated.rowCount) throw notFound(`user ${userId}`);
    await recordAudit(client, actor, { action: "user.disabled", entityType: "user", entityId: userId, after: { disabled: true } });
    return { id: userId, username: updated.rows[0]!.username, disabled: true };
  });
}

export async function enableUser(services: Pick<Services, "pool">, userId: string, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const updated = await client.query<{ username: string }>("UPDATE app_user SET disabled_at = NULL WHERE id = $1 RETURNING username", [userId]);
    if (!updated.rowCount) throw notFound(`user ${userId}`);
    await recordAudit(client, actor, { action: "user.enabled", entityType: "user", entityId: userId, after: { disabled: false } });
    return { id: userId, username: updated.rows[0]!.username, disabled: false };
  });
}

export async function listUsers(services: Pick<Services, "prisma">) {
  const users = await services.prisma.user.findMany({
    orderBy: { username: "asc" },
    include: { agency: true, memberships: { include: { unit: true } } },
  });
  return {
    items: users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      agency: u.agency.code,
      disabled: u.disabledAt !== null,
      hasPassword: u.passwordHash !== null,
      createdAt: u.createdAt,
      memberships: u.memberships.map((m) => ({ id: m.id, role: m.role, unitCode: m.unit?.code ?? null, programme: m.programme, country: m.country })),
    })),
  };
}
