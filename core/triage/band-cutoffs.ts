// The scores that cut a unit's recent distribution at its selection targets:
// containers at or above the hold cut-off are the riskiest `holdShare` of the
// window, those at or above the documentary cut-off the next
// `documentaryShare`. Stored per unit and transport mode, so every queue
// query joins one small row instead of ranking the window itself.
import { SHIPMENT_IN_FORCE_SQL } from "../manifests/manifest-versions.js";
import type { Services } from "../services.js";
import { DEFAULT_TARGET, TRANSPORT_MODES } from "./selection-targets.js";

/** Below this many scored containers in the window a share means little: the profiles' own bands apply. */
export const MIN_SAMPLE = 50;
/** Cut-offs older than this are recomputed on the next queue read. */
const STALE_AFTER_MS = 5 * 60_000;
/** A score of 0 matched nothing: it is never a lane, whatever the shares. */
const LOWEST_CUTOFF = 1e-6;

const refreshedAt = new Map<string, number>();

export async function refreshBandCutoffs(services: Pick<Services, "pool" | "now">, unitId: string): Promise<void> {
  const today = services.now().toISOString().slice(0, 10);
  const computed = await services.pool.query<{ mode: string; n: string; hold_cut: number | null; doc_cut: number | null }>(
    `WITH t AS (
       SELECT m.mode, COALESCE(u.hold_share, $2) AS hold, COALESCE(u.documentary_share, $3) AS doc, COALESCE(u.window_days, $4) AS win
         FROM unnest($5::transport_mode[]) AS m(mode)
         LEFT JOIN unit_selection_target u ON u.unit_id = $1 AND u.transport_mode = m.mode
     )
     SELECT t.mode, count(*) AS n,
            percentile_disc(1 - t.hold) WITHIN GROUP (ORDER BY st.score) AS hold_cut,
            percentile_disc(GREATEST(0, 1 - t.hold - t.doc)) WITHIN GROUP (ORDER BY st.score) AS doc_cut
       FROM t
       JOIN shipment s ON s.unit_id = $1 AND s.transport_mode = t.mode AND s.arrival_date >= $6::date - t.win AND ${SHIPMENT_IN_FORCE_SQL}
       JOIN scoring_state st ON st.shipment_id = s.id AND st.score IS NOT NULL
      GROUP BY t.mode, t.hold, t.doc`,
    [unitId, DEFAULT_TARGET.holdShare, DEFAULT_TARGET.documentaryShare, DEFAULT_TARGET.windowDays, TRANSPORT_MODES, today],
  );
  const usable = computed.rows.filter((r) => Number(r.n) >= MIN_SAMPLE && r.hold_cut !== null);
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
      usable.map((r) => Math.min(Math.max(r.doc_cut ?? 0, LOWEST_CUTOFF), Math.max(r.hold_cut ?? 0, LOWEST_CUTOFF))),
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
