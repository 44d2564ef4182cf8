// Opaque keyset cursor for the queue sorted by score: (score, id) of the last
// row seen. Opaque so clients do not build their own.
import { validationFailed } from "../errors.js";
import { isUuid } from "../ids.js";

export interface Cursor {
  score: number;
  id: string;
}

export const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify([cursor.score === -Infinity ? "-inf" : cursor.score, cursor.id])).toString("base64url");

export function decodeCursor(text: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    // A real UUID, not 36 hex digits and dashes in any order: PostgreSQL refuses those (a 500 before).
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === "string" && isUuid(parsed[1])) {
      const score: unknown = parsed[0] === "-inf" ? -Infinity : parsed[0];
      if (typeof score === "number" && (Number.isFinite(score) || score === -Infinity)) return { score, id: parsed[1] };
    }
  } catch {
    // fall through to the validation error below
  }
  throw validationFailed([{ path: "query.cursor", message: "not a cursor returned by this API" }]);
}
