// Seizures by commodity, unit, country, period or detection method: count,
// quantity (mass in kg, volume in l, counts per unit of count) and share of
// all seizures in scope, optionally of one commodity only. Aggregated in SQL.
import { visibleInUnits, visibleTo } from "../auth/sharing-filter.js";
import type { Services } from "../services.js";
import { toCsv } from "./csv.js";
import { GROUP_SQL, type SeizureSummaryInput } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

/**
 * Seizure rows in scope and period that the manager's agency may read, with a
 * normalised measure: g and t become kg, ml becomes l. Parameters: see scopedParams.
 */
export const SCOPED_SEIZURES = (groupSql: string) => `
  SELECT z.*, ${groupSql} AS key,
         CASE z.quantity_unit WHEN 'g' THEN 'kg' WHEN 't' THEN 'kg' WHEN 'ml' THEN 'l' ELSE z.quantity_unit END AS measure,
         z.quantity * CASE z.quantity_unit WHEN 'g' THEN 0.001 WHEN 't' THEN 1000 WHEN 'ml' THEN 0.001 ELSE 1 END AS amount
    FROM seizure z JOIN control_unit u ON u.id = z.unit_id
   WHERE ${visibleInUnits("z", 1, 4)}
     AND ($2::date IS NULL OR z.seized_at >= $2::date)
     AND ($3::date IS NULL OR z.seized_at < $3::date + 1)
     AND ($5::text IS NULL OR z.commodity::text = $5::text)`;

/** $1 units, $2 from, $3 to, $4 the reader's agency, $5 the commodity (null: every one): the parameters of SCOPED_SEIZURES. */
export const scopedParams = (scope: SummaryScope, input: { from?: string | undefined; to?: string | undefined; commodity?: string | undefined }) =>
  [scope.unitIds, input.from ?? null, input.to ?? null, scope.agencyId, input.commodity ?? null];

/**
 * How many seizures in the same units and period the reader's agency may not read (kept by another agency to
 * itself): a number only, no detail, so a manager knows the figures leave some out rather than assuming they are
 * complete. Same parameters as SCOPED_SEIZURES.
 */
const WITHHELD_SEIZURES = `
  SELECT count(*)::int AS n FROM seizure z
   WHERE z.unit_id = ANY($1::uuid[]) AND NOT ${visibleTo("z", 4)}
     AND ($2::date IS NULL OR z.seized_at >= $2::date)
     AND ($3::date IS NULL OR z.seized_at < $3::date + 1)
     AND ($5::text IS NULL OR z.commodity::text = $5::text)`;

interface Row {
  key: string;
  seizures: number;
  arrests: number;
  share_percent: number | null;
  quantities: Record<string, number>;
}

export async function seizureSummary(services: Pick<Services, "pool">, scope: SummaryScope, input: SeizureSummaryInput) {
  const result = await services.pool.query<Row>(
    `WITH s AS (${SCOPED_SEIZURES(GROUP_SQL[input.groupBy])}),
          by_measure AS (SELECT key, measure, count(*) AS n, sum(amount) AS amount, sum(persons_arrested) AS arrests FROM s GROUP BY key, measure),
          total AS (SELECT count(*) AS n FROM s)
     SELECT key, sum(n)::int AS seizures, sum(arrests)::int AS arrests,
            round(sum(n) * 100.0 / NULLIF((SELECT n FROM total), 0), 1) AS share_percent,
            json_object_agg(measure, round(amount, 3) ORDER BY measure) AS quantities
       FROM by_measure GROUP BY key ORDER BY seizures DESC, key`,
    scopedParams(scope, input),
  );
  const withheld = await services.pool.query<{ n: number }>(WITHHELD_SEIZURES, scopedParams(scope, input));
  const rows = result.rows.map((row) => ({
    key: row.key,
    seizures: row.seizures,
    sharePercent: row.share_percent ?? 0,
    quantities: row.quantities,
    personsArrested: row.arrests,
  }));
  const measures = [...new Set(rows.flatMap((row) => Object.keys(row.quantities)))].sort();
  return {
    json: {
      report: "seizures",
      groupBy: input.groupBy,
      commodity: input.commodity ?? null,
      period: { from: input.from ?? null, to: input.to ?? null },
      units: scope.unitCodes,
      totalSeizures: rows.reduce((sum, row) => sum + row.seizures, 0),
      /** Seizures in these units and period that another agency keeps to itself: not in any figure here. */
      withheldSeizures: withheld.rows[0]?.n ?? 0,
      rows,
    },
    csv: () =>
      toCsv(
        [
          { header: input.groupBy, value: (r: (typeof rows)[number]) => r.key },
          { header: "seizures", value: (r) => r.seizures },
          { header: "share_percent", value: (r) => r.sharePercent },
          ...measures.map((m) => ({ header: `quantity_${m}`, value: (r: (typeof rows)[number]) => r.quantities[m] ?? null })),
          { header: "persons_arrested", value: (r) => r.personsArrested },
        ],
        rows,
      ),
  };
}
