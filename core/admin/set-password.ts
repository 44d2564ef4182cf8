// Use case: set (or reset) a user's password, e.g. a demo user's after its
// one-time password was lost. The user's open web sessions are revoked, so a
// reset also ends a session someone else may hold; API tokens are left alone
// (they are revoked one by one through the admin API). Audited without the
// password or its hash.
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { withTransaction } from "../db/pool.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import { createUserSchema } from "./admin-schemas.js";
import { hashPassword } from "./passwords.js";

export const setPasswordSchema = z.strictObject({
  username: z.string().min(1, "required").max(64),
  password: createUserSchema.shape.password.unwrap(),
});
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

/** `oneTime`: the user must choose their own at the next sign-in (an admin's reset, the demo users' printed ones). */
export async function setPassword(services: Pick<Services, "pool" | "now">, input: SetPasswordInput, actor: AuditActor, options: { oneTime?: boolean } = {}) {
  const passwordHash = await hashPassword(input.password);
  return withTransaction(services.pool, async (client) => {
    const updated = await client.query<{ id: string }>("UPDATE app_user SET password_hash = $2, must_change_password = $3 WHERE username = $1 RETURNING id", [
      input.username,
      passwordHash,
      options.oneTime === true,
    ]);
    const userId = updated.rows[0]?.id;
    if (!userId) throw notFound(`user ${input.username}`);
    const revoked = await client.query(
      "UPDATE api_token SET revoked_at = $2 WHERE user_id = $1 AND kind = 'session' AND revoked_at IS NULL",
      [userId, services.now()],
    );
    const after = { password: options.oneTime === true ? "one-time" : "set", sessionsRevoked: revoked.rowCount ?? 0 };
    await recordAudit(client, actor, { action: "user.password_set", entityType: "user", entityId: userId, after });
    return { id: userId, username: input.username, ...after };
  });
}
