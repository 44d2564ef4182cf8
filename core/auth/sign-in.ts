// Use case: sign in to the web application with a user name and password.
// Issues a short-lived session token (kind "session"); a failed attempt is
// counted by the sign-in throttle (per account and address, with backoff)
// and audited as auth.failed (aggregated per address: failed-auth-log.ts),
// and answers the same whatever was wrong, so the answer does not tell
// whether the user exists.
import { z } from "zod";
import { createToken } from "../admin/manage-tokens.js";
import { hashPassword, verifyPassword } from "../admin/passwords.js";
import type { AuditActor } from "../audit/record-audit.js";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";
import { withinDeadline } from "./authenticate.js";
import { failedAuthLog } from "./failed-auth-log.js";
import { checkSignInThrottle, recordSignInFailure, recordSignInSuccess } from "./sign-in-throttle.js";

export const SESSION_HOURS = 12;

export const signInSchema = z.strictObject({
  username: z.string().trim().min(1, "enter your user name").max(100),
  password: z.string().min(1, "enter your password").max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

// Compared against when the user does not exist, so timing does not tell.
let dummyHash: Promise<string> | undefined;

export async function signIn(
  services: Pick<Services, "pool" | "now" | "redis" | "config" | "logger">,
  input: SignInInput,
  actor: Omit<AuditActor, "principal">,
) {
  const throttle = { redis: services.redis, prefix: services.config.QUEUE_PREFIX, now: services.now };
  const attempt = { username: input.username, ip: actor.ip };
  await checkSignInThrottle(throttle, attempt);
  const found = await withinDeadline(
    services.pool.query<{ id: string; username: string; password_hash: string | null; disabled_at: Date | null; must_change_password: boolean }>(
      "SELECT id, username, password_hash, disabled_at, must_change_password FROM app_user WHERE username = $1",
      [input.username],
    ),
  );
  const user = found.rows[0];
  dummyHash ??= hashPassword("not-a-real-password");
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash));
  const reason = !user ? "unknown user" : !user.password_hash ? "no password set" : !ok ? "wrong password" : user.disabled_at ? "user disabled" : null;
  if (!user || reason) {
    await recordSignInFailure(throttle, attempt);
    await failedAuthLog(services).record({ ip: actor.ip, kind: "sign-in", reason: reason ?? "unknown", requestId: actor.requestId, username: input.username });
    throw new AppError("unauthenticated", "wrong user name or password");
  }
  await recordSignInSuccess(throttle, attempt);
  const session = await createToken(
    services,
    user.id,
    { name: "web session", expiresInDays: SESSION_HOURS / 24 },
    { ...actor, name: user.username },
    "session",
  );
  return { token: session.token, tokenId: session.id, expiresAt: session.expiresAt, username: user.username, passwordChangeRequired: user.must_change_password };
}

/** Ends a web session: only session tokens are revoked this way (API tokens through the admin API). */
export async function isSessionToken(services: Pick<Services, "pool">, tokenId: string): Promise<boolean> {
  const found = await services.pool.query<{ kind: string }>("SELECT kind::text AS kind FROM api_token WHERE id = $1", [tokenId]);
  return found.rows[0]?.kind === "session";
}
