// Model choices made on a later time split of the history, never on a random
// one: fit each candidate setting on the older inspections, and keep the one
// whose probabilities best fit the most recent inspections (weighted log-loss,
// a proper score: steadier than a top-share precision on a few dozen hits).
// Patterns drift, so how fast old evidence fades is a choice the data makes.
import { modelProbability, trainModel, type LearnedModel } from "./train-model.js";
import type { PreparedHistory } from "./prepare-history.js";
import { selectionWeights, type SelectionWeighting } from "./selection-weights.js";

export interface Settings {
  halfLifeDays: number;
  l2: number;
}

export interface TuningReport {
  /** First day of the later period the settings were judged on. */
  cut: string;
  trainRecords: number;
  evaluationRecords: number;
  candidates: (Settings & { logLoss: number })[];
  chosen: Settings;
}

const L2_GRID = [0.5, 2, 8];
const HALF_LIFE_GRID = [180, 730];
export const DEFAULT_SETTINGS: Settings = { halfLifeDays: 365, l2: 2 };

export function splitRows(prepared: PreparedHistory, rows: readonly number[], cut: string): { before: number[]; after: number[] } {
  const before: number[] = [];
  const after: number[] = [];
  for (const i of rows) (prepared.dates[i]! < cut ? before : after).push(i);
  return { before, after };
}

export interface TuneOptions {
  selection: SelectionWeighting;
  pointsPerLogOdds: number;
  halfLifeDays?: number | undefined;
  l2?: number | undefined;
}

/** The chosen settings, and the model fitted with them on the older part (reused to calibrate). */
export function tuneSettings(prepared: PreparedHistory, cut: string | undefined, opts: TuneOptions): { chosen: Settings; report: TuningReport | undefined; early: LearnedModel | undefined } {
  const fixed: Settings = { halfLifeDays: opts.halfLifeDays ?? DEFAULT_SETTINGS.halfLifeDays, l2: opts.l2 ?? DEFAULT_SETTINGS.l2 };
  if (cut === undefined) return { chosen: fixed, report: undefined, early: undefined };
  const { before, after } = splitRows(prepared, prepared.labelled, cut);
  if (before.length === 0 || after.length === 0) return { chosen: fixed, report: undefined, early: undefined };
  // No hit on one side and the choice is noise: with none after the cut every
  // candidate's log-loss only rewards predicting less risk for everything,
  // with none before it every candidate learnt nothing. The settings stay at
  // their defaults (the honest figures are still those of a fit on the older part).
  if (!after.some((i) => prepared.hit[i]) || !before.some((i) => prepared.hit[i])) {
    return { chosen: fixed, report: undefined, early: trainModel(prepared, before, { ...fixed, pointsPerLogOdds: opts.pointsPerLogOdds, selection: opts.selection }) };
  }
  const grid: Settings[] = [];
  for (const halfLifeDays of opts.halfLifeDays === undefined ? HALF_LIFE_GRID : [opts.halfLifeDays]) {
    for (const l2 of opts.l2 === undefined ? L2_GRID : [opts.l2]) grid.push({ halfLifeDays, l2 });
  }
  const { weights } = selectionWeights(after.map((i) => prepared.selectedBy[i]), opts.selection);
  const buf: number[] = [];
  let best: { settings: Settings; loss: number; model: LearnedModel } | undefined;
  const candidates: TuningReport["candidates"] = [];
  for (const settings of grid) {
    const model = trainModel(prepared, before, { ...settings, pointsPerLogOdds: opts.pointsPerLogOdds, selection: opts.selection });
    let loss = 0;
    let total = 0;
    after.forEach((i, r) => {
      const p = Math.min(Math.max(modelProbability(model, i, opts.pointsPerLogOdds, buf), 1e-9), 1 - 1e-9);
      loss -= weights[r]! * (prepared.hit[i] ? Math.log(p) : Math.log(1 - p));
      total += weights[r]!;
    });
    const logLoss = loss / total;
    candidates.push({ ...settings, logLoss: Math.round(logLoss * 1e5) / 1e5 });
    if (best === undefined || logLoss < best.loss) best = { settings, loss: logLoss, model };
  }
  return {
    chosen: best!.settings,
    early: best!.model,
    report: { cut, trainRecords: before.length, evaluationRecords: after.length, candidates, chosen: best!.settings },
  };
}
