// Correcting for how the history was selected. Only inspected boxes have an
// outcome, and the old rules chose most of them:
// - random selections are the one unbiased sample of everything the unit
//   receives, including patterns the old rules never looked at: they count
//   more (twice; up to half the total weight);
// - profile and officer selections chose on the manifest's fields, so the
//   outcome given those fields is not biased by the choice: they count as
//   they are;
// - intelligence selections were chosen on information the manifest does not
//   carry, but their hits still show which routes, goods and parties the
//   organisations use: down-weighting them (tried at 0.5 and 0.25) lowered the
//   later period's precision on three seeded histories, so they count as they are.
// Random rows at 3x did no better than 2x there and varied more: a few dozen
// random boxes hold a hit or two.
import type { SelectedBy } from "./prepare-history.js";

export type SelectionWeighting = Record<SelectedBy, number>;

export const DEFAULT_SELECTION_WEIGHTING: SelectionWeighting = { random: 2, profile: 1, officer: 1, intelligence: 1, unknown: 1 };
export const UNWEIGHTED: SelectionWeighting = { random: 1, profile: 1, officer: 1, intelligence: 1, unknown: 1 };

/**
 * Per-record weights. Random records never carry more than half the total
 * weight: a handful of random boxes must not drown the rest of the history.
 */
export function selectionWeights(channels: readonly (SelectedBy | undefined)[], weighting: SelectionWeighting): { weights: Float64Array; applied: Partial<Record<SelectedBy, number>> } {
  const counts: Partial<Record<SelectedBy, number>> = {};
  for (const c of channels) counts[c ?? "unknown"] = (counts[c ?? "unknown"] ?? 0) + 1;
  const random = counts.random ?? 0;
  const others = channels.length - random;
  const applied: Partial<Record<SelectedBy, number>> = {};
  for (const c of Object.keys(counts) as SelectedBy[]) applied[c] = weighting[c];
  if (random > 0 && applied.random !== undefined && applied.random > 1) applied.random = Math.max(1, Math.min(applied.random, others / random));
  const weights = Float64Array.from(channels, (c) => applied[c ?? "unknown"] ?? 1);
  return { weights, applied };
}
