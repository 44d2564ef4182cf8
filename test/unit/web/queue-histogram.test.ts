// The score histogram's range labels in both languages: half-open ranges
// with their exact edges, the last closed, so no two labels overlap or
// round into each other (the reviewer saw "30–33" beside "15–19"/"19–23").
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
import { countAxis } from "../../../web/src/charts/count-axis.js";
import { histogramLabels } from "../../../web/src/screens/queue-histogram.js";

const labels = (language: "en" | "es", bins: { from: number; to: number }[]) => {
  const t = translator(language);
  const fmt = formatters(language);
  return histogramLabels(bins.map((b) => ({ ...b, count: 1 })), (key, from, to) => t(key, { from: fmt.number(from, 1), to: fmt.number(to, 1) }));
};

describe("histogram range labels", () => {
  test("each range names its exact edges: under the next one's start, the last one inclusive", () => {
    expect(labels("en", [{ from: 30, to: 36 }, { from: 36, to: 42 }, { from: 42, to: 48 }])).toEqual(["30 to under 36", "36 to under 42", "42 to 48"]);
    expect(labels("es", [{ from: 30, to: 36 }, { from: 36, to: 42 }])).toEqual(["30 a menos de 36", "36 a 42"]);
  });

  test("a fractional edge is shown as it is (one decimal), never rounded to the neighbour's number", () => {
    expect(labels("en", [{ from: 30, to: 32.5 }, { from: 32.5, to: 35 }])).toEqual(["30 to under 32.5", "32.5 to 35"]);
    expect(labels("es", [{ from: 30, to: 32.5 }, { from: 32.5, to: 35 }])).toEqual(["30 a menos de 32,5", "32,5 a 35"]);
  });

  test("one bin (every score the same) is closed", () => {
    expect(labels("en", [{ from: 51, to: 52 }])).toEqual(["51 to 52"]);
  });

  test("every container at one score: the one bar is named by that score, not a range past it", () => {
    expect(labels("en", [{ from: 51, to: 51 }])).toEqual(["Score 51"]);
    expect(labels("es", [{ from: 37.5, to: 37.5 }])).toEqual(["Puntuación 37,5"]);
  });
});

describe("histogram count axis", () => {
  test("whole-number ticks, none repeated once formatted, none past the largest count", () => {
    for (const max of [0, 1, 2, 3, 4, 7, 10, 12, 120, 999, 15_000]) {
      const axis = countAxis(max);
      expect(axis.domain).toEqual([0, Math.max(1, max)]);
      expect(axis.ticks[0]).toBe(0);
      expect(axis.ticks.every((tick) => Number.isInteger(tick) && tick <= axis.domain[1])).toBe(true);
      const shown = axis.ticks.map((tick) => formatters("en").number(tick, 0));
      expect(new Set(shown).size).toBe(shown.length);
      expect(axis.ticks.length).toBeLessThanOrEqual(4);
    }
    expect(countAxis(1).ticks).toEqual([0, 1]);
    expect(countAxis(3).ticks).toEqual([0, 1, 2, 3]);
    expect(countAxis(120).ticks).toEqual([0, 50, 100]);
  });
});
