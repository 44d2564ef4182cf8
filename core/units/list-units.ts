import type { Services } from "../services.js";

export async function listUnits(services: Pick<Services, "prisma">) {
  const units = await services.prisma.controlUnit.findMany({
    orderBy: { code: "asc" },
    include: { agencies: { include: { agency: true } } },
  });
  return {
    items: units.map((unit) => ({
      code: unit.code,
      name: unit.name,
      locode: unit.locode,
      country: unit.country,
      kind: unit.kind,
      programme: unit.programme,
      timeZone: unit.timeZone,
      agencies: unit.agencies.map(({ agency }) => ({ code: agency.code, name: agency.name, kind: agency.kind })),
    })),
  };
}
