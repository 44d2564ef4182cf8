// Use cases: issue and revoke API tokens. The token is returned once; only
// its hash is stored, and the audit row never holds the secret.
import { withTransaction } from "../db/pool.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { notFound } from "../errors.js";
import { generateToken } from "../auth/tokens.js";
import type { Services } from "../services.js";
import type { CreateTokenInput } from "./admin-schemas.js";

const DAY_MS = 86_400_000;

export async function createToken(
  services: Pick<Services, "pool" | "now">,
  userId: string,
  input: CreateTokenInput,
  actor: AuditActor,
  kind: "api" | "session" = "api",
) {
  const fresh = generateToken();
  const expiresAt = new Date(services.now().getTime() + input.expiresInDays * DAY_MS);
  return withTransaction(services.pool, async (client) => {
    const user = await client.query("SELECT 1 FROM app_user WHERE id = $1 AND disabled_at IS NULL", [userId]);
    if (!user.rowCount) throw notFound(`user ${userId}`);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO api_token (id, user_id, kind, name, lookup_id, secret_hash, expires_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id`,
      [userId, kind, input.name, fresh.lookupId, fresh.secretHash, expiresAt],
    );
    const id = inserted.rows[0]!.id;
    await recordAudit(client, actor, { action: "token.created", entityType: "token", entityId: id, after: { userId, name: input.name, kind, expiresAt } });
    return { id, token: fresh.token, name: input.name, expiresAt };
  });
}

export async function revokeToken(services: Pick<Services, "pool" | "now">, tokenId: string, actor: AuditActor) {
  return withTransaction(services.pool, async (client) => {
    const revoked = await client.query<{ user_id: string }>(
      "UPDATE api_token SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING user_id",
      [tokenId, services.now()],
    );
    if (!revoked.rowCount) throw notFound(`token ${tokenId}`);
    await recordAudit(client, actor, { action: "token.revoked", entityType: "token", entityId: tokenId, after: { revoked: true } });
    return { id: tokenId, revoked: true };
  });
}

export async function listTokens(services: Pick<Services, "prisma">, userId: string) {
  const tokens = await services.prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return {
    items: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    })),
  };
}
