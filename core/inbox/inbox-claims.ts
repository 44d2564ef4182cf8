// The inbox's memory in PostgreSQL: watcher heartbeats, and one row per file
// (unit, content hash, name). The row decides who processes a file and
// whether it was processed already; the rename into the watcher's own
// `processing/<watcher id>/` directory decides which watcher holds the bytes.
import type { Pool } from "../db/pool.js";
import type { InboxKind } from "./inbox-file-names.js";

/** A watcher is dead once it missed this many heartbeats (or said it stopped). */
export const MISSED_HEARTBEATS = 3;

export interface WatcherIdentity {
  id: string;
  unitId: string;
  directory: string;
  host: string;
  pid: number;
  heartbeatMs: number;
}

export async function registerWatcher(pool: Pool, watcher: WatcherIdentity): Promise<void> {
  await pool.query(
    `INSERT INTO inbox_watcher (id, unit_id, directory, host, pid, heartbeat_interval_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
    [watcher.id, watcher.unitId, watcher.directory, watcher.host, watcher.pid, watcher.heartbeatMs],
  );
}

export async function heartbeat(pool: Pool, watcherId: string, waiting: number): Promise<void> {
  await pool.query("UPDATE inbox_watcher SET heartbeat_at = now(), waiting = $2 WHERE id = $1", [watcherId, waiting]);
}

export async function stopWatcher(pool: Pool, watcherId: string): Promise<void> {
  await pool.query("UPDATE inbox_watcher SET stopped_at = now(), waiting = 0 WHERE id = $1", [watcherId]);
}

const DEAD = `(w.stopped_at IS NOT NULL OR w.heartbeat_at < now() - make_interval(secs => ${MISSED_HEARTBEATS} * w.heartbeat_interval_ms / 1000.0))`;

/** Whether a watcher of this directory is dead: its `processing/<id>/` files may be taken over. */
export async function isDeadWatcher(pool: Pool, watcherId: string): Promise<boolean> {
  const found = await pool.query<{ dead: boolean }>(`SELECT ${DEAD} AS dead FROM inbox_watcher w WHERE w.id = $1`, [watcherId]);
  // A directory with no row: a watcher that died before registering, or a stray directory.
  return found.rows[0]?.dead ?? true;
}

export interface FileToClaim {
  unitId: string;
  directory: string;
  fileName: string;
  contentHash: string;
  kind: InboxKind;
  byteSize: number;
  watcherId: string;
}

export interface FinishedRow {
  id: string;
  status: "done" | "failed";
  answer: StoredAnswer;
  finishedAt: Date;
}

/** What a finished file's row keeps, so a re-drop or a crash after the finish gets the same answer file. */
export interface StoredAnswer {
  fileSuffix: string;
  text: string;
  summary: Record<string, unknown>;
}

export type Claim =
  | { state: "process"; id: string; attempts: number }
  | { state: "finished"; row: FinishedRow }
  | { state: "busy" };

/**
 * Claims a file for this watcher. "process": new, or taken over from a dead
 * watcher (the use cases are idempotent, so a second run stores nothing
 * twice). "finished": processed before; only its answer is written again.
 * "busy": a live watcher is on the same file (same name and content elsewhere).
 */
export async function claimFile(pool: Pool, file: FileToClaim): Promise<Claim> {
  const inserted = await pool.query<{ id: string }>(
    `INSERT INTO inbox_file (id, unit_id, directory, file_name, content_hash, kind, byte_size, watcher_id)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (unit_id, content_hash, file_name) DO NOTHING RETURNING id`,
    [file.unitId, file.directory, file.fileName, file.contentHash, file.kind, file.byteSize, file.watcherId],
  );
  if (inserted.rows[0]) return { state: "process", id: inserted.rows[0].id, attempts: 1 };
  const found = await pool.query<{ id: string; status: string; answer: StoredAnswer | null; finished_at: Date | null; watcher_id: string; attempts: number }>(
    "SELECT id, status, answer, finished_at, watcher_id, attempts FROM inbox_file WHERE unit_id = $1 AND content_hash = $2 AND file_name = $3",
    [file.unitId, file.contentHash, file.fileName],
  );
  const row = found.rows[0];
  if (!row) return claimFile(pool, file); // deleted between the two statements: claim afresh
  if (row.status !== "processing") {
    return { state: "finished", row: { id: row.id, status: row.status as "done" | "failed", answer: row.answer!, finishedAt: row.finished_at! } };
  }
  if (row.watcher_id === file.watcherId) return { state: "process", id: row.id, attempts: row.attempts };
  // Compare-and-set on the old owner: of two watchers taking over, one wins.
  const taken = await pool.query<{ attempts: number }>(
    `UPDATE inbox_file f SET watcher_id = $2, attempts = f.attempts + 1, claimed_at = now()
      WHERE f.id = $1 AND f.status = 'processing' AND f.watcher_id = $3
        AND NOT EXISTS (SELECT 1 FROM inbox_watcher w WHERE w.id = f.watcher_id AND NOT ${DEAD})
      RETURNING f.attempts`,
    [row.id, file.watcherId, row.watcher_id],
  );
  return taken.rows[0] ? { state: "process", id: row.id, attempts: taken.rows[0].attempts } : { state: "busy" };
}

/** Records the outcome; only the owning watcher can (a watcher that lost its claim changes nothing). */
export async function finishFile(pool: Pool, id: string, watcherId: string, status: "done" | "failed", answer: StoredAnswer, error: string | undefined): Promise<boolean> {
  const updated = await pool.query(
    `UPDATE inbox_file SET status = $3, answer = $4, error = $5, finished_at = now() WHERE id = $1 AND watcher_id = $2 AND status = 'processing'`,
    [id, watcherId, status, JSON.stringify(answer), error?.slice(0, 2000) ?? null],
  );
  return (updated.rowCount ?? 0) > 0;
}

/** Counts a failed attempt that is worth retrying (database down...): the row stays `processing`. */
export async function countAttempt(pool: Pool, id: string, watcherId: string): Promise<number> {
  const updated = await pool.query<{ attempts: number }>(
    "UPDATE inbox_file SET attempts = attempts + 1 WHERE id = $1 AND watcher_id = $2 RETURNING attempts",
    [id, watcherId],
  );
  return updated.rows[0]?.attempts ?? 0;
}
