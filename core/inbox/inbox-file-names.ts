// Which files in a watched directory the inbox takes, and as what. Names a
// feed uses while it is still writing (dot files, `.part`, `.tmp`, `~`) are
// never touched: senders write under such a name and rename when complete.
import { extname } from "node:path";

export type InboxKind = "edi" | "manifest" | "history";

/** Sub-directories of a watched directory; never scanned for new files. */
export const INBOX_SUBDIRS = { processing: "processing", done: "done", failed: "failed" } as const;

const KINDS: Record<string, InboxKind> = {
  ".edi": "edi",
  ".edifact": "edi",
  ".json": "manifest",
  ".jsonl": "history",
  ".ndjson": "history",
  ".csv": "history",
};

const IN_FLIGHT = [/^\./, /\.part$/i, /\.partial$/i, /\.filepart$/i, /\.tmp$/i, /\.temp$/i, /~$/, /\.swp$/i];

/** A name a sender is still writing under (or an editor's scratch file). */
export function isInFlightName(name: string): boolean {
  return IN_FLIGHT.some((pattern) => pattern.test(name));
}

/** The kind of a complete file, by its extension; undefined for files the inbox does not take. */
export function inboxKindOf(name: string): InboxKind | undefined {
  return KINDS[extname(name).toLowerCase()];
}

/** History files: manifest-jsonl lines, or CSV in the configured preset (customs-declarations by default). */
export function historyFormatOf(name: string, csvFormat: string): { format: string; contentType: string } {
  return extname(name).toLowerCase() === ".csv" ? { format: csvFormat, contentType: "text/csv" } : { format: "manifest-jsonl", contentType: "application/x-ndjson" };
}
