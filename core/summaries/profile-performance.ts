// How the profiles perform: per profile version (or per indicator) the
// shipments assessed, the share selected, and the hit rate: inspected
// selected shipments that led to a seizure. Per indicator also its label,
// the shipments it fired on that were inspected (selected or not) and the
// seizures recorded on them. Aggregated in SQL. Inspections and seizures count
// only where the manager's agency may read them (core/auth/sharing-filter.ts).
import { visibleInUnits } from "../auth/sharing-filter.js";
import type { Services } from "../services.js";
import { toCsv } from "./csv.js";
import type { ProfileSummaryInput } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

interface Row {
  unit: string;
  profile: string;
  version: number;
  indicator: string | null;
  label: string | null;
  assessed: number;
  selected: number;
  inspected: number;
  inspected_all: number;
  seizures: number;
  hits: number;
  selection_rate_percent: number | null;
  hit_rate_percent: number | null;
}

export async function profilePerformance(services: Pick<Services, "pool">, scope: SummaryScope, input: ProfileSummaryInput) {
  const byIndicator = input.by === "indicator";
  // For indicators, "assessed" counts shipments on which the indicator fired.
  const result = await services.pool.query<Row>(
    `WITH a AS (
       SELECT a.profile_version_id, a.shipment_id, a.selected, a.indicators, a.unit_id FROM assessment a
        WHERE a.unit_id = ANY($1::uuid[])
          AND ($2::date IS NULL OR a.scored_at >= $2::date) AND ($3::date IS NULL OR a.scored_at < $3::date + 1)
          -- Shipments of replaced and cancelled manifest versions out: a replaced container is assessed once, in its version in force.
          AND NOT EXISTS (SELECT 1 FROM shipment vs JOIN manifest mv ON mv.id = vs.manifest_id
                           WHERE vs.id = a.shipment_id AND (mv.superseded_at IS NOT NULL OR mv.cancelled_at IS NOT NULL))),
     insp AS (
       SELECT i.shipment_id, bool_or(i.outcome = 'seizure') AS hit FROM inspection i
        WHERE ${visibleInUnits("i", 1, 4)} AND i.shipment_id IN (SELECT shipment_id FROM a) GROUP BY i.shipment_id),
     seized AS (
       SELECT z.shipment_id, count(*)::int AS n FROM seizure z
        WHERE ${visibleInUnits("z", 1, 4)} AND z.shipment_id IN (SELECT shipment_id FROM a) GROUP BY z.shipment_id),
     rows AS (
       SELECT a.*, ${byIndicator ? "ind->>'code'" : "NULL::text"} AS indicator, ${byIndicator ? "ind->>'label'" : "NULL::text"} AS label,
              i.shipment_id IS NOT NULL AS inspected, COALESCE(i.hit, false) AS hit, COALESCE(z.n, 0) AS seizures
         FROM a ${byIndicator ? "CROSS JOIN LATERAL jsonb_array_elements(a.indicators) AS ind" : ""}
         LEFT JOIN insp i ON i.shipment_id = a.shipment_id
         LEFT JOIN seized z ON z.shipment_id = a.shipment_id)
     SELECT u.code AS unit, rp.code AS profile, pv.version, r.indicator, max(r.label) AS label,
            count(*)::int AS assessed,
            count(*) FILTER (WHERE r.selected)::int AS selected,
            count(*) FILTER (WHERE r.selected AND r.inspected)::int AS inspected,
            count(*) FILTER (WHERE r.inspected)::int AS inspected_all,
            COALESCE(sum(r.seizures), 0)::int AS seizures,
            count(*) FILTER (WHERE r.selected AND r.hit)::int AS hits,
            round(count(*) FILTER (WHERE r.selected) * 100.0 / NULLIF(count(*), 0), 1) AS selection_rate_percent,
            round(count(*) FILTER (WHERE r.selected AND r.hit) * 100.0 / NULLIF(count(*) FILTER (WHERE r.selected AND r.inspected), 0), 1) AS hit_rate_percent
       FROM rows r JOIN profile_version pv ON pv.id = r.profile_version_id JOIN risk_profile rp ON rp.id = pv.profile_id
       JOIN control_unit u ON u.id = r.unit_id
      GROUP BY u.code, rp.code, pv.version, r.indicator
      ORDER BY u.code, rp.code, pv.version, r.indicator NULLS FIRST`,
    [scope.unitIds, input.from ?? null, input.to ?? null, scope.agencyId],
  );
  const rows = result.rows.map((row) => ({
    unit: row.unit,
    profile: row.profile,
    version: row.version,
    ...(byIndicator ? { indicator: row.indicator, label: row.label } : {}),
    assessed: row.assessed,
    selected: row.selected,
    selectionRatePercent: row.selection_rate_percent,
    inspectedSelected: row.inspected,
    hits: row.hits,
    /** Seizures among the selected shipments that were inspected. */
    hitRatePercent: row.hit_rate_percent,
    /** Per indicator: shipments it fired on that were inspected, selected or not, and the seizures recorded on them. */
    ...(byIndicator ? { inspected: row.inspected_all, seizures: row.seizures } : {}),
  }));
  type R = (typeof rows)[number];
  return {
    json: { report: "profiles", by: input.by, period: { from: input.from ?? null, to: input.to ?? null }, units: scope.unitCodes, rows },
    csv: () =>
      toCsv<R>(
        [
          { header: "unit", value: (r) => r.unit },
          { header: "profile", value: (r) => r.profile },
          { header: "version", value: (r) => r.version },
          ...(byIndicator
            ? [
                { header: "indicator", value: (r: R) => ("indicator" in r ? r.indicator : null) },
                { header: "label", value: (r: R) => ("label" in r ? r.label : null) },
              ]
            : []),
          { header: "assessed", value: (r) => r.assessed },
          { header: "selected", value: (r) => r.selected },
          { header: "selection_rate_percent", value: (r) => r.selectionRatePercent },
          { header: "inspected_selected", value: (r) => r.inspectedSelected },
          { header: "hits", value: (r) => r.hits },
          { header: "hit_rate_percent", value: (r) => r.hitRatePercent },
          ...(byIndicator
            ? [
                { header: "inspected", value: (r: R) => ("inspected" in r ? r.inspected : null) },
                { header: "seizures", value: (r: R) => ("seizures" in r ? r.seizures : null) },
              ]
            : []),
        ],
        rows,
      ),
  };
}
