// Who the caller is, as GET /v1/me answers it: name, agency, memberships and
// whether a password must be chosen first. The sign-in answer carries the
// same document, so the web client starts its first screen without asking.
import type { Services } from "../services.js";
import type { Principal } from "./principal.js";

export async function describeCaller(services: Pick<Services, "prisma">, principal: Principal) {
  const user = await services.prisma.user.findUniqueOrThrow({ where: { id: principal.userId }, include: { agency: true, memberships: { include: { unit: true } } } });
  return {
    username: user.username,
    displayName: user.displayName,
    passwordChangeRequired: principal.passwordChangeRequired === true,
    agency: { code: user.agency.code, name: user.agency.name },
    memberships: user.memberships.map((m) => ({ role: m.role, unitCode: m.unit?.code ?? null, programme: m.programme, country: m.country })),
  };
}
