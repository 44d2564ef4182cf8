import { describe, expect, test } from "vitest";
import { imoCheckDigit, isImo, normalizeImo, validateImo } from "../../../profiling/features/imo.js";

describe("IMO ship numbers", () => {
  // 9074729 is the textbook example; 9321483 is EMMA MAERSK, 9811000 EVER GIVEN.
  test.each(["9074729", "9321483", "9811000"])("%s is valid", (imo) => {
    expect(validateImo(imo)).toBeNull();
    expect(isImo(imo)).toBe(true);
  });

  test("computes the check digit from weights 7..2", () => {
    // 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139 → 9
    expect(imoCheckDigit("907472")).toBe(9);
  });

  test("accepts an IMO prefix with or without a space", () => {
    expect(validateImo("IMO9074729")).toBeNull();
    expect(validateImo("IMO 9074729")).toBeNull();
    expect(validateImo("imo 9321483")).toBeNull();
    expect(normalizeImo("IMO 9074729")).toBe("9074729");
  });

  test("names the expected check digit when it is wrong", () => {
    expect(validateImo("9074728")).toBe("check digit should be 9");
    expect(validateImo("IMO 9321484")).toBe("check digit should be 3");
  });

  test("rejects wrong lengths and non-digits", () => {
    expect(validateImo("907472")).toMatch(/7 digits/);
    expect(validateImo("90747290")).toMatch(/7 digits/);
    expect(validateImo("90A4729")).toMatch(/7 digits/);
    expect(validateImo("")).toMatch(/7 digits/);
  });
});
