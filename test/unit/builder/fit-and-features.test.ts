import { describe, expect, test } from "vitest";
import type { FeatureGroupSpec } from "../../../profiling/builder/feature-catalog.js";
import { bandEdges, buildFeatureSpace, encodeRow } from "../../../profiling/builder/feature-space.js";
import { prepareHistory } from "../../../profiling/builder/prepare-history.js";
import type { ShipmentInput } from "../../../profiling/shipment.js";
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

/** Reads shipments through the builder's extraction (dated 2020-06-01, all inspected). */
function read(ships: ShipmentInput[], groups: FeatureGroupSpec[]) {
  const prepared = prepareHistory(ships.map((shipment) => ({ shipment, label: { hit: false }, date: "2020-06-01" })), [], groups);
  return { prepared, space: buildFeatureSpace(prepared.raw, prepared.labelled) };
}

describe("feature space", () => {
  test("bands are half-open, so a value on an edge falls in exactly one", () => {
    const rnd = seededRandom(1);
    const ships = [1, 2, 3, 4, 5, 6, 7, 8].map((kg, i) => ({ ...shipment(`X${i}`, {}, rnd), netWeightKg: kg * 10 }));
    const probes = [30, 29.99, undefined].map((kg, i) => ({ ...ships[0]!, id: `P${i}`, netWeightKg: kg }));
    const prepared = prepareHistory([...ships, ...probes].map((shipment) => ({ shipment, label: { hit: false }, date: "2020-06-01" })), [], [
      { kind: "bins", code: "NET_MASS", label: "Net mass", field: "netWeightKg", noun: "Net mass", bins: 4 },
    ]);
    const space = buildFeatureSpace(prepared.raw, [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(space.features).toEqual([
      { group: 0, kind: "band", min: undefined, max: 30 },
      { group: 0, kind: "band", min: 30, max: 50 },
      { group: 0, kind: "band", min: 50, max: 70 },
      { group: 0, kind: "band", min: 70, max: undefined },
    ]);
    expect(encodeRow(space, 8)).toEqual([1]);
    expect(encodeRow(space, 9)).toEqual([0]);
    expect(encodeRow(space, 10)).toEqual([]);
  });

  test("band edges are rounded to two significant digits and de-duplicated", () => {
    expect(bandEdges([1.234, 24.73, 24.9, 1234.5, 98765], 4)).toEqual([25, 1200]);
    expect(bandEdges([0.1, 0.57, 0.571, 0.9], 2)).toEqual([0.57]);
  });

  test("table keys are read as the scorer reads them: joined with |, normalised, never with a missing part", () => {
    const rnd = seededRandom(2);
    const s = shipment("K1", { hs: "440890", origin: "be" }, rnd);
    // A third record with other goods: a value every record holds gets no feature (it is the intercept).
    const { prepared, space } = read([s, { ...s, id: "K2", consignee: { name: "Acme Trading Ltd.", country: "BE" } }, shipment("K3", { hs: "950300", origin: "CN" }, rnd)], [
      { kind: "table", code: "HS4_ORIGIN", label: "x", noun: "x", key: ["hs:4", "countryOfOrigin"] },
      { kind: "table", code: "FWD", label: "x", noun: "x", key: ["forwarder.id"] },
      { kind: "table", code: "PAIR", label: "x", noun: "x", key: ["consignee.id", "forwarder.id"] },
      { kind: "table", code: "NAME", label: "x", noun: "x", key: ["consignee.name"] },
    ]);
    expect(space.features.filter((f) => f.group === 0)).toEqual([{ group: 0, kind: "value", value: "4408|BE" }, { group: 0, kind: "value", value: "9503|CN" }]);
    expect(space.features.filter((f) => f.group === 1 || f.group === 2)).toEqual([]);
    // Party names lose punctuation and legal-form suffixes, exactly as in a profile's table.
    expect(space.features.filter((f) => f.group === 3)).toEqual([{ group: 3, kind: "value", value: "ACME TRADING" }]);
    expect(prepared.labelled).toEqual([0, 1, 2]);
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
