// Use case: may this call open the queue board with its web session? Only a
// live web session token (kind "session") may: an API token is sent to the
// board as a Bearer header instead. Returns when the session ends, which is
// when the board cookie must end too.
import { conflict } from "../errors.js";
import type { Services } from "../services.js";

export async function queueBoardSessionExpiry(services: Pick<Services, "pool">, tokenId: string): Promise<Date> {
  const found = await services.pool.query<{ kind: string; expires_at: Date }>("SELECT kind::text AS kind, expires_at FROM api_token WHERE id = $1", [tokenId]);
  const token = found.rows[0];
  if (token?.kind !== "session") {
    throw conflict("this is an API token, not a web session: send it to the queue board as Authorization: Bearer");
  }
  return token.expires_at;
}
