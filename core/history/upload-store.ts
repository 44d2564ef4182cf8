// An uploaded history file lives in PostgreSQL as ordered pieces of ~1 MB
// (history_upload_chunk) between the request that receives it and the job
// that reads it: API and worker processes may run on different machines, and
// neither ever holds the whole file in memory.
import { createHash } from "node:crypto";
import type { Pool } from "../db/pool.js";
import { AppError } from "../errors.js";

/** Bytes per stored piece: big enough for few round trips, small enough to keep memory flat. */
export const CHUNK_BYTES = 1024 * 1024;
/** How much of the file start is enough to find its first line. */
const HEADER_PROBE_BYTES = 256 * 1024;

export interface StoredUpload {
  bytes: number;
  /** SHA-256 of the file, hex. */
  hash: string;
  chunks: number;
}

export interface StoreOptions {
  limit: number;
  /** Called once with the start of the file (up to its first line break, or the probe size). */
  checkStart?: (start: Buffer) => void;
}

export async function storeUpload(pool: Pool, importId: string, body: AsyncIterable<Buffer | string>, options: StoreOptions): Promise<StoredUpload> {
  const hash = createHash("sha256");
  let bytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let checked = !options.checkStart;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await pool.query("INSERT INTO history_upload_chunk (import_id, seq, data) VALUES ($1, $2, $3)", [importId, seq, data]);
    seq += 1;
  };
  for await (const piece of body) {
    const buf = typeof piece === "string" ? Buffer.from(piece) : piece;
    bytes += buf.length;
    if (bytes > options.limit) {
      throw new AppError("payload_too_large", `the file is over ${options.limit} bytes, the largest history upload this service accepts`, { limit: options.limit });
    }
    hash.update(buf);
    pending.push(buf);
    pendingBytes += buf.length;
    if (!checked && (buf.includes(10) || pendingBytes >= HEADER_PROBE_BYTES || seq > 0)) {
      checked = true;
      options.checkStart!(Buffer.concat(pending, pendingBytes));
    }
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  if (!checked && pendingBytes > 0) options.checkStart!(Buffer.concat(pending, pendingBytes));
  await flush();
  return { bytes, hash: hash.digest("hex"), chunks: seq };
}

/** Streams a stored upload back, one piece at a time, in order. */
export async function* readUpload(pool: Pool, importId: string, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    const found = await pool.query<{ data: Buffer }>("SELECT data FROM history_upload_chunk WHERE import_id = $1 AND seq = $2", [importId, seq]);
    const row = found.rows[0];
    if (!row) return;
    onBytes?.(row.data.length);
    yield row.data;
  }
}

export async function deleteUpload(pool: Pool, importId: string): Promise<void> {
  await pool.query("DELETE FROM history_upload_chunk WHERE import_id = $1", [importId]);
}
