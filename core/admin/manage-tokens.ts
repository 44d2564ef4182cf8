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
    // A web sign-in makes a session token: the trail calls it what the user did, not an API token handed out.
    const action = kind === "session" ? "session.started" : "token.created";
    await recordAudit(client, actor, { action, entityType: "token", entityId: id, after: { userId, name: input.name, kind, expiresAt } });
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

export type TokenState = "active" | "revoked" | "expired";

export interface TokenListFilters {
  kind: "api" | "session";
  state?: TokenState | undefined;
  username?: string | undefined;
  limit: number;
}

/** Every user's tokens for the admin screens, newest first (never the secrets). */
export async function listAllTokens(services: Pick<Services, "pool" | "now">, filters: TokenListFilters) {
  const now = services.now();
  const state = {
    active: "t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)",
    revoked: "t.revoked_at IS NOT NULL",
    expired: "t.revoked_at IS NULL AND t.expires_at <= $2",
  };
  const rows = await services.pool.query<{
    id: string; name: string; kind: string; created_at: Date; expires_at: Date | null; last_used_at: Date | null;
    revoked_at: Date | null; user_id: string; username: string;
  }>(
    `SELECT t.id, t.name, t.kind::text AS kind, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.id AS user_id, u.username
       FROM api_token t JOIN app_user u ON u.id = t.user_id
      WHERE t.kind = $1::token_kind AND ($3::text IS NULL OR u.username = $3)
        AND $2::timestamptz IS NOT NULL AND ${filters.state ? state[filters.state] : "TRUE"}
      ORDER BY t.created_at DESC, t.id LIMIT $4`,
    [filters.kind, now, filters.username ?? null, filters.limit],
  );
  return {
    items: rows.rows.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      userId: t.user_id,
      username: t.username,
      createdAt: t.created_at,
      expiresAt: t.expires_at,
      lastUsedAt: t.last_used_at,
      revokedAt: t.revoked_at,
      state: (t.revoked_at ? "revoked" : t.expires_at && t.expires_at <= now ? "expired" : "active") satisfies TokenState,
    })),
  };
}
