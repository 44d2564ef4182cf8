// What an officer sees before the rows: the vessels and flights arriving
// soon with their containers counted by band and by decision, and for any
// filtered view the same counts and a histogram of the scores.
import type { UnitScope } from "../auth/principal.js";
import { countQueueBounded, TOTAL_CAP } from "../shipments/count-queue.js";
import { hasSearch, isMatchedIds, queueSource, queueWhere, searchMatches, type QueueFilters } from "../shipments/queue-filters.js";
import { countedRows, countersServe } from "./queue-counters.js";
import type { Services } from "../services.js";
import { CUTOFF_JOIN_SQL, EFFECTIVE_BAND_SQL, EFFECTIVE_FLAGGED_SQL, ensureFreshCutoffs } from "./band-cutoffs.js";
import { HISTOGRAM_BINS as BINS, scoreHistogram } from "./score-histogram.js";

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
  /**
   * A broad search (more than TOTAL_CAP matches after the filters, or more
   * than its bounded count could walk: count-queue.ts): `total` is a lower
   * bound (TOTAL_CAP, or what the walk found) and nothing else is counted
   * (zeros, no histogram), as counting it would read every match.
   */
  capped: boolean;
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
  const narrow = hasSearch(filters) ? await searchMatches(services, unit.id, filters) : false;
  // A broad search is counted up to the cap first, and only below it counted in full; a lower bound (its
  // bounded walk ended first: count-queue.ts) is answered as such.
  if (hasSearch(filters) && !isMatchedIds(narrow)) {
    const counted = await countQueueBounded(services, unit.id, filters, { narrow, cap: TOTAL_CAP + 1 });
    if (counted.atLeast || counted.n > TOTAL_CAP) return { ...emptyCounts(), total: Math.min(counted.n, TOTAL_CAP), capped: true };
  }
  if (!options.live && countersServe(filters)) {
    source = `WITH ${await countedRows(services, where, filters)}, q AS (
       SELECT COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged, st.random, st.score, st.n
         FROM st ${CUTOFF_JOIN_SQL} WHERE ${clauses.join(" AND ")}`;
    weight = "q.n";
  } else {
    const live = queueSource(where, { narrow });
    source = `WITH ${live.with ? `${live.with},` : ""} q AS (
       SELECT COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged, st.random, st.score
         ${live.fromWhere}`;
  }
  params.push(BINS);
  const bins = `$${params.length}`;
  // r is MATERIALIZED: computed once. Inlined, a planner that expects q to be
  // one row (statistics of a freshly ingested vessel) re-aggregated q for each
  // of its rows, quadratic: 3.6 s for a 15,000-container vessel's counts.
  // Integer-aligned bins: BINS bins of a whole-number width from the lowest
  // score's floor, so every edge is exact (a label never rounds 32.5 to 33 and
  // overlaps the next bin). Each bin holds [from, to), the last [from, to];
  // scoreHistogram drops the bins past the highest score.
  const result = await services.pool.query<{
    band: string; decision: string; flagged: boolean; random: boolean; bin: number | null; base: number | null; width: number | null; lowest: number | null; highest: number | null; n: string;
  }>(
    `${source}
     ), r AS MATERIALIZED (
       SELECT floor(min(score)) AS base, GREATEST(1, ceil((max(score) - floor(min(score))) / ${bins}::int)) AS width, min(score) AS lowest, max(score) AS highest FROM q
     )
     SELECT q.band, q.decision, q.flagged, q.random, r.base, r.width,
            CASE WHEN q.score IS NULL THEN NULL ELSE LEAST(floor((q.score - r.base) / r.width)::int + 1, ${bins}::int) END AS bin,
            r.lowest, r.highest, sum(${weight}) AS n
       FROM q CROSS JOIN r
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    params,
  );
  const counts = emptyCounts();
  const first = result.rows[0];
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
  if (first && first.base !== null && first.width !== null && first.lowest !== null && first.highest !== null) {
    const range = { base: Number(first.base), width: Number(first.width), lowest: Number(first.lowest), highest: Number(first.highest) };
    counts.histogram = scoreHistogram(binCounts, range, weight === "1");
  }
  return counts;
}

function emptyCounts(): QueueCounts {
  return { total: 0, flagged: 0, awaitingDecision: 0, random: 0, byBand: zero(BANDS), byDecision: zero(DECISIONS), histogram: [], capped: false };
}

export interface VoyageOverview {
  manifestId: string;
  manifestRef: string;
  transportMode: string;
  vesselName: string | null;
  voyage: string | null;
  flightNumber: string | null;
  arrivalDate: string;
  /**
   * "departing": loaded at the unit's own port (an export it screens), so the
   * board shows it leaving on `date`, its departure, not arriving elsewhere.
   */
  direction: "arriving" | "departing";
  /** The day that puts it on the board: arrival, or departure when it departs (arrival if no departure was sent). */
  date: string;
  containers: number;
  flagged: number;
  awaitingDecision: number;
  byBand: Counts<(typeof BANDS)[number]>;
  byDecision: Counts<(typeof DECISIONS)[number]>;
  topScore: number | null;
}

/**
 * Vessels and flights arriving, or leaving the unit's port, from today to
 * `withinHours` ahead (whole days), soonest first.
 *
 * Counted from the board's manifests' counters (queue-counters.ts), so a
 * call reads those manifests' counter rows and, per manifest, the rows of the
 * buckets holding a cut-off (the (manifest, score) index), not every
 * container on the board: at 100,000 containers the row-by-row aggregate
 * took 146 ms of database CPU. The top score is one probe of that index per
 * manifest.
 */
export async function arrivingVoyages(services: Pick<Services, "pool" | "now">, unit: UnitScope, withinHours: number): Promise<VoyageOverview[]> {
  await ensureFreshCutoffs(services, unit.id);
  const now = services.now();
  const from = now.toISOString().slice(0, 10);
  const to = new Date(now.getTime() + withinHours * 3_600_000).toISOString().slice(0, 10);
  const where = { params: [unit.id, from, to] as unknown[], arrival: [] };
  const counted = await countedRows(services, where, {}, { manifests: "board" });
  const result = await services.pool.query<{
    manifest_id: string; manifest_ref: string; transport_mode: string; vessel_name: string | null; voyage: string | null; flight_number: string | null;
    arrival_date: string; direction: "arriving" | "departing"; day: string; band: string; decision: string; flagged: boolean; n: string; top: number | null;
  }>(
    // A voyage loaded at the unit's own port (and not discharged there) is an
    // export: it is on the board by its departure day. Either way it arrives
    // on or after that day, so arrival_date >= today keeps the (unit, arrival)
    // index in use and the past year's manifests out.
    `WITH board AS MATERIALIZED (
       SELECT d.*, (SELECT s.score FROM scoring_state s WHERE s.manifest_id = d.id ORDER BY COALESCE(s.score, '-Infinity'::float8) DESC LIMIT 1) AS top
         FROM (SELECT m.id, m.manifest_ref, m.transport_mode, m.vessel_name, m.voyage, m.flight_number, m.arrival_date,
                      CASE WHEN departs THEN 'departing' ELSE 'arriving' END AS direction,
                      CASE WHEN departs THEN COALESCE(m.departure_date, m.arrival_date) ELSE m.arrival_date END AS day
                 FROM (SELECT m.*, m.port_of_loading = u.locode AND m.port_of_discharge <> u.locode AS departs
                         FROM manifest m JOIN control_unit u ON u.id = m.unit_id
                        WHERE m.unit_id = $1 AND m.arrival_date >= $2::date AND m.superseded_at IS NULL AND m.cancelled_at IS NULL) m) d
        WHERE d.day BETWEEN $2::date AND $3::date
     ), ${counted}, by_group AS (
       SELECT st.manifest_id, COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged, sum(st.n) AS n
         FROM st ${CUTOFF_JOIN_SQL}
        GROUP BY 1, 2, 3, 4
     )
     SELECT b.id AS manifest_id, b.manifest_ref, b.transport_mode, b.vessel_name, b.voyage, b.flight_number, b.arrival_date::text AS arrival_date,
            b.direction, b.day::text AS day, g.band, g.decision, g.flagged, g.n, b.top
       FROM board b JOIN by_group g ON g.manifest_id = b.id
      ORDER BY b.day, b.manifest_ref, b.id`,
    where.params,
  );
  const byManifest = new Map<string, VoyageOverview>();
  for (const row of result.rows) {
    let v = byManifest.get(row.manifest_id);
    if (!v) {
      v = {
        manifestId: row.manifest_id, manifestRef: row.manifest_ref, transportMode: row.transport_mode, vesselName: row.vessel_name,
        voyage: row.voyage, flightNumber: row.flight_number, arrivalDate: row.arrival_date, direction: row.direction, date: row.day,
        containers: 0, flagged: 0, awaitingDecision: 0, byBand: zero(BANDS), byDecision: zero(DECISIONS), topScore: row.top,
      };
      byManifest.set(row.manifest_id, v);
    }
    const n = Number(row.n);
    v.containers += n;
    if (row.flagged) v.flagged += n;
    if (row.flagged && row.decision === "none") v.awaitingDecision += n;
    v.byBand[row.band as keyof VoyageOverview["byBand"]] += n;
    v.byDecision[row.decision as keyof VoyageOverview["byDecision"]] += n;
  }
  // A manifest whose counters add up to nothing has no container (its deltas cancel out): not on the board, as before.
  return [...byManifest.values()].filter((v) => v.containers > 0);
}
