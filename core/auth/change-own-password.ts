// Use case: a signed-in user replaces their password (a one-time password
// after the first sign-in, or any time). The current one is checked again,
// the user's other web sessions end, and the change is audited without
// either password.
import { z } from "zod";
import { hashPassword, verifyPassword } from "../admin/passwords.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import { withTransaction } from "../db/pool.js";
import { validationFailed } from "../errors.js";
import type { Services } from "../services.js";
import type { Principal } from "./principal.js";

export const changeOwnPasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1, "enter your current password").max(200),
    newPassword: z.string().min(12, "at least 12 characters").max(200),
  })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "must differ from the current password" });
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

export async function changeOwnPassword(services: Pick<Services, "pool" | "now">, principal: Principal, input: ChangeOwnPasswordInput, actor: AuditActor) {
  const found = await services.pool.query<{ password_hash: string | null }>("SELECT password_hash FROM app_user WHERE id = $1", [principal.userId]);
  const hash = found.rows[0]?.password_hash ?? null;
  if (hash === null || !(await verifyPassword(input.currentPassword, hash))) {
    throw validationFailed([{ path: "currentPassword", message: "does not match your current password" }]);
  }
  const newHash = await hashPassword(input.newPassword);
  return withTransaction(services.pool, async (client) => {
    await client.query("UPDATE app_user SET password_hash = $2, must_change_password = false WHERE id = $1", [principal.userId, newHash]);
    // Whoever else held a session with the old password loses it; this one goes on.
    const ended = await client.query(
      "UPDATE api_token SET revoked_at = $3 WHERE user_id = $1 AND kind = 'session' AND revoked_at IS NULL AND id <> $2",
      [principal.userId, principal.tokenId, services.now()],
    );
    await recordAudit(client, actor, { action: "user.password_changed", entityType: "user", entityId: principal.userId, after: { otherSessionsEnded: ended.rowCount ?? 0 } });
    return { passwordChangeRequired: false, otherSessionsEnded: ended.rowCount ?? 0 };
  });
}
