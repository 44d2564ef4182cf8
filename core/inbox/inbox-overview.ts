// What the admin overview and /metrics show of the watched inboxes: per unit
// and directory, its watchers (alive by heartbeat), counts by status and
// kind, the last activity and success, and the latest failures.
import type { Pool } from "../db/pool.js";
import { MISSED_HEARTBEATS } from "./inbox-claims.js";

const ALIVE = `(w.stopped_at IS NULL AND w.heartbeat_at >= now() - make_interval(secs => ${MISSED_HEARTBEATS} * w.heartbeat_interval_ms / 1000.0))`;
/** Stopped or dead watchers are listed this long after their last heartbeat, then dropped from the overview. */
const GONE_LISTED = "interval '7 days'";

export interface InboxWatcherView {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  stoppedAt: string | null;
  alive: boolean;
  waiting: number;
}

type KindCounts = Record<string, { done: number; failed: number; processing: number }>;

export interface InboxView {
  unitCode: string;
  directory: string;
  alive: boolean;
  watchers: InboxWatcherView[];
  lastActivityAt: string | null;
  lastSuccessAt: string | null;
  counts: { done: number; failed: number; processing: number };
  byKind: KindCounts;
  waiting: number;
  recentFailures: { fileName: string; kind: string; finishedAt: string; error: string | null }[];
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export async function listInboxes(pool: Pool): Promise<{ inboxes: InboxView[] }> {
  const [watchers, counts, failures] = await Promise.all([
    pool.query<{ unit_code: string; directory: string; id: string; host: string; pid: number; started_at: Date; heartbeat_at: Date; stopped_at: Date | null; alive: boolean; waiting: number }>(
      `SELECT u.code AS unit_code, w.directory, w.id, w.host, w.pid, w.started_at, w.heartbeat_at, w.stopped_at, ${ALIVE} AS alive, w.waiting
         FROM inbox_watcher w JOIN control_unit u ON u.id = w.unit_id
        WHERE ${ALIVE} OR w.heartbeat_at >= now() - ${GONE_LISTED}
        ORDER BY w.started_at DESC`,
    ),
    pool.query<{ unit_code: string; directory: string; kind: string; status: string; n: number; last_activity: Date | null; last_success: Date | null }>(
      `SELECT u.code AS unit_code, f.directory, f.kind, f.status, count(*)::int AS n,
              max(greatest(f.claimed_at, f.finished_at)) AS last_activity,
              max(f.finished_at) FILTER (WHERE f.status = 'done') AS last_success
         FROM inbox_file f JOIN control_unit u ON u.id = f.unit_id
        GROUP BY u.code, f.directory, f.kind, f.status`,
    ),
    pool.query<{ unit_code: string; directory: string; file_name: string; kind: string; finished_at: Date; error: string | null }>(
      `SELECT unit_code, directory, file_name, kind, finished_at, error FROM (
         SELECT u.code AS unit_code, f.directory, f.file_name, f.kind, f.finished_at, f.error,
                row_number() OVER (PARTITION BY f.unit_id, f.directory ORDER BY f.finished_at DESC) AS rank
           FROM inbox_file f JOIN control_unit u ON u.id = f.unit_id WHERE f.status = 'failed') ranked
        WHERE rank <= 10 ORDER BY finished_at DESC`,
    ),
  ]);
  const inboxes = new Map<string, InboxView>();
  const inbox = (unitCode: string, directory: string): InboxView => {
    const key = `${unitCode}\u0000${directory}`;
    let view = inboxes.get(key);
    if (!view) {
      view = { unitCode, directory, alive: false, watchers: [], lastActivityAt: null, lastSuccessAt: null, counts: { done: 0, failed: 0, processing: 0 }, byKind: {}, waiting: 0, recentFailures: [] };
      inboxes.set(key, view);
    }
    return view;
  };
  for (const w of watchers.rows) {
    const view = inbox(w.unit_code, w.directory);
    view.watchers.push({ id: w.id, host: w.host, pid: w.pid, startedAt: w.started_at.toISOString(), heartbeatAt: w.heartbeat_at.toISOString(), stoppedAt: iso(w.stopped_at), alive: w.alive, waiting: w.alive ? w.waiting : 0 });
    if (w.alive) {
      view.alive = true;
      view.waiting += w.waiting;
    }
  }
  for (const c of counts.rows) {
    const view = inbox(c.unit_code, c.directory);
    const status = c.status as keyof InboxView["counts"];
    view.counts[status] += c.n;
    (view.byKind[c.kind] ??= { done: 0, failed: 0, processing: 0 })[status] += c.n;
    view.lastActivityAt = later(view.lastActivityAt, c.last_activity);
    view.lastSuccessAt = later(view.lastSuccessAt, c.last_success);
  }
  for (const f of failures.rows) {
    inbox(f.unit_code, f.directory).recentFailures.push({ fileName: f.file_name, kind: f.kind, finishedAt: f.finished_at.toISOString(), error: f.error });
  }
  const list = [...inboxes.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.directory.localeCompare(b.directory));
  return { inboxes: list };
}

function later(current: string | null, candidate: Date | null): string | null {
  if (!candidate) return current;
  return current === null || candidate.toISOString() > current ? candidate.toISOString() : current;
}
