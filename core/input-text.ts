// Text a client sends that PostgreSQL cannot store faithfully: NUL is refused
// by a text column (a 500 before), and a lone UTF-16 surrogate is encoded as
// U+FFFD, silently changing the value. The API refuses both with a 400.

/** Key names that could reach an object's prototype (zod drops `__proto__` silently): refused in any input. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** What is wrong with one string, or undefined when it can be stored as sent. */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000)";
  // String.prototype.isWellFormed is in Node 20 (ES2024); the project's lib is older.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return "contains a lone UTF-16 surrogate (not valid Unicode text)";
  return undefined;
}
