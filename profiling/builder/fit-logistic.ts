// L2-regularised, sample-weighted logistic regression over sparse binary
// features, fitted by cyclic coordinate descent with one Newton step per
// coefficient. Binary one-hot features make each step cheap (only the rows
// holding that feature move), and the L2 penalty is what shrinks a value seen
// once toward zero points while a value seen fifty times keeps its weight.
//
// A coefficient may be held at or above a lower bound (a risk sign's is 0):
// each coordinate then minimises its quadratic model on the allowed
// half-line, which is the Newton step clamped at the bound. With a convex
// loss and bounds on single coordinates, this projected coordinate descent
// still converges to the constrained optimum, and it is as deterministic as
// the unconstrained fit (same order, no randomness).
import type { EncodedRows } from "./feature-space.js";

export interface FitOptions {
  /** Per-feature L2 penalty (λ_j); larger means more shrinkage toward the prior. */
  penalty: Float64Array;
  /**
   * Per-feature prior mean of the coefficient (default 0, "no effect"): the
   * value a coefficient is shrunk toward, where domain knowledge says an
   * indicator raises the risk before the unit's own evidence is counted.
   */
  prior?: Float64Array;
  /**
   * Per-feature lower bound of the coefficient (default none, -Infinity).
   * 0 keeps a risk sign from being learned as a reason for less risk: two
   * nearly collinear flags (a seizure-linked party and a seizure-linked
   * consignee) otherwise share their effect as a large positive weight and a
   * negative one, which lowers a container's score for a risk sign.
   */
  lower?: Float64Array;
  maxSweeps?: number;
  /**
   * Stop when a sweep lowers the penalised loss by less than this fraction.
   * (Not "no coefficient moved": one-hot groups overlap with the intercept and
   * with each other, so a few coefficients drift for hundreds of sweeps while
   * the loss, and the ranking, no longer change.)
   */
  tolerance?: number;
}

export interface FitResult {
  intercept: number;
  /** Log-odds coefficient per feature. */
  coef: Float64Array;
  sweeps: number;
  converged: boolean;
  /** Weighted mean log-loss on the training rows, for the report. */
  logLoss: number;
}

/** Column-major copy of the rows: for each feature, the rows that hold it. */
function transpose(rows: EncodedRows, nFeatures: number): { colStart: Int32Array; rowIdx: Int32Array } {
  const counts = new Int32Array(nFeatures + 1);
  for (const c of rows.cols) counts[c + 1]!++;
  for (let j = 0; j < nFeatures; j++) counts[j + 1]! += counts[j]!;
  const fill = counts.slice(0, nFeatures);
  const rowIdx = new Int32Array(rows.cols.length);
  const nRows = rows.rowStart.length - 1;
  for (let i = 0; i < nRows; i++) {
    for (let k = rows.rowStart[i]!; k < rows.rowStart[i + 1]!; k++) rowIdx[fill[rows.cols[k]!]!++] = i;
  }
  return { colStart: counts, rowIdx };
}

const sigmoid = (m: number): number => 1 / (1 + Math.exp(-m));
// Largest move per Newton step: keeps a feature held only by positive rows
// from jumping far before its penalty and neighbours have caught up.
const MAX_STEP = 2;

export function fitLogistic(rows: EncodedRows, y: Uint8Array, weight: Float64Array, opts: FitOptions): FitResult {
  const nRows = y.length;
  const nFeatures = opts.penalty.length;
  const maxSweeps = opts.maxSweeps ?? 60;
  const tolerance = opts.tolerance ?? 1e-4;
  const { colStart, rowIdx } = transpose(rows, nFeatures);
  const prior = opts.prior ?? new Float64Array(nFeatures);
  const lower = opts.lower ?? new Float64Array(nFeatures).fill(-Infinity);
  // Starting at the prior (within its bound) keeps the margins consistent with it from the first sweep.
  const coef = Float64Array.from(prior, (p, j) => Math.max(p, lower[j]!));

  let wSum = 0;
  let wPos = 0;
  for (let i = 0; i < nRows; i++) {
    wSum += weight[i]!;
    if (y[i]) wPos += weight[i]!;
  }
  const base = Math.min(Math.max(wPos / wSum, 1e-6), 1 - 1e-6);
  let intercept = Math.log(base / (1 - base));
  const margin = new Float64Array(nRows).fill(intercept);
  for (let j = 0; j < nFeatures; j++) {
    if (coef[j] === 0) continue;
    for (let k = colStart[j]!; k < colStart[j + 1]!; k++) margin[rowIdx[k]!]! += coef[j]!;
  }

  let sweeps = 0;
  let converged = false;
  let previous = Infinity;
  while (sweeps < maxSweeps && !converged) {
    sweeps++;
    // Intercept: unpenalised Newton step over all rows; the same pass
    // measures the penalised loss reached by the previous sweep.
    let g = 0;
    let h = 0;
    let objective = 0;
    for (let i = 0; i < nRows; i++) {
      const p = sigmoid(margin[i]!);
      g += weight[i]! * (p - y[i]!);
      h += weight[i]! * p * (1 - p);
      objective -= weight[i]! * Math.log(Math.min(Math.max(y[i] ? p : 1 - p, 1e-12), 1));
    }
    for (let j = 0; j < nFeatures; j++) objective += 0.5 * opts.penalty[j]! * (coef[j]! - prior[j]!) ** 2;
    if (previous - objective < tolerance * objective) {
      converged = true;
      break;
    }
    previous = objective;
    const d0 = Math.max(-MAX_STEP, Math.min(MAX_STEP, -g / Math.max(h, 1e-12)));
    intercept += d0;
    for (let i = 0; i < nRows; i++) margin[i]! += d0;

    for (let j = 0; j < nFeatures; j++) {
      const lambda = opts.penalty[j]!;
      let gj = lambda * (coef[j]! - prior[j]!);
      let hj = lambda;
      for (let k = colStart[j]!; k < colStart[j + 1]!; k++) {
        const i = rowIdx[k]!;
        const p = sigmoid(margin[i]!);
        gj += weight[i]! * (p - y[i]!);
        hj += weight[i]! * p * (1 - p);
      }
      if (hj <= 0) continue;
      // The Newton step, capped, then clamped at the coefficient's lower bound.
      const d = Math.max(lower[j]! - coef[j]!, Math.max(-MAX_STEP, Math.min(MAX_STEP, -gj / hj)));
      if (d === 0) continue;
      coef[j]! += d;
      for (let k = colStart[j]!; k < colStart[j + 1]!; k++) margin[rowIdx[k]!]! += d;
    }
  }

  let loss = 0;
  for (let i = 0; i < nRows; i++) {
    const p = Math.min(Math.max(sigmoid(margin[i]!), 1e-12), 1 - 1e-12);
    loss -= weight[i]! * (y[i] ? Math.log(p) : Math.log(1 - p));
  }
  return { intercept, coef, sweeps, converged, logLoss: loss / wSum };
}
