import { describe, expect, test } from "vitest";
import { ACTIVE_CURRENCIES, isCurrencyCode, isKnownCurrencyCode, validateCurrencyCode } from "../../../profiling/features/currencies.js";

describe("ISO 4217 currencies", () => {
  test.each(["USD", "EUR", "CNY", "XOF", "XAF", "PAB", "VES", "SLE", "ZWG", "XCG", "CLF"])("%s is active", (code) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(validateCurrencyCode(code)).toBeNull();
  });

  test("has about 180 active codes, all three capital letters", () => {
    expect(ACTIVE_CURRENCIES.size).toBeGreaterThan(170);
    expect(ACTIVE_CURRENCIES.size).toBeLessThan(190);
    expect([...ACTIVE_CURRENCIES].every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
  });

  test("withdrawn codes are refused with their successor named", () => {
    expect(isCurrencyCode("HRK")).toBe(false);
    expect(validateCurrencyCode("HRK")).toBe("HRK was withdrawn from ISO 4217; use EUR");
    expect(validateCurrencyCode("VEF")).toBe("VEF was withdrawn from ISO 4217; use VES");
    expect(validateCurrencyCode("ANG")).toBe("ANG was withdrawn from ISO 4217; use XCG");
  });

  test("historical records may still carry withdrawn codes", () => {
    expect(isKnownCurrencyCode("BGN")).toBe(true);
    expect(isKnownCurrencyCode("USD")).toBe(true);
    expect(isKnownCurrencyCode("ABC")).toBe(false);
  });

  test("rejects unknown and malformed codes", () => {
    for (const bad of ["ABC", "usd", "US", "USDT", "", "RMB", "constructor"]) expect(isCurrencyCode(bad)).toBe(false);
    expect(validateCurrencyCode("RMB")).toBe("not an ISO 4217 currency code");
  });
});
