// Which units a programme manager's summaries cover: the units their manager
// memberships reach (one unit, a country, a programme), narrowed by the
// `units` filter. Someone without a manager role covers no unit. Within those
// units a manager reads what their agency may read (core/auth/sharing-filter.ts).
import { rolesInUnit, type Principal } from "../auth/principal.js";
import type { SharingViewer } from "../auth/sharing-filter.js";
import type { Services } from "../services.js";

export interface SummaryScope extends SharingViewer {
  unitIds: string[];
  unitCodes: string[];
}

export async function managerScope(services: Pick<Services, "pool">, principal: Principal, requested?: readonly string[]): Promise<SummaryScope> {
  // The unit table is small (one row per port unit); the memberships decide in one place (principal.ts).
  const units = await services.pool.query<{ id: string; code: string; country: string; programme: string }>(
    "SELECT id, code, country, programme FROM control_unit ORDER BY code",
  );
  const wanted = requested && requested.length > 0 ? new Set(requested.map((code) => code.toUpperCase())) : undefined;
  const inScope = units.rows.filter((unit) => rolesInUnit(principal, unit).has("manager") && (!wanted || wanted.has(unit.code)));
  return { unitIds: inScope.map((u) => u.id), unitCodes: inScope.map((u) => u.code), agencyId: principal.agencyId };
}
