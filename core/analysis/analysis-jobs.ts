// Long analyst jobs (back-tests, comparisons, builds, history imports,
// re-scoring): a row in analysis_job holds parameters, progress and result;
// the queue carries only its id. Clients poll the row.
import type { AnalysisKind } from "../../generated/prisma/enums.js";
import { JOBS } from "../../workers/queues.js";
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import { isUuid } from "../ids.js";

export type { AnalysisKind };

export interface AnalysisJobRow {
  id: string;
  unitId: string;
  kind: AnalysisKind;
  params: unknown;
  createdBy: string | null;
}

/** Reports progress from 0 to 1; cheap to call often (writes at most every 250 ms). */
export type ProgressReporter = (fraction: number) => Promise<void>;

/** Does the work of one job kind and returns its result (stored as JSON). */
export type AnalysisRunner = (services: Services, job: AnalysisJobRow, progress: ProgressReporter) => Promise<unknown>;

export async function createAnalysisJob(
  services: Pick<Services, "pool" | "queues" | "logger">,
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

/** Enqueue (again); losing this is harmless, the reconciler re-enqueues queued rows. */
export async function enqueueAnalysis(services: Pick<Services, "queues" | "logger">, id: string): Promise<void> {
  try {
    await services.queues.analysis.add(JOBS.runAnalysis.name, { analysisJobId: id }, { jobId: `analysis-${id}` });
  } catch (error) {
    services.logger.warn({ err: error, analysisJobId: id }, "could not enqueue analysis job; the reconciler will retry");
  }
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
    result: job.result,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/** Runs one job with the runner of its kind, recording status, progress, result or error. */
export async function runAnalysisJob(services: Services, id: string, runners: Partial<Record<AnalysisKind, AnalysisRunner>>): Promise<void> {
  const claimed = await services.pool.query<{ id: string; unit_id: string; kind: AnalysisKind; params: unknown; created_by: string | null }>(
    `UPDATE analysis_job SET status = 'running', started_at = now(), progress = 0, error = NULL
      WHERE id = $1 AND status IN ('queued', 'running') RETURNING id, unit_id, kind, params, created_by`,
    [id],
  );
  const row = claimed.rows[0];
  if (!row) return; // finished already: a duplicate delivery
  const runner = runners[row.kind];
  let lastWrite = 0;
  const progress: ProgressReporter = async (fraction) => {
    if (Date.now() - lastWrite < 250 && fraction < 1) return;
    lastWrite = Date.now();
    await services.pool.query("UPDATE analysis_job SET progress = $2 WHERE id = $1", [id, Math.max(0, Math.min(1, fraction))]);
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
    await services.pool.query("UPDATE analysis_job SET status = 'failed', error = $2, finished_at = now() WHERE id = $1", [id, message.slice(0, 2_000)]);
  }
}
