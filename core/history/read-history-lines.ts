// Reads a `manifest-jsonl` history file (one contract shipment a line, voyage
// inline, with `outcome`) as a stream of history rows or per-line rejections.
// Shared by the import job and the command line, so both accept the same
// lines; a rejected line never stops the ones after it.
import type { Readable } from "node:stream";
import type { HistoryRow } from "./history-row.js";
import { jsonObjectLines, MAX_LINE_BYTES } from "./json-object-lines.js";
import { mapHistoryLine } from "./manifest-history-line.js";
import { EmptyFileError } from "./read-records.js";

export type HistoryLineResult =
  | { line: number; ok: true; row: HistoryRow }
  | { line: number; ok: false; reasons: string[]; externalRef?: string | undefined };

export interface HistoryLineOptions {
  /** Longest line accepted in bytes (default 1 MB); longer lines are rejected, not held. */
  maxLineBytes?: number;
}

/** The bill of lading and container of a rejected line, where it has them, for the error report. */
function refOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { billOfLading, containerNumber } = value as Record<string, unknown>;
  const parts = [billOfLading, containerNumber].filter((p): p is string => typeof p === "string" && p.length > 0 && p.length <= 40);
  return parts.length > 0 ? parts.join("/") : undefined;
}

/** Throws EmptyFileError when the file holds no line at all. */
export async function* readHistoryLines(input: Readable | AsyncIterable<Buffer | string>, options: HistoryLineOptions = {}): AsyncGenerator<HistoryLineResult> {
  let lines = 0;
  for await (const parsed of jsonObjectLines(input, options.maxLineBytes ?? MAX_LINE_BYTES)) {
    lines += 1;
    if ("problem" in parsed) {
      yield { line: parsed.line, ok: false, reasons: [parsed.problem] };
      continue;
    }
    const externalRef = refOf(parsed.value);
    const mapped = mapHistoryLine(parsed.value, parsed.line);
    yield mapped.ok ? { line: parsed.line, ok: true, row: mapped.row } : { line: parsed.line, ok: false, reasons: mapped.reasons, externalRef };
  }
  if (lines === 0) throw new EmptyFileError("the file is empty: no JSON line");
}
