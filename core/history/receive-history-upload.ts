// Use case: an analyst uploads a file of past inspected records. The body is
// streamed into PostgreSQL (bounded memory), its header checked on the way
// in, and a `history_import` analysis job reads it back on the worker pool.
// The same file again into the same unit is the same import: nothing is added.
import { parse } from "csv-parse/sync";
import { createAnalysisJob } from "../analysis/analysis-jobs.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { AppError } from "../errors.js";
import type { Services } from "../services.js";
import { MANIFEST_JSONL, mapperFor, missingFrom, type RecordMapper } from "./history-mapping.js";
import type { RecordFormat } from "./read-records.js";
import { storeUpload } from "./upload-store.js";

export interface UploadRequest {
  unit: UnitScope;
  format: string;
  mapping?: unknown;
  contentType: string | undefined;
  contentLength: number | undefined;
  fileName?: string | undefined;
  body: AsyncIterable<Buffer | string>;
  actor: AuditActor;
}

export interface UploadAnswer {
  status: 200 | 202;
  body: { importId: string; jobId: string | null; status: string; duplicate: boolean; bytes: number; fileHash: string };
}

const CONTENT_TYPES: Record<string, RecordFormat> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "application/x-ndjson": "ndjson",
  "application/jsonl": "ndjson",
  "application/x-jsonlines": "ndjson",
};

export function recordFormatOf(contentType: string | undefined): RecordFormat {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const format = CONTENT_TYPES[type];
  if (!format) {
    throw new AppError("validation_failed", `content type ${type || "(none)"} is not accepted for history uploads`, {
      errors: [{ path: "headers.content-type", message: "send the file as text/csv or application/x-ndjson" }],
    });
  }
  return format;
}

/** The columns of the file's first line (CSV header, or the keys of the first JSON object). */
function firstLineColumns(start: Buffer, format: RecordFormat): string[] | undefined {
  const newline = start.indexOf(10);
  const line = (newline >= 0 ? start.subarray(0, newline) : start).toString("utf8").replace(/^\uFEFF/, "").replace(/\r$/, "");
  if (line.trim() === "") return undefined;
  try {
    if (format === "csv") {
      const records: string[][] = parse(line, { relax_quotes: true, relax_column_count: true });
      return records[0]?.map((c) => c.trim());
    }
    const first: unknown = JSON.parse(line);
    return typeof first === "object" && first !== null && !Array.isArray(first) ? Object.keys(first) : undefined;
  } catch {
    return undefined;
  }
}

type HeaderRules = Pick<RecordMapper, "format" | "requiredColumns">;

/**
 * manifest-jsonl (whole contract shipments, no mapping): the upload is only
 * checked to be JSON lines; each line is checked by the import job.
 */
function manifestJsonlRules(request: UploadRequest, recordFormat: RecordFormat): HeaderRules {
  if (request.mapping !== undefined) {
    throw new AppError("validation_failed", "format=manifest-jsonl takes no mapping", { errors: [{ path: "mapping", message: "only with format=custom" }] });
  }
  if (recordFormat !== "ndjson") {
    throw new AppError("validation_failed", "format=manifest-jsonl is JSON lines", {
      errors: [{ path: "headers.content-type", message: "send a manifest-jsonl file as application/x-ndjson" }],
    });
  }
  return { format: MANIFEST_JSONL, requiredColumns: [] };
}

function checkHeader(start: Buffer, format: RecordFormat, mapper: HeaderRules): void {
  const columns = firstLineColumns(start, format);
  if (!columns) {
    throw new AppError("validation_failed", "the first line of the file is not a readable header", {
      errors: [{ path: "body", message: format === "csv" ? "the first line must be the CSV header" : "the first line must be a JSON object" }],
    });
  }
  const missing = missingFrom(columns, mapper);
  if (missing.length > 0) {
    throw new AppError("validation_failed", `the file lacks ${missing.length} expected column(s): ${missing.join(", ")}`, {
      missingColumns: missing,
      errors: missing.map((c) => ({ path: `columns.${c}`, message: "missing from the header" })),
    });
  }
}

export async function receiveHistoryUpload(services: Services, request: UploadRequest): Promise<UploadAnswer> {
  const columnMapper = request.format === MANIFEST_JSONL ? undefined : mapperFor(request.format, request.mapping);
  const recordFormat = recordFormatOf(request.contentType);
  const mapper = columnMapper ?? manifestJsonlRules(request, recordFormat);
  const limit = services.config.HISTORY_UPLOAD_LIMIT;
  if (request.contentLength !== undefined && request.contentLength > limit) {
    throw new AppError("payload_too_large", `the file is ${request.contentLength} bytes; history uploads take at most ${limit} bytes`, { limit });
  }
  const { unit } = request;
  const created = await services.pool.query<{ id: string }>(
    `INSERT INTO history_import (id, unit_id, format, file_name, status, mapping) VALUES (gen_random_uuid(), $1, $2, $3, 'uploading', $4) RETURNING id`,
    [unit.id, mapper.format, request.fileName ?? null, request.mapping === undefined ? null : JSON.stringify(request.mapping)],
  );
  const importId = created.rows[0]!.id;
  try {
    const stored = await storeUpload(services.pool, importId, request.body, { limit, checkStart: (start) => checkHeader(start, recordFormat, mapper) });
    if (stored.bytes === 0 || !/\S/.test(await firstBytes(services, importId))) {
      throw new AppError("validation_failed", "the file is empty", { errors: [{ path: "body", message: "empty file: send a header line and records" }] });
    }
    const existing = await claimFile(services, unit.id, importId, stored.hash, stored.bytes);
    if (existing) {
      await services.pool.query("DELETE FROM history_import WHERE id = $1", [importId]);
      return { status: 200, body: { importId: existing.id, jobId: existing.analysis_job_id, status: existing.status, duplicate: true, bytes: stored.bytes, fileHash: stored.hash } };
    }
    const job = await createAnalysisJob(services, { unitId: unit.id, kind: "history_import", params: { historyImportId: importId, recordFormat }, createdBy: request.actor.principal?.userId });
    await services.pool.query("UPDATE history_import SET analysis_job_id = $2 WHERE id = $1", [importId, job.id]);
    await recordAudit(services.pool, request.actor, {
      action: "history_import.received",
      entityType: "history_import",
      entityId: importId,
      unitId: unit.id,
      details: { format: mapper.format, bytes: stored.bytes, fileHash: stored.hash, jobId: job.id },
    });
    return { status: 202, body: { importId, jobId: job.id, status: "queued", duplicate: false, bytes: stored.bytes, fileHash: stored.hash } };
  } catch (error) {
    await services.pool.query("DELETE FROM history_import WHERE id = $1 AND status = 'uploading'", [importId]).catch(() => undefined);
    throw error;
  }
}

async function firstBytes(services: Services, importId: string): Promise<string> {
  const found = await services.pool.query<{ start: Buffer }>("SELECT substring(data FROM 1 FOR 4096) AS start FROM history_upload_chunk WHERE import_id = $1 AND seq = 0", [importId]);
  return found.rows[0]?.start.toString("utf8") ?? "";
}

interface ImportRef {
  id: string;
  status: string;
  analysis_job_id: string | null;
}

/** Marks the upload complete; returns the earlier import of the same file instead, if there is one. */
async function claimFile(services: Services, unitId: string, importId: string, hash: string, bytes: number): Promise<ImportRef | undefined> {
  try {
    await services.pool.query("UPDATE history_import SET file_hash = $2, byte_size = $3, status = 'queued' WHERE id = $1", [importId, hash, bytes]);
    return undefined;
  } catch (error) {
    if ((error as { code?: string }).code !== "23505") throw error;
    const found = await services.pool.query<ImportRef>(
      "SELECT id, status, analysis_job_id FROM history_import WHERE unit_id = $1 AND file_hash = $2 AND status <> 'failed'",
      [unitId, hash],
    );
    if (!found.rows[0]) throw error;
    return found.rows[0];
  }
}
