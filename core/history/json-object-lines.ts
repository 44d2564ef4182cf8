// Splits a stream of JSON lines into parsed values, one line at a time,
// keeping nested objects (the flat reader in read-records.ts turns values
// into text). Memory stays bounded by the line cap, not the file: a line
// longer than the cap is skipped up to its end and reported, never held.
import { Readable } from "node:stream";

/** Longest line accepted, in bytes (a contract shipment with 100 attributes is ~50 kB). */
export const MAX_LINE_BYTES = 1024 * 1024;

export type JsonLine = { line: number; value: unknown } | { line: number; problem: string };

const NEWLINE = 0x0a;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function parseLine(bytes: Buffer, line: number): JsonLine | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { line, problem: "not valid UTF-8" };
  }
  if (line === 1) text = text.replace(/^\uFEFF/, "");
  text = text.trim();
  if (text === "") return undefined;
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, problem: `not valid JSON: ${(error as Error).message.slice(0, 120)}` };
  }
}

/** The lines of the input, blank ones skipped; `line` counts every line of the file from 1. */
export async function* jsonObjectLines(input: Readable | AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<JsonLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** Bytes of the current line when it went over the cap (the rest is skipped). */
  let overflow = 0;
  let line = 1;
  const finish = (): JsonLine | undefined => {
    const result = overflow > 0
      ? { line, problem: `line longer than ${maxLineBytes} bytes (at least ${overflow}): one shipment per line` }
      : parseLine(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes), line);
    pending = [];
    pendingBytes = 0;
    overflow = 0;
    line += 1;
    return result;
  };
  const take = (piece: Buffer) => {
    if (overflow > 0) overflow += piece.length;
    else if (pendingBytes + piece.length > maxLineBytes) {
      overflow = pendingBytes + piece.length;
      pending = [];
      pendingBytes = 0;
    } else if (piece.length > 0) {
      pending.push(piece);
      pendingBytes += piece.length;
    }
  };
  for await (const chunk of input instanceof Readable ? input : Readable.from(input)) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      take(buffer.subarray(start, end));
      const result = finish();
      if (result) yield result;
      start = end + 1;
    }
    // Copied: the source may reuse its buffer once this chunk is consumed.
    if (start < buffer.length) take(Buffer.from(buffer.subarray(start)));
  }
  if (pendingBytes > 0 || overflow > 0) {
    const result = finish();
    if (result) yield result;
  }
}
