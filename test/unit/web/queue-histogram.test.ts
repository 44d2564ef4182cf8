// The score histogram's range labels in both languages: half-open ranges
// with their exact edges, the last closed, so no two labels overlap or
// round into each other (the reviewer saw "30–33" beside "15–19"/"19–23").
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
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
});
