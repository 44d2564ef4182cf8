// Which of a back-test's records a profile version learned from. A version
// built from the unit's history (a `build` job) has seen the records of its
// training window: figures on them are in-sample and flatter it. The records
// outside the window are held-out, the honest measure, reported first. A
// version written by hand was built from no record: every record is outside
// its sample, though an analyst may have tuned it while looking at them.
import { backtest, type BacktestRecord, type BacktestResult } from "../../profiling/backtest.js";
import type { Pool } from "../db/pool.js";

/** Inclusive YYYY-MM-DD days a built version learned from. */
export interface TrainingWindow {
  from: string;
  to: string;
}

export type DatedRecord = BacktestRecord & { day: string };

export type SampleReport =
  | { kind: "built"; learnedFrom: string; learnedTo: string; heldOut: BacktestResult; inSample: BacktestResult }
  | { kind: "not-built" };

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The training window of a stored version, from the build job that made it; null for one written by hand. */
export async function trainingWindowOf(pool: Pool, unitId: string, versionId: string | null): Promise<TrainingWindow | null> {
  if (!versionId) return null;
  const found = await pool.query<{ params: { from: string; to: string; refitOnAll?: boolean }; evaluate_from: string | null }>(
    `SELECT params, result #>> '{backtest,evaluateFrom}' AS evaluate_from FROM analysis_job
      WHERE unit_id = $1 AND kind = 'build' AND status = 'succeeded' AND result #>> '{profile,versionId}' = $2
      ORDER BY finished_at DESC LIMIT 1`,
    [unitId, versionId],
  );
  const row = found.rows[0];
  if (!row) return null;
  // Refitted on the whole range, the stored draft saw every record of it; otherwise only those before the evaluation day.
  const to = row.params.refitOnAll || !row.evaluate_from ? row.params.to : dayBefore(row.evaluate_from);
  return { from: row.params.from, to };
}

/** Held-out and in-sample figures of one version over the same records. */
export function sampleReport(records: readonly DatedRecord[], window: TrainingWindow | null): SampleReport {
  if (!window) return { kind: "not-built" };
  const inWindow = (r: DatedRecord) => r.day >= window.from && r.day <= window.to;
  return {
    kind: "built",
    learnedFrom: window.from,
    learnedTo: window.to,
    heldOut: backtest(records.filter((r) => !inWindow(r))),
    inSample: backtest(records.filter(inWindow)),
  };
}
