// The back-test's contribution chart: points on hits per indicator, and shares
// of all points on hits that add up to 100 % even when points are negative
// (a ratio of points on hits to an indicator's own points read "5,254.7 %").
import { describe, expect, test } from "vitest";
import { contributions, sharesOf, type IndicatorPoints } from "../../../web/src/charts/contribution.js";

const indicator = (code: string, pointsOnHits: number, pointsTotal: number): IndicatorPoints => ({
  code, label: null, matched: 10, matchedHits: 2, hitRate: 0.2, pointsOnHits, pointsTotal,
});

describe("indicator contributions", () => {
  test("shares of the points on hits add up to 100 % and lie between 0 and 1, whatever the signs", () => {
    // REPEAT_GOODS: 5,254.7 % under the old ratio (pointsOnHits / pointsTotal with a near-zero total).
    const rows = contributions([indicator("SRC", 200, 300), indicator("REPEAT_GOODS", 52.547, 1), indicator("TRUSTED", -40, -400), indicator("ZERO", 0, 30)]);
    const sum = rows.reduce((total, r) => total + (r.share ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12);
    for (const r of rows) {
      expect(r.share).toBeGreaterThanOrEqual(0);
      expect(r.share).toBeLessThanOrEqual(1);
    }
    expect(rows.find((r) => r.code === "REPEAT_GOODS")!.share).toBeCloseTo(52.547 / 292.547, 12);
  });

  test("largest points on hits first (by absolute value), ties by code; points kept as they are", () => {
    const rows = contributions([indicator("B", 10, 20), indicator("A", 10, 15), indicator("NEG", -50, -60), indicator("C", 5, 5)]);
    expect(rows.map((r) => r.code)).toEqual(["NEG", "A", "B", "C"]);
    expect(rows[0]!.pointsOnHits).toBe(-50);
    expect(rows[0]!.pointsTotal).toBe(-60);
  });

  test("no points on hits at all: no shares rather than a division by zero", () => {
    const rows = contributions([indicator("A", 0, 10), indicator("B", 0, 0)]);
    expect(rows.map((r) => r.share)).toEqual([null, null]);
    expect(contributions([])).toEqual([]);
  });

  test("shares inspected read from '5%' keys, in numeric order, others dropped", () => {
    expect(sharesOf({ "10%": 0.2, "1%": 0.5, "2.5%": 0.4, top: 1 })).toEqual([
      { key: "1%", percent: 1 },
      { key: "2.5%", percent: 2.5 },
      { key: "10%", percent: 10 },
    ]);
    expect(sharesOf(null)).toEqual([]);
  });
});
