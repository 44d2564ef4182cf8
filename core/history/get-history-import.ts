// Use case: the state of one history import, with its job's progress.
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import { isUuid } from "../ids.js";

interface Row {
  id: string;
  format: string;
  file_name: string | null;
  file_hash: string | null;
  byte_size: number | null;
  status: string;
  rows_total: number;
  rows_imported: number;
  rows_duplicate: number;
  rows_rejected: number;
  errors: unknown;
  analysis_job_id: string | null;
  progress: number | null;
  job_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export async function getHistoryImport(services: Pick<Services, "pool">, unit: UnitScope, id: string) {
  if (!isUuid(id)) throw notFound(`history import ${id}`);
  const found = await services.pool.query<Row>(
    `SELECT h.id, h.format, h.file_name, h.file_hash, h.byte_size, h.status, h.rows_total, h.rows_imported, h.rows_duplicate,
            h.rows_rejected, h.errors, h.analysis_job_id, j.progress, j.error AS job_error, h.created_at, h.finished_at
       FROM history_import h LEFT JOIN analysis_job j ON j.id = h.analysis_job_id
      WHERE h.id = $1 AND h.unit_id = $2`,
    [id, unit.id],
  );
  const row = found.rows[0];
  if (!row) throw notFound(`history import ${id}`);
  return {
    id: row.id,
    unitCode: unit.code,
    format: row.format,
    fileName: row.file_name,
    fileHash: row.file_hash,
    bytes: row.byte_size,
    status: row.status,
    progress: row.status === "succeeded" ? 1 : (row.progress ?? 0),
    jobId: row.analysis_job_id,
    counts: { total: row.rows_total, imported: row.rows_imported, duplicate: row.rows_duplicate, rejected: row.rows_rejected },
    /** The first rejected rows (line, record id, reasons); `counts.rejected` is the full number. */
    errors: row.errors,
    error: row.job_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
