// One fit of the additive model on some rows of a prepared history: feature
// space, weights (time decay and selection), per-group penalties, logistic
// fit, and the points each feature earns. Points are rounded here, once, so
// that everything downstream (the emitted profile, the explanations, the
// in-builder back-test) uses the very numbers the scorer will add up.
import { buildFeatureSpace, encodeRow, encodeRows, type FeatureSpace } from "./feature-space.js";
import { fitLogistic } from "./fit-logistic.js";
import type { PreparedHistory, SelectedBy } from "./prepare-history.js";
import { selectionWeights, type SelectionWeighting } from "./selection-weights.js";
import { decayWeights } from "./time-decay.js";

export type { HistoryRecord, SelectedBy } from "./prepare-history.js";

export interface ModelOptions {
  /** Half-life of a record's weight in days; Infinity turns decay off. */
  halfLifeDays: number;
  /** Base L2 penalty, in (weighted) records: roughly how many records of evidence a value needs before its points approach its own log-odds. */
  l2: number;
  /** Points per unit of log-odds (10 → a value with odds 2.7× the rest earns 10 points). */
  pointsPerLogOdds: number;
  /** How much each selection channel's records count (see selection-weights.ts). */
  selection: SelectionWeighting;
  maxSweeps?: number;
}

export interface FeatureStats {
  /** Inspected records of the history holding the feature. */
  count: number;
  /** Of those, inspections that found something. */
  hits: number;
}

export interface LearnedModel {
  space: FeatureSpace;
  /** Points per feature, rounded to 0.1 as emitted. */
  points: Float64Array;
  stats: FeatureStats[];
  intercept: number;
  fit: { sweeps: number; converged: boolean; logLoss: number };
  history: { records: number; hits: number; from: string; to: string };
  /** Weight per selection channel actually applied (1 when a channel had no records). */
  weights: Partial<Record<SelectedBy, number>>;
}

/** Fits on `rows` (labelled row indices of `prepared`, in date order). */
export function trainModel(prepared: PreparedHistory, rows: readonly number[], opts: ModelOptions): LearnedModel {
  if (rows.length === 0) throw new Error("cannot learn a profile from an empty history");
  const space = buildFeatureSpace(prepared.raw, rows);
  const encoded = encodeRows(space, rows);
  const y = Uint8Array.from(rows, (i) => prepared.hit[i]!);
  const decay = decayWeights(rows.map((i) => prepared.dates[i]!), opts.halfLifeDays);
  const { weights: selection, applied } = selectionWeights(rows.map((i) => prepared.selectedBy[i]), opts.selection);
  const weight = new Float64Array(rows.length);
  let sum = 0;
  for (let r = 0; r < rows.length; r++) sum += weight[r] = decay[r]! * selection[r]!;
  // Rescaled to the record count: the L2 penalty keeps its meaning whatever the weights.
  for (let r = 0; r < rows.length; r++) weight[r]! *= rows.length / sum;

  const penalty = new Float64Array(space.features.length);
  const prior = new Float64Array(space.features.length);
  const lower = new Float64Array(space.features.length).fill(-Infinity);
  space.features.forEach((f, j) => {
    const spec = prepared.raw.groups[f.group]!;
    penalty[j] = opts.l2 * (spec.penalty ?? 1);
    // Only a flag is one condition with one meaning; table values and bands start from no effect.
    if (f.kind === "flag") prior[j] = spec.prior ?? 0;
    // A flag is a risk sign (a new party, a seizure link, a seal issue...): it may add points or none, never take
    // them away, whatever weight a collinear flag took. Table values and bands compare values of one field: some are below the rest.
    if (f.kind === "flag") lower[j] = 0;
  });
  const fit = fitLogistic(encoded, y, weight, { penalty, prior, lower, maxSweeps: opts.maxSweeps ?? 60 });

  const stats: FeatureStats[] = space.features.map(() => ({ count: 0, hits: 0 }));
  for (let r = 0; r < rows.length; r++) {
    for (let k = encoded.rowStart[r]!; k < encoded.rowStart[r + 1]!; k++) {
      const st = stats[encoded.cols[k]!]!;
      st.count++;
      if (y[r]) st.hits++;
    }
  }
  const points = fit.coef.map((c) => Math.round(c * opts.pointsPerLogOdds * 10) / 10);
  return {
    space,
    points,
    stats,
    intercept: fit.intercept,
    fit: { sweeps: fit.sweeps, converged: fit.converged, logLoss: fit.logLoss },
    history: { records: rows.length, hits: y.reduce((a, b) => a + b, 0), from: prepared.dates[rows[0]!]!, to: prepared.dates[rows[rows.length - 1]!]! },
    weights: applied,
  };
}

/** The score the emitted profile gives row `i`: the sum of its features' points. */
export function modelScore(model: LearnedModel, i: number, buf: number[] = []): number {
  let score = 0;
  for (const f of encodeRow(model.space, i, buf)) score += model.points[f]!;
  return Math.round(score * 10) / 10;
}

/** The model's probability for row `i` (unrounded coefficients are gone: from the points). */
export function modelProbability(model: LearnedModel, i: number, pointsPerLogOdds: number, buf: number[] = []): number {
  return 1 / (1 + Math.exp(-(model.intercept + modelScore(model, i, buf) / pointsPerLogOdds)));
}
