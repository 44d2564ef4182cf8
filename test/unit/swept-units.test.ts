// A sweep's scope as the one list its queries filter on (core/units/worker-units.ts):
// the same rows the separate unitId and unitIds conditions selected together.
import { expect, test } from "vitest";
import { sweptUnits } from "../../core/units/worker-units.js";

test("one unit, a worker's units, both (the units in both), or every unit", () => {
  expect(sweptUnits({})).toBeNull();
  expect(sweptUnits({ unitId: "a" })).toEqual(["a"]);
  expect(sweptUnits({ unitIds: ["a", "b"] })).toEqual(["a", "b"]);
  expect(sweptUnits({ unitIds: [] })).toEqual([]);
  expect(sweptUnits({ unitId: "a", unitIds: ["a", "b"] })).toEqual(["a"]);
  expect(sweptUnits({ unitId: "c", unitIds: ["a", "b"] })).toEqual([]);
});
