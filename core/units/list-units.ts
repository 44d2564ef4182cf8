import { isAdmin, rolesInUnit, type Principal } from "../auth/principal.js";
import type { Services } from "../services.js";

/** The units the caller works with (all of them for an admin), with the caller's roles in each. */
export async function listUnits(services: Pick<Services, "prisma">, principal: Principal) {
  const units = await services.prisma.controlUnit.findMany({
    orderBy: { code: "asc" },
    include: { agencies: { include: { agency: true } } },
  });
  const admin = isAdmin(principal);
  return {
    items: units
      .map((unit) => ({ unit, roles: [...rolesInUnit(principal, unit)] }))
      .filter(({ roles }) => admin || roles.length > 0)
      .map(({ unit, roles }) => ({
        code: unit.code,
        name: unit.name,
        locode: unit.locode,
        country: unit.country,
        kind: unit.kind,
        programme: unit.programme,
        timeZone: unit.timeZone,
        yourRoles: roles,
        agencies: unit.agencies.map(({ agency }) => ({ code: agency.code, name: agency.name, kind: agency.kind })),
      })),
  };
}
