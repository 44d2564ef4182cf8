// The profile list's order for a unit: what applies to its transport modes
// first, then the rest, by code within each group.
import { describe, expect, test } from "vitest";
import { appliesToModes, orderForUnit } from "../../core/profiles/profile-order.js";

const profiles = [
  { code: "BASELINE-AIR", transportModes: ["air"] },
  { code: "BASELINE-SEA", transportModes: ["sea"] },
  { code: "RAIL-ONLY", transportModes: ["rail"] },
  { code: "ANY", transportModes: null },
  { code: "SEA-AIR", transportModes: ["sea", "air"] },
];
const order = (kind: string) => orderForUnit(profiles, kind).map((p) => p.code);

describe("orderForUnit", () => {
  test("a seaport: every profile that applies to sea, then the others", () => {
    expect(order("seaport")).toEqual(["ANY", "BASELINE-SEA", "SEA-AIR", "BASELINE-AIR", "RAIL-ONLY"]);
  });
  test("an air cargo unit: the air ones first", () => {
    expect(order("air_cargo")).toEqual(["ANY", "BASELINE-AIR", "SEA-AIR", "BASELINE-SEA", "RAIL-ONLY"]);
  });
  test("a dry port: rail and road first", () => {
    expect(order("dry_port")).toEqual(["ANY", "RAIL-ONLY", "BASELINE-AIR", "BASELINE-SEA", "SEA-AIR"]);
  });
  test("an unknown kind keeps the code order, with the unscoped ones first", () => {
    expect(order("spaceport")).toEqual(["ANY", "BASELINE-AIR", "BASELINE-SEA", "RAIL-ONLY", "SEA-AIR"]);
  });
  test("a profile scoped to no mode applies everywhere", () => {
    expect(appliesToModes(null, [])).toBe(true);
    expect(appliesToModes(["sea"], ["air"])).toBe(false);
  });
});
