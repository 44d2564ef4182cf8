// Idempotency-Key: the first request with a key stores its answer in the same
// transaction as its effect; repeats get that answer back. A concurrent repeat
// blocks on the unique key until the first commits, then reads its answer.
import type { PoolClient } from "../db/pool.js";
import { conflict } from "../errors.js";

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** Claims the key, or returns the stored answer when it was used before with the same body. */
export async function claimIdempotencyKey(client: PoolClient, unitId: string, key: string, requestHash: string): Promise<StoredResponse | null> {
  const claimed = await client.query(
    `INSERT INTO idempotency_record (unit_id, key, request_hash, status, body) VALUES ($1, $2, $3, 0, '{}')
     ON CONFLICT (unit_id, key) DO NOTHING RETURNING key`,
    [unitId, key, requestHash],
  );
  if (claimed.rowCount) return null;
  const prior = await client.query<{ request_hash: string; status: number; body: unknown }>(
    "SELECT request_hash, status, body FROM idempotency_record WHERE unit_id = $1 AND key = $2",
    [unitId, key],
  );
  const row = prior.rows[0]!;
  if (row.request_hash !== requestHash) {
    throw conflict("Idempotency-Key was already used with a different request body", {
      errors: [{ path: "headers.idempotency-key", message: "already used with a different request body" }],
    });
  }
  return { status: row.status, body: row.body };
}

export async function saveIdempotentResponse(client: PoolClient, unitId: string, key: string, response: StoredResponse): Promise<void> {
  await client.query("UPDATE idempotency_record SET status = $3, body = $4 WHERE unit_id = $1 AND key = $2", [
    unitId,
    key,
    response.status,
    JSON.stringify(response.body),
  ]);
}
