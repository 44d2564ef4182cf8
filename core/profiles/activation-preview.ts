// What activating a version would change, for the analyst's confirmation:
// how many containers of the open queue a re-score would score again (the
// same shipments the activation's re-score stores, rescore-upcoming.ts), and
// the random draw. A version draws its random selection from a hash of the
// shipment and the version's id (profiling/dsl/LANGUAGE.md, `randomRate`), so
// a new version draws anew: the containers picked at random change.
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import { findProfile, findVersion } from "./profile-store.js";
import { countUpcoming } from "./rescore-upcoming.js";

export interface ActivationPreview {
  version: number;
  /** The version's share of containers picked at random (0: none). */
  randomRate: number;
  /** The version live now, which activating retires; null when none is. */
  live: { version: number; randomRate: number } | null;
  /** Manifest shipments arriving today (the unit's time zone) or later: what `rescoreUpcoming` would score again now. */
  upcomingShipments: number;
}

export async function activationPreview(services: Pick<Services, "pool" | "now">, unit: UnitScope, profileCode: string, version: number): Promise<ActivationPreview> {
  const profile = await findProfile(services.pool, unit.id, profileCode);
  await findVersion(services.pool, profile, version);
  // Only the random rate is read from the documents (a learned one runs to megabytes; it stays in the database).
  const rates = await services.pool.query<{ version: number; status: string; random_rate: number }>(
    `SELECT version, status::text AS status, COALESCE((definition->>'randomRate')::float8, 0) AS random_rate
       FROM profile_version WHERE profile_id = $1 AND (version = $2 OR status = 'active')`,
    [profile.id, version],
  );
  const own = rates.rows.find((r) => r.version === version);
  const live = rates.rows.find((r) => r.status === "active" && r.version !== version);
  return {
    version,
    randomRate: own?.random_rate ?? 0,
    live: live ? { version: live.version, randomRate: live.random_rate } : null,
    upcomingShipments: await countUpcoming(services.pool, unit.id, services.now()),
  };
}
