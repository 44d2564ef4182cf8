// A profile that scores none of the records (e.g. an air profile back-tested
// on a sea unit's history) must say so: its top-share "curve" is only the base rate.
import { expect, it } from "vitest";
import { backtest, type BacktestRecord } from "../../../profiling/backtest.js";

const record = (score: number, hit: boolean): BacktestRecord => ({ score, selected: false, hit, indicators: [] });

it("flags a back-test where every record scored 0", () => {
  const records = Array.from({ length: 503 }, (_, i) => record(0, i % 10 === 0));
  const result = backtest(records);
  expect(result.noRecordScored).toBe(true);
  expect(result.hits).toBe(51);
  expect(result.precision).toBeNull();
});

it("does not flag a back-test where one record scored, nor one with no records", () => {
  const scored = backtest([record(0, false), record(5, true), record(0, true)]);
  expect(scored.noRecordScored).toBe(false);
  expect(scored.topShares.find((t) => t.percent === 10)?.precision).toBe(1);
  expect(backtest([]).noRecordScored).toBe(false);
});
