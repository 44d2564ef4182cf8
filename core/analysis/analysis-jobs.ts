// Long analyst jobs (back-tests, comparisons, builds, history imports,
// re-scoring): a row in analysis_job holds parameters, progress and result;
// the queue carries only its id. Clients poll the row.
import type { AnalysisKind } from "../../generated/prisma/enums.js";
import { addJob, UnrunnableJobError } from "../jobs/typed-jobs.js";
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import { isUuid } from "../ids.js";
import { JobFailure, type StoredJobFailure } from "./job-failure.js";

export type { AnalysisKind };

export interface AnalysisJobRow {
  id: string;
  unitId: string;
  kind: AnalysisKind;
  params: unknown;
  createdBy: string | null;
}

/**
 * Reports progress from 0 to 1; cheap to call often (writes at most every 250 ms).
 * `phase` names what the job is doing ("preparing-history", "scoring"), written at once
 * when it changes; left out, the phase stays as it was.
 */
export type ProgressReporter = (fraction: number, phase?: JobPhase) => Promise<void>;

/** What a running job is doing, for the page to say instead of a progress stuck at 0 %. */
export type JobPhase = "preparing-history" | "scoring";

/** Does the work of one job kind and returns its result (stored as JSON). */
export type AnalysisRunner = (services: Services, job: AnalysisJobRow, progress: ProgressReporter) => Promise<unknown>;

export async function createAnalysisJob(
  services: Pick<Services, "pool" | "queues" | "logger" | "deployment">,
  input: { unitId: string; kind: AnalysisKind; params: unknown; createdBy?: string | undefined },
): Promise<{ id: string; status: "queued" }> {
  const inserted = await services.pool.query<{ id: string }>(
    `INSERT INTO analysis_job (id, unit_id, kind, params, created_by) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
    [input.unitId, input.kind, JSON.stringify(input.params), input.createdBy ?? null],
  );
  const id = inserted.rows[0]!.id;
  await enqueueAnalysis(services, id);
  return { id, status: "queued" };
}

/**
 * Enqueue (again); losing this is harmless, the reconciler re-enqueues queued
 * rows. `attempt` makes a fresh job id for each re-enqueue: a finished copy
 * BullMQ keeps under the first id would otherwise swallow it.
 */
export async function enqueueAnalysis(services: Pick<Services, "queues" | "logger" | "deployment">, id: string, attempt = ""): Promise<void> {
  try {
    const deployment = await services.deployment();
    await addJob(services.queues, "runAnalysis", { deployment, analysisJobId: id }, { jobId: `analysis-${id}${attempt ? `-${attempt}` : ""}` });
  } catch (error) {
    services.logger.warn({ err: error, analysisJobId: id }, "could not enqueue analysis job; the reconciler will retry");
  }
}

/**
 * analysis_job ids that have a job waiting or running in the queue, so the
 * reconciler's fresh-id re-enqueue never runs a long job twice. The analysis
 * queue holds few live jobs (one runs per worker process).
 */
export async function liveAnalysisJobIds(services: Pick<Services, "queues">): Promise<Set<string>> {
  const live = await services.queues.analysis.getJobs(["waiting", "active", "delayed", "prioritized"]);
  const ids = new Set<string>();
  for (const job of live) {
    const id = (job?.data as { analysisJobId?: unknown } | undefined)?.analysisJobId;
    if (typeof id === "string") ids.add(id);
  }
  return ids;
}

export async function getAnalysisJob(services: Pick<Services, "prisma">, unit: UnitScope, id: string) {
  if (!isUuid(id)) throw notFound(`analysis job ${id}`);
  const job = await services.prisma.analysisJob.findFirst({ where: { id, unitId: unit.id } });
  if (!job) throw notFound(`analysis job ${id}`);
  return {
    id: job.id,
    unitCode: unit.code,
    kind: job.kind,
    status: job.status,
    progress: job.progress,
    params: job.params,
    // While running the row's result holds only the phase, and after a failure the failure's code.
    result: job.status === "succeeded" ? job.result : null,
    /** What a running job is doing (null when it says nothing). */
    phase: job.status === "running" ? (stored(job.result, "phase") as string | undefined) ?? null : null,
    error: job.error,
    /** A failed job's error as a code and parameters, to be said in the reader's language (null for errors without one). */
    failure: job.status === "failed" ? (stored(job.result, "failure") as StoredJobFailure | undefined) ?? null : null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

function stored(result: unknown, key: string): unknown {
  return result !== null && typeof result === "object" && !Array.isArray(result) ? (result as Record<string, unknown>)[key] : undefined;
}

/** Runs one job with the runner of its kind, recording status, progress, result or error. */
export async function runAnalysisJob(services: Services, id: string, runners: Partial<Record<AnalysisKind, AnalysisRunner>>): Promise<void> {
  const claimed = await services.pool.query<{ id: string; unit_id: string; kind: AnalysisKind; params: unknown; created_by: string | null }>(
    `UPDATE analysis_job SET status = 'running', started_at = now(), progress = 0, error = NULL, result = NULL
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING id, unit_id, kind, params, created_by`,
    [id],
  );
  const row = claimed.rows[0];
  if (!row) {
    // Finished already: a duplicate delivery. No row at all: not this database's job.
    const exists = await services.pool.query("SELECT 1 FROM analysis_job WHERE id = $1", [id]);
    if (exists.rowCount) return;
    throw new UnrunnableJobError(`analysis job ${id} is not in this database`);
  }
  const runner = runners[row.kind];
  let lastWrite = 0;
  let lastPhase: JobPhase | undefined;
  const progress: ProgressReporter = async (fraction, phase) => {
    const clamped = Math.max(0, Math.min(1, fraction));
    if (phase !== undefined && phase !== lastPhase) {
      lastPhase = phase;
      lastWrite = Date.now();
      await services.pool.query("UPDATE analysis_job SET progress = $2, result = jsonb_build_object('phase', $3::text) WHERE id = $1 AND status = 'running'", [id, clamped, phase]);
      return;
    }
    if (Date.now() - lastWrite < 250 && fraction < 1) return;
    lastWrite = Date.now();
    await services.pool.query("UPDATE analysis_job SET progress = $2 WHERE id = $1", [id, clamped]);
  };
  try {
    if (!runner) throw new Error(`no runner for ${row.kind} jobs in this version`);
    const result = await runner(services, { id: row.id, unitId: row.unit_id, kind: row.kind, params: row.params, createdBy: row.created_by }, progress);
    await services.pool.query(
      "UPDATE analysis_job SET status = 'succeeded', progress = 1, result = $2, finished_at = now() WHERE id = $1",
      [id, JSON.stringify(result ?? null)],
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    services.logger.warn({ analysisJobId: id, kind: row.kind, err: message }, "analysis job failed");
    const failure = error instanceof JobFailure ? JSON.stringify({ failure: { code: error.code, params: error.params } }) : null;
    await services.pool.query("UPDATE analysis_job SET status = 'failed', error = $2, result = $3, finished_at = now() WHERE id = $1", [id, message.slice(0, 2_000), failure]);
  }
}
