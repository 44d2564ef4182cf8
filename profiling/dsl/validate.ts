// validateProfile: the one entry point that turns untrusted JSON into a
// Profile the compiler can trust, or into errors that name the path to fix.
// Three passes: a bounded walk of the raw JSON (size, depth, reserved keys),
// the zod schema (shapes, strict objects, list sizes), meaning-level checks.
import type { z } from "zod";
import { ErrorCollector, type ProfileError } from "./error-paths.js";
import { LIMITS } from "./limits.js";
import { profileSchema } from "./profile-schema.js";
import type { Profile } from "./profile-types.js";
import { guardRawDocument } from "./raw-guard.js";
import { checkProfileMeaning } from "./semantic-checks.js";

export type { ProfileError } from "./error-paths.js";

export type ValidationResult = { ok: true; profile: Profile } | { ok: false; errors: ProfileError[] };

export function validateProfile(json: unknown): ValidationResult {
  const errors = new ErrorCollector(LIMITS.errors);
  if (!guardRawDocument(json, errors)) return { ok: false, errors: errors.result() };
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) addIssue(issue, json, errors);
    return { ok: false, errors: errors.result() };
  }
  checkProfileMeaning(parsed.data, errors);
  if (errors.count > 0) return { ok: false, errors: errors.result() };
  return { ok: true, profile: parsed.data };
}

function addIssue(issue: z.core.$ZodIssue, json: unknown, errors: ErrorCollector): void {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys":
      for (const key of issue.keys) errors.add([...path, key], "unknown field");
      return;
    case "invalid_union":
      // zod reports an unknown discriminator (op, kind) as a union with no branch errors.
      if (issue.errors.length === 0) {
        const last = path[path.length - 1];
        const found = valueAt(json, path);
        if (found === undefined) errors.add(path, `missing ${String(last)}`);
        else errors.add(path, `unknown ${String(last)} ${JSON.stringify(found)}`);
        return;
      }
      errors.add(path, issue.message);
      return;
    case "too_big":
      errors.add(path, issue.origin === "array" ? `too many items (at most ${String(issue.maximum)})` : issue.origin === "string" ? `too long (at most ${String(issue.maximum)} characters)` : `must be at most ${String(issue.maximum)}`);
      return;
    case "too_small":
      errors.add(path, issue.origin === "array" ? `needs at least ${String(issue.minimum)} item(s)` : issue.origin === "string" ? `must not be empty` : `must be at least ${String(issue.minimum)}${issue.inclusive === false ? " (exclusive)" : ""}`);
      return;
    case "invalid_type":
      errors.add(path, valueAt(json, path) === undefined ? "required" : `expected ${issue.expected}`);
      return;
    default:
      errors.add(path, issue.message);
  }
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current = json;
  for (const seg of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, seg)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return current;
}
