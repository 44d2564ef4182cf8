import { notFound } from "../errors.js";
import type { Services } from "../services.js";

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  country: string;
}

/** The unit named in a URL; 404 when there is no such unit. */
export async function findUnit(services: Pick<Services, "prisma">, code: string): Promise<UnitRef> {
  const unit = await services.prisma.controlUnit.findUnique({
    where: { code: code.toUpperCase() },
    select: { id: true, code: true, name: true, country: true },
  });
  if (!unit) throw notFound(`unit ${code}`);
  return unit;
}
