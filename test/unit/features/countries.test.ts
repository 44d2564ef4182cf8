import { describe, expect, test } from "vitest";
import { COUNTRIES, countryName, isCountryCode } from "../../../profiling/features/countries.js";

describe("ISO 3166 countries", () => {
  test("holds exactly the 249 officially assigned codes", () => {
    expect(Object.keys(COUNTRIES)).toHaveLength(249);
    expect(Object.keys(COUNTRIES).every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
  });

  test.each([["EC", "Ecuador"], ["BE", "Belgium"], ["NL", "Netherlands"], ["PA", "Panama"], ["CW", "Curaçao"], ["SS", "South Sudan"], ["BQ", "Bonaire, Sint Eustatius and Saba"]])(
    "%s is %s",
    (code, name) => {
      expect(isCountryCode(code)).toBe(true);
      expect(countryName(code)).toBe(name);
    },
  );

  test("rejects reserved, user-assigned, withdrawn and malformed codes", () => {
    for (const bad of ["UK", "EU", "XK", "AN", "YU", "ec", "ECU", "", "ZZ"]) expect(isCountryCode(bad)).toBe(false);
    expect(countryName("UK")).toBeUndefined();
  });

  test("does not treat object prototype names as codes", () => {
    expect(isCountryCode("constructor")).toBe(false);
    expect(countryName("__proto__")).toBeUndefined();
  });
});
