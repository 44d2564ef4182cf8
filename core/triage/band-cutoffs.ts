// The scores that cut a unit's recent distribution at its selection targets:
// containers at or above the hold cut-off are the riskiest `holdShare` of the
// window, those at or above the documentary cut-off the next
// `documentaryShare`, each as near its share as tied scores allow. Stored per unit and transport mode, so every queue
// query joins one small row instead of ranking the window itself.
import type { Services } from "../services.js";
import { DEFAULT_TARGET, TRANSPORT_MODES } from "./selection-targets.js";

/**
 * SHIPMENT_IN_FORCE_SQL on scoring_state's copy of the manifest id (0025, kept in step by a shipment trigger), as
 * queue-filters.ts reads it (which imports this file, hence the copy):
 * the window is read from scoring_state alone, by its (unit, arrival date) index. Joined to shipment, it read
 * every shipment of the unit, history included (0.15-0.2 s of database CPU at 65,000, serial at a re-score's end).
 */
const STATE_COPY_IN_FORCE_SQL = `NOT EXISTS (SELECT 1 FROM manifest mv
  WHERE mv.id = st.manifest_id AND (mv.superseded_at IS NOT NULL OR mv.cancelled_at IS NOT NULL))`;

/** Below this many scored containers in the window a share means little: the profiles' own bands apply. */
export const MIN_SAMPLE = 50;
/** Cut-offs older than this are recomputed on the next queue read. */
const STALE_AFTER_MS = 5 * 60_000;
/** A score of 0 matched nothing: it is never a lane, whatever the shares. */
const LOWEST_CUTOFF = 1e-6;

const refreshedAt = new Map<string, number>();

export async function refreshBandCutoffs(services: Pick<Services, "pool" | "now">, unitId: string): Promise<void> {
  const today = services.now().toISOString().slice(0, 10);
  // Each lane's cut-off is the score whose share of containers at or above it is nearest the target, over the
  // distinct scores of the window. A plain percentile lands inside a tie: with scores in steps of 5, the 97th
  // percentile's score was shared by 9.75 % of a vessel, all of them "high" under a 3 % target, and the
  // documentary cut-off fell on the same score (no medium at all). Nearest, and on equal distance the smaller
  // share, keeps each lane as close to its target as whole scores allow. Only scores above 0 can be cut-offs.
  const computed = await services.pool.query<{ mode: string; n: string; hold_cut: number | null; doc_cut: number | null }>(
    `WITH t AS (
       SELECT m.mode, COALESCE(u.hold_share, $2) AS hold, COALESCE(u.documentary_share, $3) AS doc, COALESCE(u.window_days, $4) AS win
         FROM unnest($5::transport_mode[]) AS m(mode)
         LEFT JOIN unit_selection_target u ON u.unit_id = $1 AND u.transport_mode = m.mode
     ), tiers AS (
       SELECT t.mode, t.hold, t.doc, st.score, count(*) AS k, sum(count(*)) OVER (PARTITION BY t.mode) AS n
         FROM t
         JOIN scoring_state st ON st.unit_id = $1 AND st.transport_mode = t.mode AND st.arrival_date >= $6::date - t.win AND st.score IS NOT NULL
          AND ${STATE_COPY_IN_FORCE_SQL}
        GROUP BY t.mode, t.hold, t.doc, st.score
     ), shares AS (
       SELECT mode, hold, doc, score, n, sum(k) OVER (PARTITION BY mode ORDER BY score DESC) / n::float8 AS share FROM tiers
     ), hold_pick AS (
       SELECT DISTINCT ON (mode) mode, score AS hold_cut FROM shares WHERE score > 0 ORDER BY mode, abs(share - hold), share
     ), doc_pick AS (
       SELECT DISTINCT ON (x.mode) x.mode, x.score AS doc_cut
         FROM shares x JOIN hold_pick h ON h.mode = x.mode
        WHERE x.score > 0 AND x.score <= h.hold_cut
        ORDER BY x.mode, abs(x.share - (x.hold + x.doc)), x.share
     )
     SELECT w.mode, w.n, h.hold_cut, d.doc_cut
       FROM (SELECT DISTINCT mode, n FROM tiers) w
       LEFT JOIN hold_pick h ON h.mode = w.mode
       LEFT JOIN doc_pick d ON d.mode = w.mode`,
    [unitId, DEFAULT_TARGET.holdShare, DEFAULT_TARGET.documentaryShare, DEFAULT_TARGET.windowDays, TRANSPORT_MODES, today],
  );
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
  refreshedAt.set(unitId, Date.now());
}

/** Recomputes the unit's cut-offs when this process has not for a few minutes. */
export async function ensureFreshCutoffs(services: Pick<Services, "pool" | "now">, unitId: string): Promise<void> {
  const last = refreshedAt.get(unitId);
  if (last !== undefined && Date.now() - last < STALE_AFTER_MS) return;
  await refreshBandCutoffs(services, unitId);
}

/** Forget when cut-offs were computed (tests that change scores and read the queue at once). */
export function forgetCutoffRefreshes(): void {
  refreshedAt.clear();
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
