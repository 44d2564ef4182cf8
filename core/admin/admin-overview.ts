// Use case: what an admin sees first: the units with their people and last
// manifest, the users, each queue's health, and the last history imports and
// profile builds. Queue counts come from Redis within the request-path
// deadline; when Redis does not answer, the rest is still shown and the
// queues say why they are missing.
import { redisWithin } from "../redis-deadline.js";
import type { Services } from "../services.js";

const RECENT = 8;

export interface QueueHealth {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  paused: boolean;
}

async function queueHealth(services: Pick<Services, "queues" | "redis">): Promise<{ items: QueueHealth[] } | { unavailable: string }> {
  const queues = [services.queues.scoring, services.queues.maintenance, services.queues.analysis];
  try {
    const items = await redisWithin(
      services.redis,
      () =>
        Promise.all(
          queues.map(async (queue) => {
            const counts = await queue.getJobCounts("waiting", "prioritized", "active", "delayed", "failed");
            return {
              name: queue.name,
              waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
              active: counts.active ?? 0,
              delayed: counts.delayed ?? 0,
              failed: counts.failed ?? 0,
              paused: await queue.isPaused(),
            };
          }),
        ),
      "the queue health",
    );
    return { items };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

export async function adminOverview(services: Pick<Services, "pool" | "queues" | "redis">) {
  const [units, users, imports, builds, queues] = await Promise.all([
    services.pool.query<{ code: string; name: string; kind: string; country: string; programme: string; members: number; last_manifest_at: Date | null }>(
      `SELECT u.code, u.name, u.kind::text AS kind, u.country, u.programme,
              (SELECT count(DISTINCT m.user_id)::int FROM membership m JOIN app_user a ON a.id = m.user_id
                WHERE m.unit_id = u.id AND a.disabled_at IS NULL) AS members,
              (SELECT max(f.received_at) FROM manifest f WHERE f.unit_id = u.id) AS last_manifest_at
         FROM control_unit u ORDER BY u.code`,
    ),
    services.pool.query<{ total: number; disabled: number; admins: number; without_password: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE disabled_at IS NOT NULL)::int AS disabled,
              count(*) FILTER (WHERE disabled_at IS NULL AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id AND m.role = 'admin'))::int AS admins,
              count(*) FILTER (WHERE password_hash IS NULL AND disabled_at IS NULL)::int AS without_password
         FROM app_user`,
    ),
    services.pool.query<{ id: string; unit_code: string; file_name: string | null; status: string; rows_imported: number; rows_rejected: number; created_at: Date; finished_at: Date | null }>(
      `SELECT h.id, u.code AS unit_code, h.file_name, h.status, h.rows_imported, h.rows_rejected, h.created_at, h.finished_at
         FROM history_import h JOIN control_unit u ON u.id = h.unit_id ORDER BY h.created_at DESC LIMIT ${RECENT}`,
    ),
    services.pool.query<{ id: string; unit_code: string; status: string; progress: number; created_by: string | null; created_by_name: string | null; created_at: Date; finished_at: Date | null; error: string | null }>(
      `SELECT j.id, u.code AS unit_code, j.status::text AS status, j.progress, a.username AS created_by, a.display_name AS created_by_name, j.created_at, j.finished_at, j.error
         FROM analysis_job j JOIN control_unit u ON u.id = j.unit_id LEFT JOIN app_user a ON a.id = j.created_by
        WHERE j.kind = 'build' ORDER BY j.created_at DESC LIMIT ${RECENT}`,
    ),
    queueHealth(services),
  ]);
  const u = users.rows[0]!;
  return {
    units: units.rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, country: r.country, programme: r.programme, members: r.members, lastManifestAt: r.last_manifest_at })),
    users: { total: u.total, active: u.total - u.disabled, disabled: u.disabled, admins: u.admins, withoutPassword: u.without_password },
    queues,
    imports: imports.rows.map((r) => ({
      id: r.id, unitCode: r.unit_code, fileName: r.file_name, status: r.status, rowsImported: r.rows_imported, rowsRejected: r.rows_rejected,
      createdAt: r.created_at, finishedAt: r.finished_at,
    })),
    builds: builds.rows.map((r) => ({
      id: r.id, unitCode: r.unit_code, status: r.status, progress: r.progress, createdBy: r.created_by, createdByName: r.created_by_name, createdAt: r.created_at,
      finishedAt: r.finished_at, error: r.error,
    })),
  };
}
