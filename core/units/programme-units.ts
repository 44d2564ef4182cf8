// The other units of a unit's programme: those its officers may refer a
// seizure to (a referral's programme_unit recipient, create-referral.ts
// checks the same rule) or send an alert to. Codes and names only, no
// memberships: any reader of the unit may see who its partners are.
import type { UnitScope } from "../auth/principal.js";
import type { Pool } from "../db/pool.js";

export interface ProgrammeUnit {
  code: string;
  name: string;
  locode: string;
  country: string;
  kind: string;
}

export async function programmeUnits(pool: Pool, unit: UnitScope): Promise<{ programme: string; items: ProgrammeUnit[] }> {
  const rows = await pool.query<ProgrammeUnit>(
    "SELECT code, name, locode, country, kind::text AS kind FROM control_unit WHERE programme = $1 AND id <> $2 ORDER BY country, code",
    [unit.programme, unit.id],
  );
  return { programme: unit.programme, items: rows.rows };
}
