// What one claimed file becomes: an EDIFACT interchange (E1's
// receiveInterchange), a JSON manifest (ingestManifest) or a history file
// (receiveHistoryUpload), through the same use cases as the HTTP routes.
// Bad input is an answer (the file goes to failed/ with it); anything else
// (database down...) is thrown, and the watcher retries the file later.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import type { AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { decodeInterchange } from "../edifact/decode-interchange.js";
import { receiveInterchange } from "../edifact/receive-interchange.js";
import { AppError, type FieldError } from "../errors.js";
import { receiveHistoryUpload } from "../history/receive-history-upload.js";
import { ingestManifest } from "../manifests/ingest-manifest.js";
import { manifestSchema } from "../manifests/manifest-schema.js";
import type { Services } from "../services.js";
import type { StoredAnswer } from "./inbox-claims.js";
import { historyFormatOf, type InboxKind } from "./inbox-file-names.js";

export interface ClaimedFile {
  unit: UnitScope;
  /** Where the bytes are now (the watcher's processing directory). */
  path: string;
  /** The name the sender gave it. */
  name: string;
  kind: InboxKind;
  contentHash: string;
  byteSize: number;
  /** Preset of `.csv` history files. */
  csvFormat: string;
  actor: AuditActor;
}

export interface FileOutcome {
  status: "done" | "failed";
  answer: StoredAnswer;
  /** One line for the admin overview when the file failed. */
  error?: string | undefined;
}

export async function processInboxFile(services: Services, file: ClaimedFile): Promise<FileOutcome> {
  try {
    if (file.kind === "edi") return await processInterchange(services, file);
    if (file.kind === "manifest") return await processManifest(services, file);
    return await processHistory(services, file);
  } catch (error) {
    // Domain errors are the sender's to fix; the others are ours, and retried.
    if (error instanceof AppError && error.code !== "unavailable") return rejected(error.message, error.details.errors ?? [], { code: error.code, ...error.details });
    throw error;
  }
}

function jsonAnswer(summary: Record<string, unknown>): StoredAnswer {
  return { fileSuffix: ".answer.json", text: `${JSON.stringify(summary, null, 2)}\n`, summary };
}

function rejected(message: string, errors: readonly FieldError[], extra: Record<string, unknown> = {}): FileOutcome {
  return { status: "failed", answer: jsonAnswer({ ...extra, status: "rejected", message, errors }), error: message };
}

function tooLarge(file: ClaimedFile, limit: number): FileOutcome | undefined {
  if (file.byteSize <= limit) return undefined;
  return rejected(`the file is ${file.byteSize} bytes; this kind takes at most ${limit} bytes`, [{ path: "file", message: `larger than ${limit} bytes` }]);
}

async function processInterchange(services: Services, file: ClaimedFile): Promise<FileOutcome> {
  const large = tooLarge(file, services.config.MANIFEST_BODY_LIMIT);
  if (large) return large;
  const text = decodeInterchange(await readFile(file.path));
  const result = await receiveInterchange(services, { unitCode: file.unit.code, text, actor: file.actor, source: "inbox" });
  const summary = {
    controlReference: result.controlReference,
    replyKind: result.replyKind,
    accepted: result.accepted,
    duplicate: result.duplicate,
    messages: result.messages,
  };
  const answer: StoredAnswer = { fileSuffix: `.${result.replyKind.toLowerCase()}.edi`, text: result.reply, summary };
  if (result.accepted) return { status: "done", answer };
  const refused = result.messages.filter((m) => m.status === "rejected");
  const error = result.replyKind === "CONTRL"
    ? `CONTRL: ${result.messages.flatMap((m) => m.errors)[0]?.message ?? "interchange rejected"}`
    : `CUSRES: ${refused.length} of ${result.messages.length} message(s) rejected${refused[0]?.errors[0] ? `: ${refused[0].errors[0].segment} ${refused[0].errors[0].message}` : ""}`;
  return { status: "failed", answer, error };
}

/** `shipments[3].containerNumber`, as the HTTP route names fields. */
function fieldPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : `${text ? "." : ""}${String(part)}`;
  return text || "body";
}

function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.slice(0, 200).map((issue) => ({ path: fieldPath(issue.path), message: issue.message }));
}

async function processManifest(services: Services, file: ClaimedFile): Promise<FileOutcome> {
  const large = tooLarge(file, services.config.MANIFEST_BODY_LIMIT);
  if (large) return large;
  let body: unknown;
  try {
    body = JSON.parse((await readFile(file.path, "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    return rejected("the file is not JSON", [{ path: "body", message: (error as Error).message }]);
  }
  const parsed = manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS).safeParse(body);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error);
    return rejected(`${parsed.error.issues.length} field(s) are not valid`, errors, { errorCount: parsed.error.issues.length });
  }
  // The file's hash as idempotency key: a file taken over after a crash gets the first run's answer.
  const result = await ingestManifest(services, { unit: file.unit, manifest: parsed.data, idempotencyKey: `inbox:${file.contentHash}`, actor: file.actor });
  return { status: "done", answer: jsonAnswer({ ...result.body }) };
}

async function processHistory(services: Services, file: ClaimedFile): Promise<FileOutcome> {
  const { format, contentType } = historyFormatOf(file.name, file.csvFormat);
  const answer = await receiveHistoryUpload(services, {
    unit: file.unit,
    format,
    contentType,
    contentLength: file.byteSize,
    fileName: file.name,
    body: createReadStream(file.path),
    actor: file.actor,
  });
  // The rows are read by a history_import job on the worker pool; the answer names the import to follow.
  return { status: "done", answer: jsonAnswer({ ...answer.body, format, follow: `/v1/units/${file.unit.code}/history-imports/${answer.body.importId}` }) };
}
