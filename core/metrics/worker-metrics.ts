// Metrics recorded by a worker process around each job. A worker exposes
// them itself (WORKER_METRICS_PORT); Prometheus sums over processes.
import { Counter, Histogram } from "prom-client";
import { metricOnce } from "./registry.js";

export const jobDuration = () =>
  metricOnce(
    "job-duration",
    (registers) =>
      new Histogram({
        name: "portcullis_job_duration_seconds",
        help: "Time a job ran in this worker, by queue, job name and outcome",
        labelNames: ["queue", "job", "outcome"] as const,
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        registers,
      }),
  );

export const jobWait = () =>
  metricOnce(
    "job-wait",
    (registers) =>
      new Histogram({
        name: "portcullis_job_wait_seconds",
        help: "Time from enqueue (or retry delay end) to a worker picking the job up",
        labelNames: ["queue"] as const,
        buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800],
        registers,
      }),
  );

export const shipmentsScored = () =>
  metricOnce("scored", (registers) => new Counter({ name: "portcullis_shipments_scored_total", help: "Shipments scored by this worker", registers }));

export const shipmentsFailed = () =>
  metricOnce(
    "failed",
    (registers) => new Counter({ name: "portcullis_shipments_failed_total", help: "Shipments marked failed after their last attempt", registers }),
  );

export const reconcileReenqueued = () =>
  metricOnce(
    "reenqueued",
    (registers) =>
      new Counter({ name: "portcullis_reconciler_reenqueued_total", help: "Pending shipments the reconciler enqueued again (lost jobs, dead workers)", registers }),
  );

interface JobLike {
  queueName: string;
  name: string;
  timestamp: number;
  processedOn?: number | undefined;
  delay?: number;
}

/** Records one finished job; `result` is the handler's answer (undefined when it threw). */
export function recordJob(job: JobLike, seconds: number, result: unknown, failed: boolean): void {
  jobDuration().observe({ queue: job.queueName, job: job.name, outcome: failed ? "failed" : "completed" }, seconds);
  if (job.processedOn) jobWait().observe({ queue: job.queueName }, Math.max(0, job.processedOn - job.timestamp - (job.delay ?? 0)) / 1000);
  if (failed || typeof result !== "object" || result === null) return;
  const counts = result as { scored?: unknown; failed?: unknown; reenqueued?: unknown };
  if (job.name === "score-shipments" && typeof counts.scored === "number") shipmentsScored().inc(counts.scored);
  if (job.name === "score-shipments" && typeof counts.failed === "number") shipmentsFailed().inc(counts.failed);
  if (job.name === "reconcile" && typeof counts.reenqueued === "number") reconcileReenqueued().inc(counts.reenqueued);
}
