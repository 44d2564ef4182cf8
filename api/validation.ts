// zod at the edge: a failed parse becomes a 400 whose errors name each field
// the way a client writes it, e.g. `shipments[3].containerNumber`.
import type { z } from "zod";
import { AppError, type FieldError } from "../core/errors.js";

/** At most this many field errors are returned; the total is always given. */
const MAX_ERRORS = 200;

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

const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Keys that could reach an object's prototype. zod drops `__proto__` silently;
 * a client sending one gets told instead, with the path.
 */
export function reservedKeyErrors(value: unknown, root?: string): FieldError[] {
  const errors: FieldError[] = [];
  // One mutable path stack: a 20,000-shipment manifest has ~1M nodes.
  const path: (string | number)[] = [];
  const walk = (node: unknown) => {
    if (errors.length >= MAX_ERRORS || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index += 1) {
        path.push(index);
        walk(node[index]);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      path.push(key);
      if (RESERVED_KEYS.has(key)) errors.push({ path: formatPath(path, root), message: "reserved key name" });
      else walk((node as Record<string, unknown>)[key]);
      path.pop();
    }
  };
  walk(value);
  return errors;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.infer<S> {
  const result = schema.safeParse(value);
  const reserved = reservedKeyErrors(value, root);
  if (result.success && reserved.length === 0) return result.data;
  const errors = [...reserved, ...(result.success ? [] : zodErrors(result.error, root))];
  throw new AppError("validation_failed", `${errors.length} field(s) are not valid`, {
    errors: errors.slice(0, MAX_ERRORS),
    errorCount: errors.length,
    truncated: errors.length > MAX_ERRORS,
  });
}
