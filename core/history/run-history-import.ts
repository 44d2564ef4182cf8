// The `history_import` analysis job: streams the stored upload back out of
// PostgreSQL through the shared record reader and the format's mapper (or,
// for manifest-jsonl, the contract line reader), in
// batches of BATCH_ROWS, each written in its own transaction. A job that runs
// again (crash, duplicate delivery) re-reads the file and adds nothing twice.
import { z } from "zod";
import type { AnalysisRunner } from "../analysis/analysis-jobs.js";
import { recordAudit } from "../audit/record-audit.js";
import { clearMedianCache } from "../scoring/scoring-context.js";
import type { Services } from "../services.js";
import { MANIFEST_JSONL, mapperFor, missingFrom } from "./history-mapping.js";
import { readHistoryLines, type HistoryLineResult } from "./read-history-lines.js";
import { readRecords } from "./read-records.js";
import { deleteUpload, readUpload } from "./upload-store.js";
import { writeHistoryBatch, type BatchRow } from "./write-history-batch.js";

const BATCH_ROWS = 5_000;
/** Rejected rows kept with their line and reasons; the count is always complete. */
export const MAX_ROW_ERRORS = 100;

const paramsSchema = z.object({ historyImportId: z.uuid(), recordFormat: z.enum(["csv", "ndjson"]) });

export interface RowError {
  line: number;
  externalRef?: string | undefined;
  reasons: string[];
}

export interface HistoryImportSummary {
  historyImportId: string;
  rowsTotal: number;
  rowsImported: number;
  rowsDuplicate: number;
  rowsRejected: number;
  errors: RowError[];
}

interface ImportRow {
  unit_id: string;
  format: string;
  mapping: unknown;
  byte_size: number | null;
  status: string;
}

export const runHistoryImport: AnalysisRunner = async (services, job, progress) => {
  const { historyImportId: id, recordFormat } = paramsSchema.parse(job.params);
  const found = await services.pool.query<ImportRow>("SELECT unit_id, format, mapping, byte_size, status FROM history_import WHERE id = $1", [id]);
  const row = found.rows[0];
  if (!row) throw new Error(`history import ${id} not found`);
  if (row.status === "succeeded") return summaryOf(services, id);
  await services.pool.query("UPDATE history_import SET status = 'running' WHERE id = $1", [id]);
  try {
    const summary = await importRecords(services, id, row, recordFormat, progress);
    await recordAudit(services.pool, { name: "worker" }, {
      action: "history_import.finished",
      entityType: "history_import",
      entityId: id,
      unitId: row.unit_id,
      details: { rowsTotal: summary.rowsTotal, rowsImported: summary.rowsImported, rowsDuplicate: summary.rowsDuplicate, rowsRejected: summary.rowsRejected },
    });
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await services.pool.query(
      "UPDATE history_import SET status = 'failed', errors = $2, finished_at = now() WHERE id = $1",
      [id, JSON.stringify([{ line: 0, reasons: [message.slice(0, 500)] }])],
    );
    await deleteUpload(services.pool, id);
    throw error;
  }
};

async function importRecords(
  services: Services,
  id: string,
  row: ImportRow,
  recordFormat: "csv" | "ndjson",
  progress: (fraction: number) => Promise<void>,
): Promise<HistoryImportSummary> {
  const errors: RowError[] = [];
  let total = 0;
  let valid = 0;
  let rejected = 0;
  let bytesRead = 0;
  const reject = (error: RowError) => {
    rejected += 1;
    if (errors.length < MAX_ROW_ERRORS) errors.push(error);
  };
  let batch: BatchRow[] = [];
  // One batch is written while the next one is read and mapped: PostgreSQL
  // and this process work at the same time, and at most two batches are held.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    const full = batch;
    batch = [];
    const fraction = row.byte_size ? Math.min(0.99, bytesRead / row.byte_size) : 0.5;
    writing = writeHistoryBatch(services.pool, row.unit_id, id, full).then(() => progress(fraction));
    // Keep a rejected write from being unhandled before the next flush awaits it.
    writing.catch(() => undefined);
  };
  const upload = readUpload(services.pool, id, (n) => (bytesRead += n));
  const results = row.format === MANIFEST_JSONL ? readHistoryLines(upload) : mappedRecords(upload, row, recordFormat);
  for await (const result of results) {
    total += 1;
    if (!result.ok) {
      reject({ line: result.line, externalRef: result.externalRef, reasons: result.reasons });
      continue;
    }
    valid += 1;
    batch.push({ line: result.line, row: result.row });
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  await writing;
  // Counted from the table, so a job that ran twice still reports what this import added.
  const counted = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM shipment WHERE history_import_id = $1", [id]);
  const imported = counted.rows[0]!.n;
  const summary: HistoryImportSummary = {
    historyImportId: id,
    rowsTotal: total,
    rowsImported: imported,
    rowsDuplicate: Math.max(0, valid - imported),
    rowsRejected: rejected,
    errors,
  };
  await services.pool.query(
    `UPDATE history_import SET status = 'succeeded', rows_total = $2, rows_imported = $3, rows_duplicate = $4, rows_rejected = $5,
            errors = $6, finished_at = now() WHERE id = $1`,
    [id, total, imported, summary.rowsDuplicate, rejected, JSON.stringify(errors)],
  );
  await deleteUpload(services.pool, id);
  // Value medians come from the unit's shipments; this process's cache is stale now.
  clearMedianCache(row.unit_id);
  return summary;
}

/** A flat file (CSV, or JSON lines of plain values) through its format's column mapper. */
async function* mappedRecords(upload: AsyncIterable<Buffer>, row: ImportRow, recordFormat: "csv" | "ndjson"): AsyncGenerator<HistoryLineResult> {
  const mapper = mapperFor(row.format, row.mapping ?? undefined);
  const records = readRecords(upload, recordFormat, {
    onHeader: (columns) => {
      const missing = missingFrom(columns, mapper);
      if (missing.length > 0) throw new Error(`the file lacks the column(s) ${missing.join(", ")}`);
    },
  });
  for await (const record of records) {
    const externalRef = record.values[mapper.idColumn]?.trim() || undefined;
    if (record.problem) {
      yield { line: record.line, ok: false, externalRef, reasons: [record.problem] };
      continue;
    }
    const mapped = mapper.map(record.values);
    yield mapped.ok ? { line: record.line, ok: true, row: mapped.row } : { line: record.line, ok: false, externalRef, reasons: mapped.reasons };
  }
}

async function summaryOf(services: Services, id: string): Promise<HistoryImportSummary> {
  const found = await services.pool.query<{ rows_total: number; rows_imported: number; rows_duplicate: number; rows_rejected: number; errors: RowError[] }>(
    "SELECT rows_total, rows_imported, rows_duplicate, rows_rejected, errors FROM history_import WHERE id = $1",
    [id],
  );
  const r = found.rows[0]!;
  return { historyImportId: id, rowsTotal: r.rows_total, rowsImported: r.rows_imported, rowsDuplicate: r.rows_duplicate, rowsRejected: r.rows_rejected, errors: r.errors };
}
