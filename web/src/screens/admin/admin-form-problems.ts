// What the admin screens' checked forms (new user, grant a role) share, free
// of JSX so the unit tests load it under the root type check: the roles and
// which of them work in one unit, a field's problem, the problems a new role or
// scope clears, and the loop that reads the API's field errors back onto a
// form's fields in the form's own words.
import type { MessageKey } from "../../i18n.js";

/** admin-shared.tsx's AdminRole. */
export type AdminRole = "officer" | "analyst" | "manager" | "admin";

/** Roles that work in one unit: the API refuses them without it. */
export const UNIT_ROLES: readonly AdminRole[] = ["officer", "analyst"];

/**
 * What editing a field clears besides its own problem (useCheckedForm's `clears`): a new role asks for another
 * scope, and any part of a scope given (`scope`: the form's unit, programme, country) may answer the scope's
 * problem, the unit's or a manager's (shown at the programme).
 */
export function scopeClears<F extends string>(scope: readonly F[]): Partial<Record<"role" | F, readonly ("unitCode" | "programme")[]>> {
  const cleared = ["unitCode", "programme"] as const;
  return Object.fromEntries(["role", ...scope].map((field) => [field, cleared])) as Partial<Record<"role" | F, typeof cleared>>;
}

/** A problem at a field: a message key, or (from the API, when not one we know) its own words. */
export type FieldProblem = MessageKey | { text: string };

/**
 * API field errors split into those the form's fields show (`fieldOf` names the field an error path is about,
 * `problemOf` says it as the form does; the first error of a field wins) and the rest.
 */
export function serverProblems<F extends string>(
  errors: readonly { path: string; message: string }[],
  fieldOf: (path: string) => F | null,
  problemOf: (field: F, message: string) => FieldProblem,
): { byField: Partial<Record<F, FieldProblem>>; rest: { path: string; message: string }[] } {
  const byField: Partial<Record<F, FieldProblem>> = {};
  const rest: { path: string; message: string }[] = [];
  for (const e of errors) {
    const field = fieldOf(e.path);
    if (field && byField[field] === undefined) byField[field] = problemOf(field, e.message);
    else if (!field) rest.push(e);
  }
  return { byField, rest };
}
