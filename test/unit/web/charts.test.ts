// The geometry of the inline SVG charts: round ceilings, clamped scales,
// grouped bars that stay inside the plot, shares read from "5%" keys.
import { describe, expect, test } from "vitest";
import { groupedBars, horizontalBars, linearScale, niceCeiling, sharesOf, ticks } from "../../../web/src/charts.js";

describe("chart scaling", () => {
  test("niceCeiling rounds up to 1, 2, 2.5 or 5 × 10^n", () => {
    expect(niceCeiling(0.83)).toBe(1);
    expect(niceCeiling(0.42)).toBe(0.5);
    expect(niceCeiling(0.21)).toBe(0.25);
    expect(niceCeiling(0.2)).toBe(0.2);
    expect(niceCeiling(0.013)).toBe(0.02);
    expect(niceCeiling(37)).toBe(50);
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });

  test("linearScale maps [0, max] onto [0, length], clamped, null as 0", () => {
    const scale = linearScale(0.5, 200);
    expect(scale(0.25)).toBe(100);
    expect(scale(0.5)).toBe(200);
    expect(scale(0.9)).toBe(200);
    expect(scale(-1)).toBe(0);
    expect(scale(null)).toBe(0);
    expect(scale(Number.NaN)).toBe(0);
    expect(linearScale(0, 100)(0.5)).toBe(50);
  });

  test("groupedBars: equal slots, bars side by side within 80 % of a slot, grown from the bottom", () => {
    const bars = groupedBars([{ label: "1%", values: [1, 0.5] }, { label: "2%", values: [0.25, null] }], 400, 100, 1);
    expect(bars).toHaveLength(4);
    expect(bars[0]).toMatchObject({ group: 0, series: 0, x: 20, width: 80, height: 100, y: 0 });
    expect(bars[1]).toMatchObject({ group: 0, series: 1, x: 100, height: 50, y: 50 });
    expect(bars[2]).toMatchObject({ group: 1, series: 0, x: 220, height: 25, y: 75 });
    expect(bars[3]).toMatchObject({ height: 0, y: 100, value: null });
    for (const b of bars) {
      expect(b.x + b.width).toBeLessThanOrEqual(400);
      expect(b.y + b.height).toBe(100);
    }
    expect(groupedBars([], 400, 100, 1)).toEqual([]);
  });

  test("ticks and shares", () => {
    expect(ticks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(0.2, 2)).toEqual([0, 0.1, 0.2]);
    expect(ticks(0)).toEqual([0]);
    expect(sharesOf({ "10%": 0.5, "1%": 0.9, "5%": 0.7, bad: 1 }).map((s) => s.percent)).toEqual([1, 5, 10]);
    expect(sharesOf(null)).toEqual([]);
  });
});

describe("horizontal bars", () => {
  test("one row each, lengths scaled and clamped, null as empty", () => {
    const rows = horizontalBars([0.5, 1.2, null], 300, 20, 1);
    expect(rows.map((r) => r.length)).toEqual([150, 300, 0]);
    expect(rows.map((r) => r.y)).toEqual([3, 23, 43]);
  });
});
