// What an officer sees before the rows: the vessels and flights arriving
// soon with their containers counted by band and by decision, and for any
// filtered view the same counts and a histogram of the scores.
import type { UnitScope } from "../auth/principal.js";
import { isNarrowSearch, queueSource, queueWhere, type QueueFilters } from "../shipments/queue-filters.js";
import { countedRows, countersServe } from "./queue-counters.js";
import type { Services } from "../services.js";
import { CUTOFF_JOIN_SQL, EFFECTIVE_BAND_SQL, EFFECTIVE_FLAGGED_SQL, ensureFreshCutoffs } from "./band-cutoffs.js";

const BINS = 10;
const BANDS = ["high", "medium", "low", "none"] as const;
const DECISIONS = ["none", "hold", "released", "inspected"] as const;

type Counts<K extends string> = Record<K, number>;
const zero = <K extends string>(keys: readonly K[]): Counts<K> => Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

export interface QueueCounts {
  total: number;
  flagged: number;
  /** Flagged containers nobody has decided on yet. */
  awaitingDecision: number;
  random: number;
  byBand: Counts<(typeof BANDS)[number]>;
  byDecision: Counts<(typeof DECISIONS)[number]>;
  histogram: { from: number; to: number; count: number }[];
}

/** `live`: count the rows even when the counters could answer (the tests' reference). */
export async function queueCounts(services: Pick<Services, "pool" | "now">, unit: UnitScope, filters: QueueFilters, options: { live?: boolean } = {}): Promise<QueueCounts> {
  await ensureFreshCutoffs(services, unit.id);
  const where = queueWhere(unit.id, filters);
  const { clauses, params } = where;
  // Broad views from the counters, each row standing for st.n shipments: the
  // histogram then places a bucket's shipments by a score inside the bucket
  // (about 3 % of the score wide). Narrow views read their rows.
  let source: string;
  let weight = "1";
  if (!options.live && countersServe(filters)) {
    source = `WITH ${await countedRows(services, where, filters)}, q AS (
       SELECT COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged, st.random, st.score, st.n
         FROM st ${CUTOFF_JOIN_SQL} WHERE ${clauses.join(" AND ")}`;
    weight = "q.n";
  } else {
    const live = queueSource(where, { narrow: await isNarrowSearch(services, unit.id, filters) });
    source = `WITH ${live.with ? `${live.with},` : ""} q AS (
       SELECT COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged, st.random, st.score
         ${live.fromWhere}`;
  }
  params.push(BINS);
  const bins = `$${params.length}`;
  // r is MATERIALIZED: computed once. Inlined, a planner that expects q to be
  // one row (statistics of a freshly ingested vessel) re-aggregated q for each
  // of its rows, quadratic: 3.6 s for a 15,000-container vessel's counts.
  const result = await services.pool.query<{ band: string; decision: string; flagged: boolean; random: boolean; bin: number | null; lo: number | null; hi: number | null; n: string }>(
    `${source}
     ), r AS MATERIALIZED (SELECT min(score) AS lo, max(score) AS hi FROM q)
     SELECT q.band, q.decision, q.flagged, q.random, r.lo, r.hi,
            CASE WHEN q.score IS NULL THEN NULL WHEN r.hi = r.lo THEN 1 ELSE LEAST(width_bucket(q.score, r.lo, r.hi, ${bins}::int), ${bins}::int) END AS bin,
            sum(${weight}) AS n
       FROM q CROSS JOIN r
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    params,
  );
  const counts: QueueCounts = { total: 0, flagged: 0, awaitingDecision: 0, random: 0, byBand: zero(BANDS), byDecision: zero(DECISIONS), histogram: [] };
  const lo = result.rows[0]?.lo ?? null;
  const hi = result.rows[0]?.hi ?? null;
  const binCounts = new Array<number>(BINS).fill(0);
  for (const row of result.rows) {
    const n = Number(row.n);
    counts.total += n;
    if (row.flagged) counts.flagged += n;
    if (row.flagged && row.decision === "none") counts.awaitingDecision += n;
    if (row.random) counts.random += n;
    counts.byBand[row.band as keyof QueueCounts["byBand"]] += n;
    counts.byDecision[row.decision as keyof QueueCounts["byDecision"]] += n;
    if (row.bin !== null) binCounts[row.bin - 1] = (binCounts[row.bin - 1] ?? 0) + n;
  }
  if (lo !== null && hi !== null) {
    const width = hi > lo ? (hi - lo) / BINS : 0;
    counts.histogram = hi > lo
      ? binCounts.map((count, i) => ({ from: round(lo + i * width), to: round(lo + (i + 1) * width), count }))
      : [{ from: round(lo), to: round(hi), count: binCounts[0] ?? 0 }];
  }
  return counts;
}

const round = (x: number) => Math.round(x * 100) / 100;

export interface VoyageOverview {
  manifestId: string;
  manifestRef: string;
  transportMode: string;
  vesselName: string | null;
  voyage: string | null;
  flightNumber: string | null;
  arrivalDate: string;
  containers: number;
  flagged: number;
  awaitingDecision: number;
  byBand: Counts<(typeof BANDS)[number]>;
  byDecision: Counts<(typeof DECISIONS)[number]>;
  topScore: number | null;
}

/** Vessels and flights arriving from today to `withinHours` ahead (arrival is a date: whole days), soonest first. */
export async function arrivingVoyages(services: Pick<Services, "pool" | "now">, unit: UnitScope, withinHours: number): Promise<VoyageOverview[]> {
  await ensureFreshCutoffs(services, unit.id);
  const now = services.now();
  const from = now.toISOString().slice(0, 10);
  const to = new Date(now.getTime() + withinHours * 3_600_000).toISOString().slice(0, 10);
  const result = await services.pool.query<{
    manifest_id: string; manifest_ref: string; transport_mode: string; vessel_name: string | null; voyage: string | null; flight_number: string | null;
    arrival_date: string; band: string; decision: string; flagged: boolean; n: string; top: number | null;
  }>(
    `SELECT m.id AS manifest_id, m.manifest_ref, m.transport_mode, m.vessel_name, m.voyage, m.flight_number, m.arrival_date::text AS arrival_date,
            COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged,
            count(*) AS n, max(st.score) AS top
       FROM manifest m
       -- scoring_state's copy of the manifest id (0025): no pass through shipment.
       JOIN scoring_state st ON st.manifest_id = m.id
       ${CUTOFF_JOIN_SQL}
      WHERE m.unit_id = $1 AND m.arrival_date BETWEEN $2::date AND $3::date
        AND m.superseded_at IS NULL AND m.cancelled_at IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ORDER BY m.arrival_date, m.manifest_ref`,
    [unit.id, from, to],
  );
  const byManifest = new Map<string, VoyageOverview>();
  for (const row of result.rows) {
    let v = byManifest.get(row.manifest_id);
    if (!v) {
      v = {
        manifestId: row.manifest_id, manifestRef: row.manifest_ref, transportMode: row.transport_mode, vesselName: row.vessel_name,
        voyage: row.voyage, flightNumber: row.flight_number, arrivalDate: row.arrival_date,
        containers: 0, flagged: 0, awaitingDecision: 0, byBand: zero(BANDS), byDecision: zero(DECISIONS), topScore: null,
      };
      byManifest.set(row.manifest_id, v);
    }
    const n = Number(row.n);
    v.containers += n;
    if (row.flagged) v.flagged += n;
    if (row.flagged && row.decision === "none") v.awaitingDecision += n;
    v.byBand[row.band as keyof VoyageOverview["byBand"]] += n;
    v.byDecision[row.decision as keyof VoyageOverview["byDecision"]] += n;
    if (row.top !== null && (v.topScore === null || row.top > v.topScore)) v.topScore = row.top;
  }
  return [...byManifest.values()];
}
