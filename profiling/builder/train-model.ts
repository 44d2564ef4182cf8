// One fit of the additive model on a labelled history: feature space, time
// decay, per-group penalties, logistic fit, and the points each feature
// earns. Points are rounded here, once, so that everything downstream (the
// emitted profile, the explanations, the in-builder back-test) uses the very
// numbers the scorer will add up.
import type { ShipmentInput } from "../shipment.js";
import type { FeatureGroupSpec } from "./feature-catalog.js";
import { buildFeatureSpace, encodeShipment, type FeatureSpace } from "./feature-space.js";
import { fitLogistic } from "./fit-logistic.js";
import { decayWeights } from "./time-decay.js";

/** What the builder learns from: a shipment, its inspection outcome, its date. */
export interface HistoryRecord {
  shipment: ShipmentInput;
  label: { hit: boolean; critical?: boolean };
  /** ISO date (YYYY-MM-DD) of the declaration / inspection. */
  date: string;
}

export interface ModelOptions {
  groups: readonly FeatureGroupSpec[];
  /** Half-life of a record's weight in days; Infinity turns decay off. */
  halfLifeDays: number;
  /** Base L2 penalty, in (decayed) records: roughly how many records of evidence a value needs before its points approach its own log-odds. */
  l2: number;
  /** Points per unit of log-odds (10 → a value with odds 2.7× the rest earns 10 points). */
  pointsPerLogOdds: number;
  /** Coordinate-descent sweeps at most (the 2020 history converges in ~50; rankings settle after ~15). */
  maxSweeps?: number;
}

export interface FeatureStats {
  /** Records of the history holding the feature. */
  count: number;
  /** Of those, inspections that found fraud. */
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
}

export function trainModel(records: readonly HistoryRecord[], opts: ModelOptions): LearnedModel {
  if (records.length === 0) throw new Error("cannot learn a profile from an empty history");
  const shipments = records.map((r) => r.shipment);
  const { space, rows } = buildFeatureSpace(shipments, opts.groups);
  const y = Uint8Array.from(records, (r) => (r.label.hit ? 1 : 0));
  const weight = decayWeights(records.map((r) => r.date), opts.halfLifeDays);

  const penalty = new Float64Array(space.features.length);
  space.features.forEach((f, j) => {
    penalty[j] = opts.l2 * (opts.groups[f.group]!.penalty ?? 1);
  });
  const fit = fitLogistic(rows, y, weight, { penalty, maxSweeps: opts.maxSweeps ?? 60 });

  const stats: FeatureStats[] = space.features.map(() => ({ count: 0, hits: 0 }));
  for (let i = 0; i < records.length; i++) {
    for (let k = rows.rowStart[i]!; k < rows.rowStart[i + 1]!; k++) {
      const st = stats[rows.cols[k]!]!;
      st.count++;
      if (y[i]) st.hits++;
    }
  }
  const points = fit.coef.map((c) => Math.round(c * opts.pointsPerLogOdds * 10) / 10);

  let from = records[0]!.date;
  let to = from;
  for (const r of records) {
    if (r.date < from) from = r.date;
    if (r.date > to) to = r.date;
  }
  return {
    space,
    points,
    stats,
    intercept: fit.intercept,
    fit: { sweeps: fit.sweeps, converged: fit.converged, logLoss: fit.logLoss },
    history: { records: records.length, hits: y.reduce((a, b) => a + b, 0), from, to },
  };
}

/** The score the emitted profile gives a shipment: the sum of its features' points. */
export function modelScore(model: LearnedModel, s: ShipmentInput, buf: number[] = []): number {
  let score = 0;
  for (const f of encodeShipment(model.space, s, buf)) score += model.points[f]!;
  return Math.round(score * 10) / 10;
}
