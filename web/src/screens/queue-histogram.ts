// The score histogram's range labels. Bins are half-open, [from, to), but the
// last, which holds the highest score too: "30 to under 36" then "36 to 42",
// so no two labels claim the same score and none rounds into its neighbour.
// A vessel whose containers all have the same score is one bar named by that
// score (core/triage/score-histogram.ts), not a range around it.
import type { MessageKey } from "../messages/en.js";

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** `label(key, from, to)` formats one range with the message `key` (the caller's locale and number format). */
export function histogramLabels(bins: readonly HistogramBin[], label: (key: Extract<MessageKey, "board.binRange" | "board.binLast" | "board.binScore">, from: number, to: number) => string): string[] {
  return bins.map((bin, i) => label(bin.from === bin.to ? "board.binScore" : i === bins.length - 1 ? "board.binLast" : "board.binRange", bin.from, bin.to));
}
