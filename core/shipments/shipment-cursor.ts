// Opaque keyset cursor for the queue in any of its sort orders: the sort, and
// the sort value and id of the last row seen. Opaque so clients do not build
// their own; bound to its sort, so a cursor from another order is refused.
import { cursorParts, encodeCursor as encodeParts, refusedCursor } from "../cursor-parts.js";
import { isUuid } from "../ids.js";

export interface Cursor {
  sort: string;
  /** The last row's sort value as PostgreSQL prints it; null when it had none. */
  value: string | null;
  id: string;
}

export const encodeCursor = (cursor: Cursor) => encodeParts([cursor.sort, cursor.value, cursor.id]);

const REFUSED = "not a cursor returned by this API for this sort order";

export function decodeCursor(text: string, sort: string): Cursor {
  const [cursorSort, value, id] = cursorParts(text, 3, REFUSED);
  // A real UUID, not 36 hex digits and dashes in any order: PostgreSQL refuses those (a 500 before).
  if (cursorSort !== sort || typeof id !== "string" || !isUuid(id)) throw refusedCursor(REFUSED);
  if (value !== null && (typeof value !== "string" || value.length > 200)) throw refusedCursor(REFUSED);
  return { sort, value, id };
}
