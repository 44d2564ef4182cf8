// The unit a watcher feeds, with the scope the use cases check against.
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";

export async function findInboxUnit(services: Pick<Services, "pool">, code: string): Promise<UnitScope> {
  const found = await services.pool.query<UnitScope>("SELECT id, code, country, programme FROM control_unit WHERE code = upper($1)", [code]);
  if (!found.rows[0]) throw notFound(`--unit: unit ${code}`);
  return found.rows[0];
}
