// The new-user form's checks before it is sent, and the API's field errors
// read back onto the form's fields in words (memberships[0].unitCode is the
// Unit field; "required for the officer role" says to choose a unit).
import { UNIT_ROLES, scopeClears, serverProblems, type AdminRole, type FieldProblem } from "./admin-form-problems.js";

export { UNIT_ROLES };

export interface NewUser {
  username: string;
  displayName: string;
  agencyCode: string;
  role: AdminRole | "";
  unitCode: string;
  programme: string;
  password: string;
}
export type NewUserField = keyof NewUser;
export const NEW_USER_FIELDS: readonly NewUserField[] = ["username", "displayName", "agencyCode", "role", "unitCode", "programme", "password"];

/** Nothing chosen for the admin: the role, and the unit an officer or analyst works in, are picked. */
export const EMPTY_NEW_USER: NewUser = { username: "", displayName: "", agencyCode: "", role: "", unitCode: "", programme: "", password: "" };

export type NewUserProblems = Partial<Record<NewUserField, FieldProblem>>;

export function newUserProblems(form: NewUser): NewUserProblems {
  const problems: NewUserProblems = {};
  if (!form.username.trim()) problems.username = "form.required";
  else if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(form.username.trim())) problems.username = "admin.users.usernameFormat";
  if (!form.displayName.trim()) problems.displayName = "form.required";
  if (!form.agencyCode) problems.agencyCode = "form.chooseRequired";
  if (!form.role) problems.role = "form.chooseRequired";
  else if (UNIT_ROLES.includes(form.role) && !form.unitCode) problems.unitCode = "admin.users.unitRequired";
  else if (form.role === "manager" && !form.unitCode && !form.programme.trim()) problems.programme = "admin.users.managerScope";
  if (form.password && form.password.length < 12) problems.password = "admin.users.passwordLength";
  return problems;
}

/** Editing the role or a part of the scope clears the scope's problems. */
export const NEW_USER_CLEARS = scopeClears(["unitCode", "programme"] as const);

/** The form field an API error path names (`memberships[0].unitCode` → unitCode), or null. */
export function newUserFieldOf(path: string): NewUserField | null {
  const field = path.replace(/^memberships\[\d+\]\./, "");
  if (field === "memberships") return "role";
  return (NEW_USER_FIELDS as readonly string[]).includes(field) ? (field as NewUserField) : null;
}

/** The API's words for a field, as the form says them. */
function problemOf(field: NewUserField, message: string): FieldProblem {
  if (field === "unitCode" && /^required for the/.test(message)) return "admin.users.unitRequired";
  if (field === "programme" && /needs a unitCode, programme or country/.test(message)) return "admin.users.managerScope";
  if (field === "password" && /at least 12/.test(message)) return "admin.users.passwordLength";
  if (field === "username" && /lowercase letters/.test(message)) return "admin.users.usernameFormat";
  if (field === "username" && /already taken/.test(message)) return "admin.users.usernameTaken";
  if (/^required$|^Required$/.test(message)) return "form.required";
  return { text: message };
}

/** API field errors split into those the form's fields show and the rest. */
export function newUserServerProblems(errors: readonly { path: string; message: string }[]) {
  return serverProblems(errors, newUserFieldOf, problemOf);
}

export function newUserBody(form: NewUser) {
  const membership = { role: form.role, ...(form.unitCode ? { unitCode: form.unitCode } : {}), ...(form.programme.trim() ? { programme: form.programme.trim() } : {}) };
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    agencyCode: form.agencyCode,
    ...(form.password ? { password: form.password } : {}),
    memberships: [membership],
  };
}
