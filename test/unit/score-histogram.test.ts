// The queue's score histogram frames its data: no bins past the one holding
// the highest score (a vessel all at 51 had ten bins, its axis running to 61),
// one bar at the score itself when every container has the same score, and
// ten whole-number bins for a spread of scores as before.
import { describe, expect, test } from "vitest";
import { HISTOGRAM_BINS, scoreHistogram } from "../../core/triage/score-histogram.js";

/** The bins' counts as queue-overview's SQL fills them: LEAST(floor((score - base) / width) + 1, BINS). */
function counted(scores: number[]) {
  const lowest = Math.min(...scores);
  const highest = Math.max(...scores);
  const base = Math.floor(lowest);
  const width = Math.max(1, Math.ceil((highest - base) / HISTOGRAM_BINS));
  const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const score of scores) {
    const bin = Math.min(Math.floor((score - base) / width), HISTOGRAM_BINS - 1);
    bins[bin] = bins[bin]! + 1;
  }
  return { bins, range: { base, width, lowest, highest } };
}
const edges = (bins: { from: number; to: number; count: number }[]) => bins.map((b) => [b.from, b.to, b.count]);

describe("score histogram", () => {
  test("every container at one score: one bar at that score, whatever the count", () => {
    const { bins, range } = counted(new Array<number>(120).fill(51));
    expect(edges(scoreHistogram(bins, range, true))).toEqual([[51, 51, 120]]);
    const zero = counted(new Array<number>(3).fill(0));
    expect(edges(scoreHistogram(zero.bins, zero.range, true))).toEqual([[0, 0, 3]]);
  });

  test("one score placed by the counters stands for a bucket: its whole-number bin, and no more", () => {
    const { bins, range } = counted(new Array<number>(40).fill(51.5));
    expect(edges(scoreHistogram(bins, range, false))).toEqual([[51, 52, 40]]);
  });

  test("scores spread over fewer than ten whole numbers: the bins stop at the one holding the highest", () => {
    const { bins, range } = counted([50, 50, 51, 53, 53, 53]);
    expect(edges(scoreHistogram(bins, range, true))).toEqual([[50, 51, 2], [51, 52, 1], [52, 53, 0], [53, 54, 3]]);
  });

  test("a spread of scores: ten bins of a whole width covering every score", () => {
    const scores = Array.from({ length: 120 }, (_, i) => i);
    const { bins, range } = counted(scores);
    expect(edges(scoreHistogram(bins, range, true))).toEqual(Array.from({ length: 10 }, (_, i) => [i * 12, (i + 1) * 12, 12]));
    // The highest score on the last edge falls in the last bin, closed.
    const edge = counted([0, 5, 100]);
    expect(edges(scoreHistogram(edge.bins, edge.range, true))).toEqual(Array.from({ length: 10 }, (_, i) => [i * 10, (i + 1) * 10, i === 0 ? 2 : i === 9 ? 1 : 0]));
  });
});
