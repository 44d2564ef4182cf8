// Seizures over time: per month (or per week, keyed by its Monday) and per
// series (unit, country, commodity, or all together): count, quantity by
// measure, persons arrested. Only the periods that have seizures are listed;
// the client fills the empty ones between the period's ends. Aggregated in SQL.
import type { Services } from "../services.js";
import { toCsv } from "./csv.js";
import { SCOPED_SEIZURES, scopedParams } from "./seizure-summary.js";
import { GROUP_SQL, type SeizureTrendInput } from "./summary-schemas.js";
import type { SummaryScope } from "./summary-scope.js";

/** SQL of each interval over the scoped seizures `s` (UTC, like the month and quarter groupings). */
const PERIOD_SQL: Record<SeizureTrendInput["interval"], string> = {
  month: `to_char(s.seized_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
  week: `to_char(date_trunc('week', s.seized_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
};

interface Row {
  period: string;
  key: string;
  seizures: number;
  arrests: number;
  quantities: Record<string, number>;
}

export async function seizureTrend(services: Pick<Services, "pool">, scope: SummaryScope, input: SeizureTrendInput) {
  const result = await services.pool.query<Row>(
    `WITH s AS (${SCOPED_SEIZURES(GROUP_SQL[input.series])}),
          p AS (SELECT s.*, ${PERIOD_SQL[input.interval]} AS period FROM s),
          by_measure AS (SELECT period, key, measure, count(*) AS n, sum(amount) AS amount, sum(persons_arrested) AS arrests FROM p GROUP BY period, key, measure)
     SELECT period, key, sum(n)::int AS seizures, sum(arrests)::int AS arrests,
            json_object_agg(measure, round(amount, 3) ORDER BY measure) AS quantities
       FROM by_measure GROUP BY period, key ORDER BY period, key`,
    scopedParams(scope, input),
  );
  const rows = result.rows.map((row) => ({
    /** YYYY-MM, or the week's Monday as YYYY-MM-DD. */
    period: row.period,
    key: row.key,
    seizures: row.seizures,
    quantities: row.quantities,
    personsArrested: row.arrests,
  }));
  type R = (typeof rows)[number];
  const measures = [...new Set(rows.flatMap((row) => Object.keys(row.quantities)))].sort();
  return {
    json: {
      report: "seizures-over-time",
      interval: input.interval,
      series: input.series,
      commodity: input.commodity ?? null,
      period: { from: input.from ?? null, to: input.to ?? null },
      units: scope.unitCodes,
      totalSeizures: rows.reduce((sum, row) => sum + row.seizures, 0),
      rows,
    },
    csv: () =>
      toCsv<R>(
        [
          { header: input.interval === "week" ? "week_starting" : "month", value: (r) => r.period },
          { header: input.series, value: (r) => r.key },
          { header: "seizures", value: (r) => r.seizures },
          ...measures.map((m) => ({ header: `quantity_${m}`, value: (r: R) => r.quantities[m] ?? null })),
          { header: "persons_arrested", value: (r) => r.personsArrested },
        ],
        rows,
      ),
  };
}
