// The honest figures of a build: a model fitted on the older inspections
// ranks the later period it never saw. Precision and recall are on the later
// inspected records; the random selections among them are reported apart (the
// only unbiased sample of all arrivals). The thresholds are cut on every later
// shipment, inspected or not, since they select from all arrivals, but by the
// emitted profile's own scores (build-profile.ts), not this earlier fit's.
import { precisionAtTopShare } from "../backtest.js";
import type { PreparedHistory } from "./prepare-history.js";
import { splitRows } from "./tune-settings.js";
import { modelScore, type LearnedModel } from "./train-model.js";

const SHARES = [["1%", 0.01], ["2%", 0.02], ["5%", 0.05], ["10%", 0.1], ["20%", 0.2]] as const;
type ShareName = (typeof SHARES)[number][0];

export interface PeriodFigures {
  records: number;
  hits: number;
  baseRate: number | null;
  precisionAtTop: Record<ShareName, number | null>;
  recallAt10: number | null;
}

export interface LaterPeriodReport extends PeriodFigures {
  /** Inspected records the model was fitted on (before the cut). */
  buildRecords: number;
  /** First date of the later period. */
  cut: string;
  /** The same figures on the random selections of the later period only. */
  random: PeriodFigures;
  /** Shipments of the later period (inspected or not) the thresholds were cut on. */
  thresholdShipments: number;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

export function periodFigures(scored: readonly { score: number; hit: boolean }[]): PeriodFigures {
  const hits = scored.filter((s) => s.hit).length;
  const precisionAtTop = Object.fromEntries(SHARES.map(([name, s]) => [name, scored.length === 0 ? null : round(precisionAtTopShare(scored, s).precision)])) as PeriodFigures["precisionAtTop"];
  return {
    records: scored.length,
    hits,
    baseRate: scored.length === 0 ? null : round(hits / scored.length),
    precisionAtTop,
    recallAt10: scored.length === 0 ? null : round(precisionAtTopShare(scored, 0.1).recall),
  };
}

/** Every shipment of the later period, inspected or not: the arrivals the thresholds select from. */
export function laterPopulation(prepared: PreparedHistory, cut: string): number[] {
  return [...splitRows(prepared, prepared.labelled, cut).after, ...splitRows(prepared, prepared.unlabelled, cut).after];
}

export function measureLaterPeriod(prepared: PreparedHistory, cut: string, early: LearnedModel): LaterPeriodReport {
  const { before, after } = splitRows(prepared, prepared.labelled, cut);
  const buf: number[] = [];
  const scored = after.map((i) => ({ score: modelScore(early, i, buf), hit: prepared.hit[i] === 1, random: prepared.selectedBy[i] === "random" }));
  return { ...periodFigures(scored), buildRecords: before.length, cut, random: periodFigures(scored.filter((s) => s.random)), thresholdShipments: laterPopulation(prepared, cut).length };
}
