// Opaque keyset cursor for the queue in any of its sort orders: the sort, and
// the sort value and id of the last row seen. Opaque so clients do not build
// their own; bound to its sort, so a cursor from another order is refused.
import { validationFailed } from "../errors.js";
import { isUuid } from "../ids.js";

export interface Cursor {
  sort: string;
  /** The last row's sort value as PostgreSQL prints it; null when it had none. */
  value: string | null;
  id: string;
}

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString("base64url");

const refused = () => validationFailed([{ path: "query.cursor", message: "not a cursor returned by this API for this sort order" }]);

export function decodeCursor(text: string, sort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw refused();
  }
  // A real UUID, not 36 hex digits and dashes in any order: PostgreSQL refuses those (a 500 before).
  if (!Array.isArray(parsed) || parsed.length !== 3) throw refused();
  const [cursorSort, value, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof id !== "string" || !isUuid(id)) throw refused();
  if (value !== null && (typeof value !== "string" || value.length > 200)) throw refused();
  return { sort, value, id };
}
