// The scores that cut a unit's recent distribution at its selection targets:
// containers at or above the hold cut-off are the riskiest `holdShare` of the
// window, those at or above the documentary cut-off the next
// `documentaryShare`, each as near its share as tied scores allow. Stored per unit and transport mode, so every queue
// query joins one small row instead of ranking the window itself.
import type { Services } from "../services.js";
import { CUTOFFS_FROM_COUNTERS_SQL, CUTOFFS_FROM_ROWS_SQL } from "./cutoff-queries.js";
import { DEFAULT_TARGET, TRANSPORT_MODES } from "./selection-targets.js";

/** Below this many scored containers in the window a share means little: the profiles' own bands apply. */
export const MIN_SAMPLE = 50;
/** Cut-offs older than this are recomputed on the next queue read. */
const STALE_AFTER_MS = 5 * 60_000;
/** A score of 0 matched nothing: it is never a lane, whatever the shares. */
const LOWEST_CUTOFF = 1e-6;

const refreshedAt = new Map<string, number>();
/** Bumped by forgetCutoffRefreshes: a refresh started before it neither counts as fresh nor is joined. */
let generation = 0;
/** The refresh running per unit, which later reads join instead of starting another. */
const inFlight = new Map<string, { promise: Promise<void>; generation: number }>();

type CutoffServices = Pick<Services, "pool" | "now"> & Partial<Pick<Services, "logger">>;

interface ComputedCutoffs { mode: string; n: string; hold_cut: number | null; doc_cut: number | null; exact: boolean }

export async function refreshBandCutoffs(services: CutoffServices, unitId: string): Promise<void> {
  const startedIn = generation;
  const today = services.now().toISOString().slice(0, 10);
  // Each lane's cut-off is the score whose share of containers at or above it is nearest the target, over the
  // distinct scores of the window. A plain percentile lands inside a tie: with scores in steps of 5, the 97th
  // percentile's score was shared by 9.75 % of a vessel, all of them "high" under a 3 % target, and the
  // documentary cut-off fell on the same score (no medium at all). Nearest, and on equal distance the smaller
  // share, keeps each lane as close to its target as whole scores allow. Only scores above 0 can be cut-offs.
  // Found from the queue's counters and the rows of the buckets where the shares cross the targets (cutoff-queries.ts).
  const params = [unitId, DEFAULT_TARGET.holdShare, DEFAULT_TARGET.documentaryShare, DEFAULT_TARGET.windowDays, TRANSPORT_MODES, today];
  let computed = await services.pool.query<ComputedCutoffs>(CUTOFFS_FROM_COUNTERS_SQL, params);
  if (computed.rows.some((r) => !r.exact)) {
    services.logger?.warn({ unitId }, "band cut-offs: the rows read disagree with the queue counters, computed from every row of the window");
    computed = await services.pool.query<ComputedCutoffs>(CUTOFFS_FROM_ROWS_SQL, params);
  }
  // A window with no score above 0 still has lanes (at the lowest cut-off): nobody is selected by score.
  const usable = computed.rows.filter((r) => Number(r.n) >= MIN_SAMPLE);
  await services.pool.query(
    `WITH fresh AS (
       SELECT * FROM unnest($2::transport_mode[], $3::float8[], $4::float8[], $5::int[]) AS f(mode, hold_cut, doc_cut, n)
     ), gone AS (
       DELETE FROM unit_band_cutoff WHERE unit_id = $1 AND transport_mode <> ALL($2::transport_mode[])
     )
     INSERT INTO unit_band_cutoff (unit_id, transport_mode, hold_cutoff, documentary_cutoff, sample_size, computed_at)
     SELECT $1, mode, hold_cut, doc_cut, n, $6 FROM fresh
     ON CONFLICT (unit_id, transport_mode) DO UPDATE
       SET hold_cutoff = EXCLUDED.hold_cutoff, documentary_cutoff = EXCLUDED.documentary_cutoff,
           sample_size = EXCLUDED.sample_size, computed_at = EXCLUDED.computed_at`,
    [
      unitId,
      usable.map((r) => r.mode),
      usable.map((r) => Math.max(r.hold_cut ?? 0, LOWEST_CUTOFF)),
      usable.map((r) => Math.min(Math.max(r.doc_cut ?? r.hold_cut ?? 0, LOWEST_CUTOFF), Math.max(r.hold_cut ?? 0, LOWEST_CUTOFF))),
      usable.map((r) => Number(r.n)),
      services.now(),
    ],
  );
  if (startedIn === generation) refreshedAt.set(unitId, Date.now());
}

/**
 * One refresh per unit at a time: a read that needs one while it runs joins it, unless it started before
 * forgetCutoffRefreshes (it may have read the scores as they were): then a new one follows it.
 */
function refreshOnce(services: CutoffServices, unitId: string): Promise<void> {
  const running = inFlight.get(unitId);
  if (running?.generation === generation) return running.promise;
  const after = running ? running.promise.catch(() => undefined) : Promise.resolve();
  const promise: Promise<void> = after
    .then(() => refreshBandCutoffs(services, unitId))
    .finally(() => {
      if (inFlight.get(unitId)?.promise === promise) inFlight.delete(unitId);
    });
  inFlight.set(unitId, { promise, generation });
  return promise;
}

/**
 * Recomputes the unit's cut-offs when this process has not for a few minutes. The first time in a process (or
 * after forgetCutoffRefreshes) the read waits for them; after that a stale refresh runs behind the read, which is
 * served the cut-offs stored (stale-while-revalidate), so no officer's read waits on it. A failed one is retried by
 * the next read.
 */
export async function ensureFreshCutoffs(services: CutoffServices, unitId: string): Promise<void> {
  const last = refreshedAt.get(unitId);
  if (last === undefined) return refreshOnce(services, unitId);
  if (Date.now() - last < STALE_AFTER_MS) return;
  refreshOnce(services, unitId).catch((error: unknown) => services.logger?.warn({ err: error, unitId }, "band cut-off refresh behind a read failed"));
}

/** Forget when cut-offs were computed (tests that change scores and read the queue at once): the next read waits for a refresh. */
export function forgetCutoffRefreshes(): void {
  refreshedAt.clear();
  generation += 1;
}

/**
 * SQL for a shipment's band in the queue, given `st` (scoring_state), `c`
 * (its unit_band_cutoff row, LEFT JOINed): by the unit's lanes when it has
 * cut-offs, else the band of the profile that scored it.
 */
export const EFFECTIVE_BAND_SQL = `(CASE WHEN c.hold_cutoff IS NULL THEN st.band::text
  WHEN st.score IS NULL THEN NULL
  WHEN st.score >= c.hold_cutoff THEN 'high'
  WHEN st.score >= c.documentary_cutoff THEN 'medium'
  WHEN st.score > 0 THEN 'low' END)`;

/** Selected by score (the hold and documentary lanes, or the profile's threshold), at random, by an alert or by a watchlist. */
export const EFFECTIVE_FLAGGED_SQL = `(st.random OR st.alerted OR st.watchlisted OR CASE WHEN c.hold_cutoff IS NULL THEN st.selected
  ELSE COALESCE(st.score, '-Infinity'::float8) >= c.documentary_cutoff END)`;

/** By scoring_state's copy of the transport mode (0025), so the queue need not join shipment. */
export const CUTOFF_JOIN_SQL = "LEFT JOIN unit_band_cutoff c ON c.unit_id = st.unit_id AND c.transport_mode = st.transport_mode";
