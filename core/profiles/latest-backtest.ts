// The latest back-test of a stored version on the unit's history, summed up
// for the analyst who is about to activate it: when, over how many records,
// the selection rate and precision to expect. A built version's held-out
// figures come first (the records it did not learn from); only when the
// back-test held none are its in-sample figures given, and said to be so.
// A back-test counts only if it scored the version as it is now: a draft
// saved again since (another definition hash) has not been back-tested yet.
// The activation dialog reads it alone (GET .../versions/{n}/latest-backtest),
// not through the version's detail, whose document can run to megabytes.
import type { UnitScope } from "../auth/principal.js";
import type { Pool } from "../db/pool.js";
import type { Services } from "../services.js";
import { findProfile, findVersion } from "./profile-store.js";

/** Which records the figures are over. */
export type BacktestBasis = "heldOut" | "inSample" | "notBuilt";

/** A back-test's figures over one set of records. */
interface Figures {
  records: number;
  hits: number;
  selected: number;
  selectionRate: number | null;
  precision: number | null;
  recall: number | null;
}

export interface LatestBacktest extends Figures {
  analysisJobId: string;
  /** A back-test of this version alone, or a comparison it was one side of. */
  kind: "backtest" | "compare";
  finishedAt: Date;
  /** The range asked for (null: the history's start or end). */
  from: string | null;
  to: string | null;
  /**
   * heldOut: records outside the training window of a built version;
   * inSample: a built version's own training records (they flatter it);
   * notBuilt: every record, for a version written by hand.
   */
  basis: BacktestBasis;
}

const FIGURES = (p: string) =>
  `jsonb_build_object('records', ${p}->'records', 'hits', ${p}->'hits', 'selected', ${p}->'selected', 'selectionRate', ${p}->'selectionRate', 'precision', ${p}->'precision', 'recall', ${p}->'recall')`;

/** The newest succeeded back-test or comparison that scored this version with its current definition; null when none did. */
export async function latestBacktestOf(pool: Pool, unitId: string, version: { profileCode: string; version: number; definitionHash: string }): Promise<LatestBacktest | null> {
  // A back-test's result names its profile under "profile"; a comparison's under "baseline" and "candidate".
  const found = await pool.query<{ id: string; kind: "backtest" | "compare"; finished_at: Date; from: string | null; to: string | null; sample_kind: string | null; all: Figures; held_out: Figures | null; in_sample: Figures | null }>(
    `SELECT j.id, j.kind::text AS kind, j.finished_at, j.result->>'from' AS "from", j.result->>'to' AS "to",
            side.p->'sample'->>'kind' AS sample_kind,
            ${FIGURES("side.p")} AS "all",
            CASE WHEN side.p->'sample' ? 'heldOut' THEN ${FIGURES("side.p->'sample'->'heldOut'")} END AS held_out,
            CASE WHEN side.p->'sample' ? 'inSample' THEN ${FIGURES("side.p->'sample'->'inSample'")} END AS in_sample
       FROM analysis_job j
      CROSS JOIN LATERAL (VALUES (j.result->'profile'), (j.result->'baseline'), (j.result->'candidate')) AS side(p)
      WHERE j.unit_id = $1 AND j.status = 'succeeded' AND j.kind IN ('backtest', 'compare')
        AND side.p->>'profileCode' = $2 AND side.p->>'version' = $3 AND side.p->>'definitionHash' = $4
      ORDER BY j.finished_at DESC, j.id
      LIMIT 1`,
    [unitId, version.profileCode, String(version.version), version.definitionHash],
  );
  const row = found.rows[0];
  if (!row) return null;
  const built = row.sample_kind === "built";
  const basis: BacktestBasis = !built ? "notBuilt" : row.held_out && row.held_out.records > 0 ? "heldOut" : "inSample";
  const figures = basis === "heldOut" ? row.held_out! : basis === "inSample" ? (row.in_sample ?? row.all) : row.all;
  return {
    analysisJobId: row.id,
    kind: row.kind,
    finishedAt: row.finished_at,
    from: row.from,
    to: row.to,
    basis,
    records: figures.records,
    hits: figures.hits,
    selected: figures.selected,
    selectionRate: figures.selectionRate,
    precision: figures.precision,
    recall: figures.recall,
  };
}

/** The latest back-test of one stored version (404 for an unknown profile or version), without its document. */
export async function getLatestBacktest(services: Pick<Services, "pool">, unit: UnitScope, profileCode: string, version: number): Promise<{ latestBacktest: LatestBacktest | null }> {
  const profile = await findProfile(services.pool, unit.id, profileCode);
  const row = await findVersion(services.pool, profile, version);
  return { latestBacktest: await latestBacktestOf(services.pool, unit.id, { profileCode: profile.code, version: row.version, definitionHash: row.definition_hash }) };
}
