// Loads what the pure scorer needs beyond the shipment: watchlists, party
// history, seizure links and value medians of the unit. Medians and seizure
// links change slowly and cost a scan of the unit's history, so each process
// caches them for a while.
import type { ScoringContext } from "../../profiling/shipment.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { cachedSeizureLinks, clearSeizureLinkCache, type SeizureLinks } from "./seizure-links.js";

const MEDIAN_TTL_MS = 10 * 60_000;
/** Below this many priced shipments a median says little; the indicator stays silent. */
const MIN_SAMPLES = 5;

type Medians = Map<string, number>;
const medianCache = new Map<string, { loadedAt: number; medians: Medians }>();

async function loadMedians(db: Pool | PoolClient, unitId: string): Promise<Medians> {
  const cached = medianCache.get(unitId);
  if (cached && Date.now() - cached.loadedAt < MEDIAN_TTL_MS) return cached.medians;
  // One pass with grouping sets: (HS6, origin, currency) and the HS4 fallback.
  const result = await db.query<{ hs: string; origin: string | null; currency: string | null; median: number }>(
    `WITH priced AS (
       SELECT left(hs_codes[1], 6) AS hs6, left(hs_codes[1], 4) AS hs4, country_of_origin AS origin, currency,
              declared_value / NULLIF(COALESCE(net_weight_kg, gross_weight_kg), 0) AS vpk
         FROM shipment
        WHERE unit_id = $1 AND declared_value > 0 AND COALESCE(net_weight_kg, gross_weight_kg) > 0
          AND cardinality(hs_codes) > 0)
     SELECT COALESCE(hs6, hs4) AS hs, origin, currency, percentile_cont(0.5) WITHIN GROUP (ORDER BY vpk) AS median
       FROM priced
      GROUP BY GROUPING SETS ((hs6, origin, currency), (hs4, origin, currency))
     HAVING count(*) >= $2`,
    [unitId, MIN_SAMPLES],
  );
  const medians: Medians = new Map();
  for (const row of result.rows) medians.set(`${row.hs}|${row.origin ?? ""}|${row.currency ?? ""}`, row.median);
  medianCache.set(unitId, { loadedAt: Date.now(), medians });
  return medians;
}

/**
 * Forget a unit's cached medians and seizure links (tests, and after a
 * history import, which calls it: imported seizures and shipments change both).
 */
export function clearMedianCache(unitId?: string): void {
  if (unitId) medianCache.delete(unitId);
  else medianCache.clear();
  clearSeizureLinkCache(unitId);
}

const NO_LINKS: SeizureLinks = { degree1: new Set(), degree2: new Set() };

export async function loadScoringContext(
  db: Pool | PoolClient,
  unitId: string,
  partyIds: readonly string[],
  now: Date,
  options: { seizureLinks?: boolean } = {},
): Promise<ScoringContext> {
  // Sequential on purpose: a single PoolClient runs one query at a time anyway.
  const watchlistRows = await db.query<{ code: string; value: string }>(
      `SELECT w.code, e.value FROM watchlist w JOIN watchlist_entry e ON e.watchlist_id = w.id
        WHERE w.unit_id = $1 AND (e.expires_at IS NULL OR e.expires_at > $2)`,
      [unitId, now],
    );
  const sightings = await db.query<{ identity_key: string; first_seen_at: Date }>(
      `SELECT p.identity_key, s.first_seen_at FROM party_sighting s JOIN party p ON p.id = s.party_id
        WHERE s.unit_id = $1 AND s.party_id = ANY($2::uuid[])`,
      [unitId, partyIds],
    );
  // Per unit and cached, not joined per batch: see seizure-links.ts. A back-test brings its own, dated.
  const links = options.seizureLinks === false ? NO_LINKS : await cachedSeizureLinks(db, unitId);
  const medians = await loadMedians(db, unitId);
  // Profiles scoped to some units (scope.units) compare with the unit's code.
  const unit = await db.query<{ code: string }>("SELECT code FROM control_unit WHERE id = $1", [unitId]);
  const watchlists = new Map<string, Set<string>>();
  for (const row of watchlistRows.rows) {
    let entries = watchlists.get(row.code);
    if (!entries) watchlists.set(row.code, (entries = new Set()));
    entries.add(row.value);
  }
  const firstSeen = new Map(sightings.rows.map((row) => [row.identity_key, row.first_seen_at]));
  return {
    now,
    unitCode: unit.rows[0]?.code,
    watchlists,
    partyFirstSeen: (key) => firstSeen.get(key),
    partyLinkedToSeizure: (key, degree = 1) => (degree === 2 ? links.degree2 : links.degree1).has(key),
    medianValuePerKg: (hsCode, origin, currency) =>
      medians.get(`${hsCode.slice(0, 6)}|${origin ?? ""}|${currency ?? ""}`) ??
      medians.get(`${hsCode.slice(0, 4)}|${origin ?? ""}|${currency ?? ""}`),
  };
}
