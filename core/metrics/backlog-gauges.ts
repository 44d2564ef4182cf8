// Gauges read from PostgreSQL and Redis when Prometheus scrapes the API: the
// backlog is shared state of all processes, so any API replica reports the
// same truth, whichever worker did the work.
import { Gauge } from "prom-client";
import type { Services } from "../services.js";
import { metricOnce } from "./registry.js";

const queueJobs = () =>
  metricOnce(
    "queue-jobs",
    (registers) => new Gauge({ name: "portcullis_queue_jobs", help: "BullMQ jobs by queue and state (read at scrape time)", labelNames: ["queue", "state"] as const, registers }),
  );
const shipmentsByState = () =>
  metricOnce(
    "shipments-state",
    (registers) =>
      new Gauge({ name: "portcullis_shipments_backlog", help: "Shipments pending scoring or failed (read from PostgreSQL at scrape time)", labelNames: ["status"] as const, registers }),
  );
const oldestPending = () =>
  metricOnce(
    "oldest-pending",
    (registers) => new Gauge({ name: "portcullis_oldest_pending_shipment_seconds", help: "Age of the oldest shipment still pending scoring (0 when none)", registers }),
  );
const overdueReferrals = () =>
  metricOnce(
    "overdue",
    (registers) => new Gauge({ name: "portcullis_referrals_overdue", help: "Open referrals marked overdue by the sweep (read at scrape time)", registers }),
  );
const stagedManifests = () =>
  metricOnce(
    "staged-manifests",
    (registers) =>
      new Gauge({
        name: "portcullis_manifests_staged",
        help: "Large manifests accepted whose shipment rows are not all written: expanding, or failed (MANIFEST_EXPAND_MAX_ATTEMPTS reached, waiting for an operator's retry)",
        labelNames: ["state"] as const,
        registers,
      }),
  );
const backlogUp = () =>
  metricOnce(
    "backlog-up",
    (registers) => new Gauge({ name: "portcullis_backlog_scrape_ok", help: "1 when PostgreSQL and Redis answered the scrape-time queries", labelNames: ["source"] as const, registers }),
  );

const STATES = ["waiting", "active", "delayed", "prioritized", "waiting-children", "failed", "completed"] as const;

export async function refreshBacklogGauges(services: Pick<Services, "pool" | "queues" | "now">): Promise<void> {
  const queues = { scoring: services.queues.scoring, maintenance: services.queues.maintenance, analysis: services.queues.analysis };
  const [sql, redis] = await Promise.allSettled([
    services.pool.query<{ pending: number; failed: number; oldest: number | null; overdue: number; expanding: number; expansions_failed: number }>(
      `SELECT (SELECT count(*)::int FROM scoring_state WHERE status = 'pending') AS pending,
              (SELECT count(*)::int FROM scoring_state WHERE status = 'failed') AS failed,
              (SELECT extract(epoch FROM $1::timestamptz - min(updated_at))::float8 FROM scoring_state WHERE status = 'pending') AS oldest,
              (SELECT count(*)::int FROM referral WHERE overdue_since IS NOT NULL AND status NOT IN ('closed', 'declined')) AS overdue,
              (SELECT count(*)::int FROM manifest_staged WHERE failed_at IS NULL) AS expanding,
              (SELECT count(*)::int FROM manifest_staged WHERE failed_at IS NOT NULL) AS expansions_failed`,
      [services.now()],
    ),
    Promise.all(Object.entries(queues).map(async ([name, queue]) => [name, await queue.getJobCounts(...STATES)] as const)),
  ]);
  if (sql.status === "fulfilled") {
    const row = sql.value.rows[0]!;
    shipmentsByState().set({ status: "pending" }, row.pending);
    shipmentsByState().set({ status: "failed" }, row.failed);
    oldestPending().set(Math.max(0, row.oldest ?? 0));
    overdueReferrals().set(row.overdue);
    stagedManifests().set({ state: "expanding" }, row.expanding);
    stagedManifests().set({ state: "failed" }, row.expansions_failed);
  }
  if (redis.status === "fulfilled") {
    for (const [name, counts] of redis.value) for (const state of STATES) queueJobs().set({ queue: name, state }, counts[state] ?? 0);
  }
  backlogUp().set({ source: "postgres" }, sql.status === "fulfilled" ? 1 : 0);
  backlogUp().set({ source: "redis" }, redis.status === "fulfilled" ? 1 : 0);
}
