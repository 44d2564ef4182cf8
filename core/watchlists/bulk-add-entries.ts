// Use case: add a pasted block of values to a watchlist, one value a line,
// with one reason and end date for all. All or nothing: when any line cannot
// go on the list, nothing is added and every such line is named (line number,
// value, reason), so the analyst fixes the paste and sends it again, never
// wondering which half went in. Blank lines are skipped; a value given twice
// is added once (counted in `duplicates`); a value already listed is renewed,
// as when adding one entry.
import type { AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import { AppError, type FieldError } from "../errors.js";
import type { Services } from "../services.js";
import { findWatchlist } from "./manage-watchlists.js";
import { storedValue, writeEntries, type NewEntryRow } from "./watchlist-entries.js";
import { MAX_BULK_LINES, MAX_VALUE_LENGTH, type BulkAddQuery } from "./watchlist-schemas.js";

/** At most this many line errors are returned; `errorCount` gives them all. */
const MAX_LINE_ERRORS = 200;

export interface LineError extends FieldError {
  /** 1-based, counting blank lines, as an editor numbers them. */
  line: number;
  value: string;
}

/** The non-blank lines of a pasted block, trimmed, with their line numbers. */
export function pastedLines(text: string): { line: number; value: string }[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .map((raw, index) => ({ line: index + 1, value: raw.trim() }))
    .filter((l) => l.value !== "");
}

const refused = (message: string, errors: FieldError[], extra: Record<string, unknown> = {}) =>
  new AppError("validation_failed", message, { errors: errors.slice(0, MAX_LINE_ERRORS), errorCount: errors.length, truncated: errors.length > MAX_LINE_ERRORS, ...extra });

export async function bulkAddEntries(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  listCode: string,
  text: string,
  options: BulkAddQuery,
  actor: AuditActor,
) {
  const now = services.now();
  const lines = pastedLines(text);
  if (lines.length === 0) throw refused("nothing to add", [{ path: "body", message: "paste at least one value, one a line" }]);
  if (lines.length > MAX_BULK_LINES) {
    throw refused(`at most ${MAX_BULK_LINES} values per paste`, [{ path: "body", message: `${lines.length} values: split the paste into blocks of at most ${MAX_BULK_LINES}` }]);
  }
  const expiresAt = options.expiresAt ? new Date(options.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw refused("the end date is not valid", [{ path: "query.expiresAt", message: "must be in the future" }]);
  return withTransaction(services.pool, async (client) => {
    const list = await findWatchlist(client, unit.id, listCode);
    const errors: LineError[] = [];
    const byValue = new Map<string, NewEntryRow>();
    let duplicates = 0;
    for (const { line, value } of lines) {
      const stored = value.length > MAX_VALUE_LENGTH ? { problem: `longer than ${MAX_VALUE_LENGTH} characters` } : storedValue(list.kind, value);
      if ("problem" in stored) errors.push({ path: `line ${line}`, line, value: value.slice(0, 100), message: stored.problem });
      else if (byValue.has(stored.value)) duplicates += 1;
      else byValue.set(stored.value, { display: value, provenance: options.provenance ?? null, expiresAt });
    }
    if (errors.length > 0) {
      throw refused(`${errors.length} of ${lines.length} line${lines.length === 1 ? "" : "s"} cannot go on ${list.code}: nothing was added`, errors, { lines: lines.length });
    }
    const written = await writeEntries(client, unit, list, byValue, actor, now, { pasted: lines.length, duplicates });
    return { watchlist: list.code, lines: lines.length, added: written.added, renewed: written.renewed, duplicates };
  });
}
