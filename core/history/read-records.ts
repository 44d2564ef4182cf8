// Streams the records of an uploaded history file or a CLI input file, CSV or
// JSON lines, one at a time: memory stays bounded whatever the file size.
// Shared by the import job (reading the file back from PostgreSQL) and the
// command line (reading from disk), so both accept and reject the same rows.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { parse } from "csv-parse";

export type RecordFormat = "csv" | "ndjson";

/** One record: source column → raw text. `problem` says why it cannot be read as a row. */
export interface SourceRecord {
  /** Line of the file the record ends on (1 = the first line, the CSV header). */
  line: number;
  values: Record<string, string | undefined>;
  problem?: string;
}

export interface ReadOptions {
  /**
   * Called once with the column names (CSV header, or the keys of the first
   * JSON line) before any record; throw to reject the whole file.
   */
  onHeader?: (columns: string[]) => void;
}

/** The file has no header or no line at all. */
export class EmptyFileError extends Error {
  override readonly name = "EmptyFileError";
}

type Input = Readable | AsyncIterable<Buffer | string>;

const toReadable = (input: Input) => (input instanceof Readable ? input : Readable.from(input));

export function readRecords(input: Input, format: RecordFormat, options: ReadOptions = {}): AsyncGenerator<SourceRecord> {
  return format === "csv" ? readCsv(toReadable(input), options) : readJsonLines(toReadable(input), options);
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

async function* readCsv(input: Readable, options: ReadOptions): AsyncGenerator<SourceRecord> {
  const skipped: SourceRecord[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      // A stray quote inside a field (`12"x`) is kept as text, not a fatal error.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        skipped.push({ line: Number((error as { lines?: unknown } | undefined)?.lines ?? 0), values: {}, problem: `not readable as CSV: ${error?.message.replace(/\s+/g, " ").slice(0, 200) ?? "unknown error"}` });
        return undefined;
      },
    }),
  );
  input.once("error", (error) => parser.destroy(error));
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
    if (!header) {
      header = record.map((name) => name.trim());
      options.onHeader?.(header);
      yield* skipped.splice(0);
      continue;
    }
    yield* skipped.splice(0);
    const values: Record<string, string | undefined> = {};
    const n = Math.min(header.length, record.length);
    for (let i = 0; i < n; i += 1) values[header[i]!] = record[i];
    const problem = record.length === header.length ? undefined : `expected ${header.length} fields, found ${record.length}`;
    yield problem ? { line: info.lines, values, problem } : { line: info.lines, values };
  }
  if (!header) throw new EmptyFileError("the file is empty: no header line");
  yield* skipped.splice(0);
}

function jsonValues(parsed: unknown): { values: Record<string, string | undefined>; problem?: string } {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { values: {}, problem: "not a JSON object" };
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "string") values[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") values[key] = String(value);
    else return { values, problem: `${key}: expected a string, number or boolean` };
  }
  return { values };
}

async function* readJsonLines(input: Readable, options: ReadOptions): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let seenHeader = false;
  let records = 0;
  for await (const raw of lines) {
    lineNo += 1;
    const text = (lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw).trim();
    if (text === "") continue;
    records += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      yield { line: lineNo, values: {}, problem: `not valid JSON: ${(error as Error).message.slice(0, 120)}` };
      continue;
    }
    const { values, problem } = jsonValues(parsed);
    if (!seenHeader && !problem) {
      seenHeader = true;
      options.onHeader?.(Object.keys(values));
    }
    yield problem ? { line: lineNo, values, problem } : { line: lineNo, values };
  }
  if (records === 0) throw new EmptyFileError("the file is empty: no JSON line");
}
