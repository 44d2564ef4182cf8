import { describe, expect, test } from "vitest";
import { buildProfile, type BuildOptions, type HistoryRecord } from "../../../profiling/builder/build-profile.js";
import type { TableGroupSpec } from "../../../profiling/builder/feature-catalog.js";
import { heldOutBacktest } from "../../../profiling/builder/held-out-backtest.js";
import { cutForRecentShare, splitAtDate } from "../../../profiling/builder/time-split.js";
import { syntheticHistory } from "./synthetic-history.js";

const IMPORTER: TableGroupSpec = { kind: "table", code: "IMPORTER", label: "Importer", key: ["consignee.id"], noun: "Importer" };

describe("time-ordered held-out back-test", () => {
  const history = syntheticHistory(2000, 0.2, [{ plant: { importer: "QLRUBN9" }, count: 100, rate: 0.9 }]);

  test("the builder only ever sees records before the cut", () => {
    const seen: HistoryRecord[][] = [];
    const spy = (records: readonly HistoryRecord[], options: BuildOptions) => {
      seen.push([...records]);
      return buildProfile(records, options);
    };
    const res = heldOutBacktest(history, { cut: "2020-10-01", builder: spy, build: { groups: [IMPORTER] } });
    expect(seen).toHaveLength(1);
    const built = seen[0]!;
    expect(built.length).toBeGreaterThan(1000);
    expect(built.every((r) => r.date < "2020-10-01")).toBe(true);
    const later = history.filter((r) => r.date >= "2020-10-01");
    expect(built.length + later.length).toBe(history.length);
    expect(res.evaluation.metrics.records).toBe(later.length);
    expect(res.evaluation.metrics.hits).toBe(later.filter((r) => r.label.hit).length);
    expect(res.evaluation.scores).toHaveLength(later.length);
    // The planted importer keeps defrauding after the cut, and the profile catches it.
    const top2 = res.evaluation.metrics.topShares.find((t) => t.percent === 2)!;
    expect(top2.precision).toBeGreaterThan(0.8);
    expect(res.report.history.to < "2020-10-01").toBe(true);
  });

  test("the profile's own calibration also holds out its most recent records", () => {
    const { report } = buildProfile(history, { groups: [IMPORTER], calibrationShare: 0.25 });
    const cal = report.calibration!;
    expect(cal.cut > report.history.from && cal.cut <= report.history.to).toBe(true);
    expect(cal.buildRecords).toBe(history.filter((r) => r.date < cal.cut).length);
    expect(cal.buildRecords + cal.records).toBe(history.length);
  });

  test("by default the most recent fifth is held out, split on a day boundary", () => {
    const cut = cutForRecentShare(history, 0.2)!;
    const { before, after } = splitAtDate(history, cut);
    expect(after.length / history.length).toBeGreaterThan(0.18);
    expect(after.length / history.length).toBeLessThan(0.22);
    expect(before.some((r) => r.date === cut)).toBe(false);
    const res = heldOutBacktest(history, { build: { groups: [IMPORTER] } });
    expect(res.cut).toBe(cut);
    expect(res.buildRecords).toBe(before.length);
  });

  test("refuses a cut that leaves nothing to build on", () => {
    expect(() => heldOutBacktest(history, { cut: "2019-01-01" })).toThrow(/no records before 2019-01-01/);
  });
});
