// Use case: an admin resets a user's password from the admin screens. The new
// password is random (16 characters, 96 bits, like the demo users' one-time
// passwords), returned once to hand over and stored only as its hash; the
// user's web sessions end (set-password.ts). The audit row is set-password's
// `user.password_set`, with the admin as actor and never the password.
import { randomBytes } from "node:crypto";
import type { AuditActor } from "../audit/record-audit.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import { setPassword } from "./set-password.js";

export async function resetPassword(services: Pick<Services, "pool" | "now">, userId: string, actor: AuditActor) {
  const found = await services.pool.query<{ username: string }>("SELECT username FROM app_user WHERE id = $1", [userId]);
  const username = found.rows[0]?.username;
  if (!username) throw notFound(`user ${userId}`);
  const oneTimePassword = randomBytes(12).toString("base64url");
  const result = await setPassword(services, { username, password: oneTimePassword }, actor, { oneTime: true });
  return { id: result.id, username, oneTimePassword, sessionsRevoked: result.sessionsRevoked };
}
