// Who is calling, as established from their token: the user, their agency and
// their roles. Every authorisation decision reads this and nothing else.
export type Role = "officer" | "analyst" | "manager" | "admin";

export interface MembershipGrant {
  role: Role;
  unitId: string | null;
  programme: string | null;
  country: string | null;
}

export interface Principal {
  userId: string;
  username: string;
  agencyId: string;
  tokenId: string;
  grants: MembershipGrant[];
  /** A web session signed in with a one-time password: only /v1/me, its password change and sign-out answer. */
  passwordChangeRequired?: boolean;
}

export interface UnitScope {
  id: string;
  code: string;
  country: string;
  programme: string;
}

/** Roles the principal holds for a unit: unit memberships, and manager scopes that cover it. */
export function rolesInUnit(principal: Principal, unit: UnitScope): Set<Role> {
  const roles = new Set<Role>();
  for (const grant of principal.grants) {
    if (grant.unitId === unit.id) roles.add(grant.role);
    else if (grant.role === "manager" && !grant.unitId) {
      const programmeOk = !grant.programme || grant.programme === unit.programme;
      const countryOk = !grant.country || grant.country === unit.country;
      if (programmeOk && countryOk) roles.add("manager");
    }
  }
  return roles;
}

export const isAdmin = (principal: Principal) => principal.grants.some((grant) => grant.role === "admin");

/**
 * The access decision for a unit route: allowed; `forbidden` (the user works
 * with this unit but their role may not do this: 403); or `hidden` (the unit
 * is none of theirs: 404, so its existence does not leak).
 */
export function unitAccess(principal: Principal, unit: UnitScope, allowed: readonly Role[]): "allowed" | "forbidden" | "hidden" {
  const roles = rolesInUnit(principal, unit);
  if (roles.size === 0) return "hidden";
  return allowed.some((role) => roles.has(role)) ? "allowed" : "forbidden";
}
