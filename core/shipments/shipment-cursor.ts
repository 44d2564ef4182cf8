// Opaque keyset cursor for the queue sorted by score: (score, id) of the last
// row seen. Opaque so clients do not build their own.
import { validationFailed } from "../errors.js";

export interface Cursor {
  score: number;
  id: string;
}

export const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify([cursor.score === -Infinity ? "-inf" : cursor.score, cursor.id])).toString("base64url");

export function decodeCursor(text: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === "string" && /^[0-9a-f-]{36}$/.test(parsed[1])) {
      const score: unknown = parsed[0] === "-inf" ? -Infinity : parsed[0];
      if (typeof score === "number") return { score, id: parsed[1] };
    }
  } catch {
    // fall through to the validation error below
  }
  throw validationFailed([{ path: "query.cursor", message: "not a cursor returned by this API" }]);
}
