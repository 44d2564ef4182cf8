// Opaque keyset cursors of the API's lists: the last row's sort values (and
// its id) as a base64url JSON array. Opaque so clients do not build their
// own; each list checks the values it reads back before they reach SQL, and a
// cursor it did not give is a 400 naming query.cursor, never a 500.
import { validationFailed } from "./errors.js";

export const encodeCursor = (parts: readonly unknown[]): string => Buffer.from(JSON.stringify(parts)).toString("base64url");

/** The answer to a cursor this API did not give (or gave for another order or scope, as `message` says). */
export const refusedCursor = (message = "not a cursor returned by this API") => validationFailed([{ path: "query.cursor", message }]);

/** The `count` values a cursor holds, unchecked; refusedCursor(message) when it is not one of ours. */
export function cursorParts(text: string, count: number, message?: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw refusedCursor(message);
  }
  if (!Array.isArray(parsed) || parsed.length !== count) throw refusedCursor(message);
  return parsed as unknown[];
}
