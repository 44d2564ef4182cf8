// zod at the edge: a failed parse becomes a 400 whose errors name each field
// the way a client writes it, e.g. `shipments[3].containerNumber`.
import type { z } from "zod";
import { AppError, type FieldError } from "../core/errors.js";
import { RESERVED_KEYS, textProblem } from "../core/input-text.js";

export { textProblem };

/** At most this many field errors are returned; the total is always given. */
const MAX_ERRORS = 200;

/**
 * Deepest nesting any request may have. A valid profile document is the
 * deepest input (about 32 levels); 64 leaves room, and stays far below where
 * a recursive reader (zod, JSON.stringify) would run out of stack.
 */
export const MAX_INPUT_DEPTH = 64;

export function formatPath(path: readonly PropertyKey[], root?: string): string {
  let text = root ?? "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || "body";
}

export function zodErrors(error: z.ZodError, root?: string): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key], root), message: "unknown field (extra data belongs in attributes)" }))
      : [{ path: formatPath(issue.path, root), message: issue.message }],
  );
}

interface Frame {
  container: object;
  /** Keys of an object; null for an array. */
  keys: string[] | null;
  index: number;
  /** This container's key in its parent (unused for the root). */
  key: string | number;
}

/**
 * Problems any input may have, found without recursion (a 20,000-shipment
 * manifest has ~1M nodes; a hostile body may nest 100,000 levels): nesting
 * deeper than MAX_INPUT_DEPTH (reported alone: nothing below is read), keys
 * that could reach an object's prototype (zod drops `__proto__` silently), and
 * text with NUL or lone surrogates, in keys and values.
 */
export function inputErrors(value: unknown, root?: string): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? [{ path: formatPath([], root), message: problem }] : [];
  }
  if (value === null || typeof value !== "object") return errors;
  const frames: Frame[] = [{ container: value, keys: Array.isArray(value) ? null : Object.keys(value), index: 0, key: "" }];
  const pathTo = (last: string | number) => formatPath([...frames.slice(1).map((frame) => frame.key), last], root);
  while (frames.length > 0 && errors.length < MAX_ERRORS) {
    const frame = frames[frames.length - 1]!;
    const length = frame.keys ? frame.keys.length : (frame.container as unknown[]).length;
    if (frame.index >= length) {
      frames.pop();
      continue;
    }
    const key: string | number = frame.keys ? frame.keys[frame.index]! : frame.index;
    frame.index += 1;
    if (typeof key === "string") {
      if (RESERVED_KEYS.has(key)) {
        errors.push({ path: pathTo(key), message: "reserved key name" });
        continue;
      }
      const keyProblem = textProblem(key);
      if (keyProblem) {
        errors.push({ path: pathTo(key.replaceAll("\u0000", "\\u0000")), message: `field name ${keyProblem}` });
        continue;
      }
    }
    const child: unknown = (frame.container as Record<string | number, unknown>)[key];
    if (typeof child === "string") {
      const problem = textProblem(child);
      if (problem) errors.push({ path: pathTo(key), message: problem });
    } else if (child !== null && typeof child === "object") {
      if (frames.length >= MAX_INPUT_DEPTH) {
        return [{ path: pathTo(key), message: `nested deeper than ${MAX_INPUT_DEPTH} levels` }];
      }
      frames.push({ container: child, keys: Array.isArray(child) ? null : Object.keys(child), index: 0, key });
    }
  }
  return errors;
}

/**
 * Bodies the body readers have already walked (api/middleware/request-body.ts):
 * parseOrThrow does not walk a 1M-node manifest a second time.
 */
const walked = new WeakSet<object>();

export function markWalked(value: unknown): void {
  if (value !== null && typeof value === "object") walked.add(value);
}

export function invalidInput(errors: FieldError[]): AppError {
  return new AppError("validation_failed", `${errors.length} field(s) are not valid`, {
    errors: errors.slice(0, MAX_ERRORS),
    errorCount: errors.length,
    truncated: errors.length > MAX_ERRORS,
  });
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.infer<S> {
  // First, and alone when it fails: zod reads nested input recursively.
  const unsafe = value !== null && typeof value === "object" && walked.has(value) ? [] : inputErrors(value, root);
  if (unsafe.length > 0) throw invalidInput(unsafe);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(zodErrors(result.error, root));
}
