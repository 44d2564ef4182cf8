// The grant-role form's checks before it is sent, and the API's field errors
// read back onto its fields. Nothing is chosen for the admin: the user and
// the role are picked, an officer's or analyst's unit too, and a manager's
// scope (a unit, a programme or a country) is given.
import { UNIT_ROLES, scopeClears, serverProblems, type AdminRole, type FieldProblem } from "./admin-form-problems.js";

export interface GrantRole {
  userId: string;
  role: AdminRole | "";
  unitCode: string;
  programme: string;
  country: string;
}
export type GrantRoleField = keyof GrantRole;
const FIELDS: readonly GrantRoleField[] = ["userId", "role", "unitCode", "programme", "country"];

export type GrantRoleProblems = Partial<Record<GrantRoleField, FieldProblem>>;

export const EMPTY_GRANT: GrantRole = { userId: "", role: "", unitCode: "", programme: "", country: "" };

export function grantRoleProblems(form: GrantRole): GrantRoleProblems {
  const problems: GrantRoleProblems = {};
  if (!form.userId) problems.userId = "form.chooseRequired";
  if (form.country.trim() && !/^[A-Za-z]{2}$/.test(form.country.trim())) problems.country = "admin.roles.countryFormat";
  if (!form.role) problems.role = "form.chooseRequired";
  else if (UNIT_ROLES.includes(form.role) && !form.unitCode) problems.unitCode = "admin.users.unitRequired";
  else if (form.role === "manager" && !form.unitCode && !form.programme.trim() && !form.country.trim()) problems.programme = "admin.roles.managerScope";
  return problems;
}

/** Editing the role or a part of the scope clears the scope's problems. */
export const GRANT_ROLE_CLEARS = scopeClears(["unitCode", "programme", "country"] as const);

/** The API's words for a field, as the form says them. */
function problemOf(field: GrantRoleField, message: string): FieldProblem {
  if (field === "unitCode" && /^required for the/.test(message)) return "admin.users.unitRequired";
  if (field === "programme" && /needs a unitCode, programme or country/.test(message)) return "admin.roles.managerScope";
  if (field === "country" && /ISO 3166/.test(message)) return "admin.roles.countryFormat";
  return { text: message };
}

const fieldOf = (path: string): GrantRoleField | null => ((FIELDS as readonly string[]).includes(path) ? (path as GrantRoleField) : null);

/** API field errors split into those the form's fields show and the rest. */
export function grantRoleServerProblems(errors: readonly { path: string; message: string }[]) {
  return serverProblems(errors, fieldOf, problemOf);
}

export function grantRoleBody(form: GrantRole) {
  return {
    role: form.role,
    ...(form.unitCode ? { unitCode: form.unitCode } : {}),
    ...(form.programme.trim() ? { programme: form.programme.trim() } : {}),
    ...(form.country.trim() ? { country: form.country.trim().toUpperCase() } : {}),
  };
}
