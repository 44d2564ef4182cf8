// A risk sign is never learned as a reason for less risk. Two nearly
// collinear flags (a party of a past seizure, and the consignee of one, which
// is the same party on most boxes) used to share their effect as a large
// positive weight and a negative one. The fit now keeps a flag's coefficient
// at 0 or above: the flag that would have gone negative stays at 0, the other
// takes the effect, and the result is the constrained optimum, the same on
// every run.
import { describe, expect, test } from "vitest";
import { emitIndicators } from "../../../profiling/builder/emit-profile.js";
import type { FeatureGroupSpec } from "../../../profiling/builder/feature-catalog.js";
import { fitLogistic } from "../../../profiling/builder/fit-logistic.js";
import { prepareHistory } from "../../../profiling/builder/prepare-history.js";
import { DEFAULT_SELECTION_WEIGHTING } from "../../../profiling/builder/selection-weights.js";
import { trainModel, type HistoryRecord } from "../../../profiling/builder/train-model.js";
import { seededRandom, shipment } from "./synthetic-history.js";

/**
 * 100 boxes with only the broad flag (half of them hits), 100 with both flags
 * (a quarter hits), 200 with neither (one in twenty): given the broad flag,
 * the narrow one holds fewer hits, so alone it would fit a negative weight.
 */
function collinearRows() {
  const rowStart = new Int32Array(401);
  const cols: number[] = [];
  const y = new Uint8Array(400);
  for (let i = 0; i < 400; i++) {
    if (i < 200) cols.push(0);
    if (i >= 100 && i < 200) cols.push(1);
    rowStart[i + 1] = cols.length;
    y[i] = i < 100 ? (i % 2 === 0 ? 1 : 0) : i < 200 ? (i % 4 === 0 ? 1 : 0) : i % 20 === 0 ? 1 : 0;
  }
  return { rows: { rowStart, cols: Int32Array.from(cols) }, y, weight: new Float64Array(400).fill(1) };
}

describe("fitLogistic with lower bounds", () => {
  const { rows, y, weight } = collinearRows();
  const options = { penalty: new Float64Array([0.3, 0.3]), prior: new Float64Array([0.7, 0]), maxSweeps: 500, tolerance: 1e-12 };

  test("the narrow flag that fits negative without a bound stays at 0 with one; the broad flag keeps the effect", () => {
    const free = fitLogistic(rows, y, weight, options);
    // Without the bound the collinear pair splits the effect: this is what the bound is for.
    expect(free.coef[1]).toBeLessThan(-0.5);
    const bounded = fitLogistic(rows, y, weight, { ...options, lower: new Float64Array([0, 0]) });
    expect(bounded.coef[1]).toBe(0);
    expect(bounded.coef[0]).toBeGreaterThan(1);
    expect(bounded.logLoss).toBeGreaterThanOrEqual(free.logLoss);
  });

  test("the bounded fit is the constrained optimum: the broad flag's fit alone, and no gain in raising the narrow one", () => {
    const bounded = fitLogistic(rows, y, weight, { ...options, lower: new Float64Array([0, 0]) });
    // The same rows with the narrow flag dropped: the same intercept and broad weight.
    const broadCols = Int32Array.from({ length: 200 }, () => 0);
    const broadStart = Int32Array.from({ length: 401 }, (_, i) => Math.min(i, 200));
    const alone = fitLogistic({ rowStart: broadStart, cols: broadCols }, y, weight, { penalty: new Float64Array([0.3]), prior: new Float64Array([0.7]), maxSweeps: 500, tolerance: 1e-12 });
    expect(bounded.coef[0]).toBeCloseTo(alone.coef[0]!, 3);
    expect(bounded.intercept).toBeCloseTo(alone.intercept, 3);
    // Optimality at the bound: the penalised loss's slope in the narrow flag's direction is not negative.
    let slope = 0.3 * (0 - 0);
    for (let i = 100; i < 200; i++) slope += 1 / (1 + Math.exp(-(bounded.intercept + bounded.coef[0]!))) - y[i]!;
    expect(slope).toBeGreaterThanOrEqual(0);
  });

  test("the same rows fit the same weights on every run", () => {
    const a = fitLogistic(rows, y, weight, { ...options, lower: new Float64Array([0, 0]) });
    const b = fitLogistic(rows, y, weight, { ...options, lower: new Float64Array([0, 0]) });
    expect([...b.coef]).toEqual([...a.coef]);
    expect(b.intercept).toBe(a.intercept);
  });
});

describe("the builder's model", () => {
  test("collinear flags learn no negative points, and the emitted profile holds no risk sign that lowers a score", () => {
    const rnd = seededRandom(42);
    // Boxes from CO: the broad flag; the heavy ones among them also hold the narrow flag, and are hits less often.
    const records: HistoryRecord[] = Array.from({ length: 1200 }, (_, i) => {
      const origin = i % 3 === 0 ? "CO" : i % 3 === 1 ? "CN" : "DE";
      const heavy = i % 6 === 0;
      const base = shipment(`S${i}`, { origin }, rnd);
      const hitRate = origin !== "CO" ? 0.04 : heavy ? 0.2 : 0.6;
      return { shipment: { ...base, netWeightKg: heavy ? 9000 : 1000 }, label: { hit: rnd() < hitRate }, date: `2025-0${1 + (i % 9)}-1${i % 10}` };
    });
    const groups: FeatureGroupSpec[] = [
      { kind: "flag", code: "FROM_CO", label: "From Colombia", noun: "From CO", when: { op: "eq", field: "countryOfOrigin", value: "CO" }, penalty: 0.3, minCount: 5, prior: 0.4 },
      {
        kind: "flag", code: "HEAVY_FROM_CO", label: "Heavy box from Colombia", noun: "Heavy from CO", penalty: 0.3, minCount: 5,
        when: { op: "all", of: [{ op: "eq", field: "countryOfOrigin", value: "CO" }, { op: "gte", field: "netWeightKg", value: 5000 }] },
      },
    ];
    const prepared = prepareHistory(records, [], groups);
    const model = trainModel(prepared, prepared.labelled, { halfLifeDays: Infinity, l2: 1, pointsPerLogOdds: 10, selection: DEFAULT_SELECTION_WEIGHTING });
    expect(model.space.features.map((f) => f.kind)).toEqual(["flag", "flag"]);
    expect(model.points[0]).toBeGreaterThan(10);
    expect(model.points[1]).toBe(0);
    const emitted = emitIndicators(model);
    expect(emitted.map((i) => i.code)).toEqual(["FROM_CO"]);
    expect(emitted.every((i) => (i.points ?? 0) > 0)).toBe(true);
  });
});
