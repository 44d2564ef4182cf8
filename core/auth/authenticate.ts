// Turns an Authorization header into a Principal, or refuses it. Failed
// attempts are counted per source address and audited as aggregated rows
// (failed-auth-log.ts); past the limit an address is answered 429, while a
// valid token from it still works. Last-used time is written at most once a
// minute per token so reads do not become writes.
import type { Services } from "../services.js";
import { AppError } from "../errors.js";
import type { AuditActor } from "../audit/record-audit.js";
import { failedAuthLog } from "./failed-auth-log.js";
import type { Principal, Role } from "./principal.js";
import { parseToken, secretMatches } from "./tokens.js";

const LAST_USED_GRANULARITY_MS = 60_000;

const unauthenticated = (message: string) => new AppError("unauthenticated", message);

/**
 * The token lookup is every authenticated request's first database call (and
 * the user lookup a sign-in's): when
 * PostgreSQL hangs (or the pool cannot hand out a connection) it answers 503
 * with Retry-After after this long, instead of holding the request until the
 * pool's connection timeout or forever.
 */
export const AUTH_QUERY_DEADLINE_MS = 1_000;

export async function withinDeadline<T>(query: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError("unavailable", "the database did not answer in time; retry shortly")), AUTH_QUERY_DEADLINE_MS);
  });
  // The query may still settle after the deadline: its outcome is no longer wanted.
  query.catch(() => undefined);
  try {
    return await Promise.race([query, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

interface TokenRow {
  token_id: string;
  secret_hash: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  user_id: string;
  username: string;
  agency_id: string;
  disabled_at: Date | null;
  kind: string;
  must_change_password: boolean;
  grants: { role: Role; unitId: string | null; programme: string | null; country: string | null }[];
}

export async function authenticate(
  services: Pick<Services, "pool" | "now" | "logger" | "config">,
  header: string | undefined,
  actor: Omit<AuditActor, "principal">,
): Promise<Principal> {
  if (!header) throw unauthenticated("missing Authorization: Bearer token");
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const parsed = match ? parseToken(match[1]!) : null;
  const fail = async (reason: string) => {
    const retryAfterSeconds = await failedAuthLog(services).record({ ip: actor.ip, kind: "token", reason, requestId: actor.requestId });
    if (retryAfterSeconds !== undefined) {
      return new AppError("rate_limited", "too many failed authentications from this address; retry later", { retryAfterSeconds });
    }
    return unauthenticated("invalid, expired or revoked token");
  };
  if (!parsed) throw await fail("malformed");
  const found = await withinDeadline(
    services.pool.query<TokenRow>(
      `SELECT t.id AS token_id, t.secret_hash, t.expires_at, t.revoked_at, t.last_used_at, t.kind::text AS kind,
              u.id AS user_id, u.username, u.agency_id, u.disabled_at, u.must_change_password,
              -- The grants in the same round trip: every request waits for this one.
              COALESCE((SELECT json_agg(json_build_object('role', m.role, 'unitId', m.unit_id, 'programme', m.programme, 'country', m.country))
                          FROM membership m WHERE m.user_id = u.id), '[]'::json) AS grants
         FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.lookup_id = $1`,
      [parsed.lookupId],
    ),
  );
  const row = found.rows[0];
  // Compare even when no row matched, so timing does not tell which part was wrong.
  const secretOk = secretMatches(parsed.secret, row?.secret_hash ?? "0".repeat(64));
  const now = services.now();
  if (!row || !secretOk) throw await fail("unknown token");
  if (row.revoked_at) throw await fail("revoked");
  if (row.expires_at && row.expires_at <= now) throw await fail("expired");
  if (row.disabled_at) throw await fail("user disabled");
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_GRANULARITY_MS) {
    await services.pool.query("UPDATE api_token SET last_used_at = $2 WHERE id = $1", [row.token_id, now]);
  }
  return {
    userId: row.user_id,
    username: row.username,
    agencyId: row.agency_id,
    tokenId: row.token_id,
    // Scripts' API tokens keep working; the person at the browser chooses a password first.
    passwordChangeRequired: row.kind === "session" && row.must_change_password,
    grants: row.grants,
  };
}
