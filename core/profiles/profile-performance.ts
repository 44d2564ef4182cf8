// Use case: how a profile performs in operation, per version and per
// indicator: shipments scored, selected (by score or at random), inspected,
// and hits (an inspection found a seizure or an irregularity). Computed in
// SQL from the assessments (indicators JSONB) joined with the inspections;
// counts include every inspection, whatever its sharing level, because only
// aggregates leave the database.
import type { UnitScope } from "../auth/principal.js";
import type { Pool } from "../db/pool.js";
import type { Services } from "../services.js";
import { SHIPMENT_IN_FORCE_SQL } from "../manifests/manifest-versions.js";
import { findProfile } from "./profile-store.js";

export interface DateRange {
  from?: string | undefined;
  to?: string | undefined;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Assessments of the given versions with their shipment's inspection outcome, as a CTE. */
const OUTCOMES = `
  outcomes AS (
    SELECT a.profile_version_id AS version_id, a.selected, a.random, a.indicators,
           COALESCE(i.inspected, false) AS inspected, COALESCE(i.hit, false) AS hit
      FROM assessment a
      JOIN shipment s ON s.id = a.shipment_id
      LEFT JOIN LATERAL (
        SELECT true AS inspected, bool_or(outcome IN ('seizure', 'irregularity')) AS hit
          FROM inspection WHERE shipment_id = a.shipment_id HAVING count(*) > 0) i ON true
     WHERE a.unit_id = $1 AND a.profile_version_id = ANY($2::uuid[]) AND ${SHIPMENT_IN_FORCE_SQL}
       AND ($3::date IS NULL OR s.arrival_date >= $3) AND ($4::date IS NULL OR s.arrival_date <= $4))`;

interface VersionCounts {
  version_id: string;
  scored: number;
  selected: number;
  random: number;
  inspected: number;
  hits: number;
  selected_inspected: number;
  selected_hits: number;
  random_inspected: number;
  random_hits: number;
}

export type VersionPerformance = ReturnType<typeof versionPerformance>;

function versionPerformance(row: VersionCounts | undefined) {
  const r = row ?? { scored: 0, selected: 0, random: 0, inspected: 0, hits: 0, selected_inspected: 0, selected_hits: 0, random_inspected: 0, random_hits: 0 };
  return {
    scored: r.scored,
    selected: r.selected,
    random: r.random,
    inspected: r.inspected,
    hits: r.hits,
    hitRate: ratio(r.hits, r.inspected),
    selectedInspected: r.selected_inspected,
    selectedHits: r.selected_hits,
    selectedHitRate: ratio(r.selected_hits, r.selected_inspected),
    randomInspected: r.random_inspected,
    randomHits: r.random_hits,
    /** What inspecting at random finds: the yardstick for the selected hit rate. */
    randomHitRate: ratio(r.random_hits, r.random_inspected),
  };
}

/** Per-version counts for many versions at once (the profile list uses it). */
export async function performanceByVersion(db: Pool, unitId: string, versionIds: readonly string[], range: DateRange = {}): Promise<Map<string, VersionPerformance>> {
  const result = versionIds.length === 0 ? { rows: [] as VersionCounts[] } : await db.query<VersionCounts>(
    `WITH ${OUTCOMES}
     SELECT version_id,
            count(*)::int AS scored,
            count(*) FILTER (WHERE selected)::int AS selected,
            count(*) FILTER (WHERE random)::int AS random,
            count(*) FILTER (WHERE inspected)::int AS inspected,
            count(*) FILTER (WHERE hit)::int AS hits,
            count(*) FILTER (WHERE selected AND inspected)::int AS selected_inspected,
            count(*) FILTER (WHERE selected AND hit)::int AS selected_hits,
            count(*) FILTER (WHERE random AND inspected)::int AS random_inspected,
            count(*) FILTER (WHERE random AND hit)::int AS random_hits
       FROM outcomes GROUP BY version_id`,
    [unitId, versionIds, range.from ?? null, range.to ?? null],
  );
  const byId = new Map(result.rows.map((row) => [row.version_id, row]));
  return new Map(versionIds.map((id) => [id, versionPerformance(byId.get(id))]));
}

interface IndicatorCounts {
  version_id: string;
  code: string;
  label: string | null;
  matched: number;
  selected: number;
  inspected: number;
  hits: number;
  points: number;
}

export async function getProfilePerformance(services: Pick<Services, "pool">, unit: UnitScope, profileCode: string, range: DateRange) {
  const profile = await findProfile(services.pool, unit.id, profileCode);
  const versions = await services.pool.query<{ id: string; version: number; status: string }>(
    "SELECT id, version, status FROM profile_version WHERE profile_id = $1 AND status <> 'draft' ORDER BY version DESC",
    [profile.id],
  );
  const ids = versions.rows.map((v) => v.id);
  const [byVersion, indicators] = await Promise.all([
    performanceByVersion(services.pool, unit.id, ids, range),
    ids.length === 0 ? { rows: [] as IndicatorCounts[] } : services.pool.query<IndicatorCounts>(
      `WITH ${OUTCOMES}
       SELECT o.version_id, ind->>'code' AS code, max(ind->>'label') AS label,
              count(*)::int AS matched,
              count(*) FILTER (WHERE o.selected)::int AS selected,
              count(*) FILTER (WHERE o.inspected)::int AS inspected,
              count(*) FILTER (WHERE o.hit)::int AS hits,
              COALESCE(sum((ind->>'points')::float8), 0) AS points
         FROM outcomes o CROSS JOIN LATERAL jsonb_array_elements(o.indicators) ind
        GROUP BY o.version_id, ind->>'code'
        ORDER BY o.version_id, matched DESC, code`,
      [unit.id, ids, range.from ?? null, range.to ?? null],
    ),
  ]);
  return {
    profileCode: profile.code,
    from: range.from ?? null,
    to: range.to ?? null,
    versions: versions.rows.map((v) => ({
      version: v.version,
      versionId: v.id,
      status: v.status,
      ...byVersion.get(v.id)!,
      indicators: indicators.rows
        .filter((row) => row.version_id === v.id)
        .map((row) => ({
          code: row.code,
          label: row.label,
          matched: row.matched,
          selected: row.selected,
          inspected: row.inspected,
          hits: row.hits,
          hitRate: ratio(row.hits, row.inspected),
          pointsTotal: row.points,
        })),
    })),
  };
}
