import { describe, expect, test } from "vitest";
import { bandEdges, buildFeatureSpace, encodeShipment } from "../../../profiling/builder/feature-space.js";
import { keyReader } from "../../../profiling/builder/feature-catalog.js";
import { fitLogistic } from "../../../profiling/builder/fit-logistic.js";
import { decayWeights } from "../../../profiling/builder/time-decay.js";
import { seededRandom, shipment } from "./synthetic-history.js";

describe("fitLogistic", () => {
  test("recovers the log-odds of a single binary feature", () => {
    // 1,000 rows with the feature at 80 % fraud, 1,000 without at 20 %.
    const n = 2000;
    const y = new Uint8Array(n);
    const rowStart = new Int32Array(n + 1);
    const cols: number[] = [];
    for (let i = 0; i < n; i++) {
      const on = i < 1000;
      if (on) cols.push(0);
      rowStart[i + 1] = cols.length;
      y[i] = on ? (i % 10 < 8 ? 1 : 0) : i % 10 < 2 ? 1 : 0;
    }
    const fit = fitLogistic({ rowStart, cols: Int32Array.from(cols) }, y, new Float64Array(n).fill(1), { penalty: new Float64Array([1e-6]), maxSweeps: 200, tolerance: 1e-10 });
    expect(fit.coef[0]).toBeCloseTo(Math.log(4) - Math.log(0.25), 2);
    expect(fit.intercept).toBeCloseTo(Math.log(0.25), 2);
  });

  test("a larger penalty pulls the coefficient toward zero", () => {
    const n = 20;
    const y = new Uint8Array(n).map((_, i) => (i < 10 ? 1 : 0));
    const rowStart = Int32Array.from({ length: n + 1 }, (_, i) => Math.min(i, 2));
    const rows = { rowStart, cols: Int32Array.from([0, 0]) };
    const w = new Float64Array(n).fill(1);
    const loose = fitLogistic(rows, y, w, { penalty: new Float64Array([0.1]) }).coef[0]!;
    const tight = fitLogistic(rows, y, w, { penalty: new Float64Array([10]) }).coef[0]!;
    expect(loose).toBeGreaterThan(0.5);
    expect(tight).toBeGreaterThan(0);
    expect(tight).toBeLessThan(loose / 4);
  });
});

describe("feature space", () => {
  test("bands are half-open, so a value on an edge falls in exactly one", () => {
    const rnd = seededRandom(1);
    const ships = [1, 2, 3, 4, 5, 6, 7, 8].map((kg, i) => ({ ...shipment(`X${i}`, {}, rnd), netWeightKg: kg * 10 }));
    const { space } = buildFeatureSpace(ships, [{ kind: "bins", code: "NET_MASS", label: "Net mass", field: "netWeightKg", noun: "Net mass", bins: 4 }]);
    expect(space.features).toEqual([
      { group: 0, kind: "band", min: undefined, max: 30 },
      { group: 0, kind: "band", min: 30, max: 50 },
      { group: 0, kind: "band", min: 50, max: 70 },
      { group: 0, kind: "band", min: 70, max: undefined },
    ]);
    expect(encodeShipment(space, { ...ships[0]!, netWeightKg: 30 })).toEqual([1]);
    expect(encodeShipment(space, { ...ships[0]!, netWeightKg: 29.99 })).toEqual([0]);
    expect(encodeShipment(space, { ...ships[0]!, netWeightKg: undefined })).toEqual([]);
  });

  test("band edges are rounded to two significant digits and de-duplicated", () => {
    expect(bandEdges([1.234, 24.73, 24.9, 1234.5, 98765], 4)).toEqual([25, 1200]);
    expect(bandEdges([0.1, 0.57, 0.571, 0.9], 2)).toEqual([0.57]);
  });

  test("table keys join the parts with | and never match a missing part", () => {
    const rnd = seededRandom(2);
    const s = shipment("K1", { hs: "440890", origin: "BE" }, rnd);
    expect(keyReader(["hs:4", "countryOfOrigin"])(s)).toBe("4408|BE");
    expect(keyReader(["forwarder.id"])(s)).toBeUndefined();
    expect(keyReader(["consignee.id", "forwarder.id"])(s)).toBeUndefined();
    expect(keyReader(["netWeightKg"])({ ...s, netWeightKg: 1.5 })).toBe("1.5");
  });
});

describe("decayWeights", () => {
  test("halves every half-life and keeps the total equal to the count", () => {
    const w = decayWeights(["2020-12-31", "2020-12-01", "2020-11-01"], 30);
    expect(w[0]! / w[1]!).toBeCloseTo(2, 5);
    expect(w[0]! / w[2]!).toBeCloseTo(2 ** (60 / 30), 5);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
    expect([...decayWeights(["2020-01-01", "2020-12-31"], Infinity)]).toEqual([1, 1]);
  });
});
