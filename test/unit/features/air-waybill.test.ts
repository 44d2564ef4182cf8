import { describe, expect, test } from "vitest";
import {
  awbCheckDigit, describeUld, isAirWaybill, isUld, normalizeAirWaybill, validateAirWaybill, validateUld,
} from "../../../profiling/features/air-waybill.js";

describe("air waybills", () => {
  test("computes the check digit as the first 7 serial digits mod 7", () => {
    expect(awbCheckDigit("1234567")).toBe(5); // 1234567 = 7 * 176366 + 5
    expect(awbCheckDigit("0000000")).toBe(0);
  });

  test.each(["074-12345675", "07412345675", "176-00000000", "729-99999992"])("%s is valid", (awb) => {
    expect(validateAirWaybill(awb)).toBeNull();
    expect(isAirWaybill(awb)).toBe(true);
  });

  test("names the expected check digit when it is wrong", () => {
    expect(validateAirWaybill("074-12345670")).toBe("check digit should be 5");
  });

  test("rejects wrong shapes", () => {
    for (const bad of ["74-12345675", "074-1234567", "074 12345675", "074-1234567A", "AWB07412345675", ""]) {
      expect(validateAirWaybill(bad)).toMatch(/3-digit airline prefix and an 8-digit serial/);
    }
  });

  test("normalises spacing to NNN-NNNNNNNN", () => {
    expect(normalizeAirWaybill("074 1234 5675")).toBe("074-12345675");
    expect(normalizeAirWaybill("07412345675")).toBe("074-12345675");
    expect(normalizeAirWaybill("0741234567")).toBeNull();
  });
});

describe("unit load devices", () => {
  test.each(["AKE12345EK", "AKE1234KL", "PMC54321LH", "AKN10020QR", "RKN12345LX", "PAG23456UC", "DPE1234CX", "AKE12345X5"])(
    "%s is valid",
    (uld) => {
      expect(validateUld(uld)).toBeNull();
      expect(isUld(uld)).toBe(true);
    },
  );

  test("rejects serials of the wrong length and missing owner codes", () => {
    expect(validateUld("AKE123EK")).toMatch(/4- or 5-digit serial/);
    expect(validateUld("AKE123456EK")).toMatch(/4- or 5-digit serial/);
    expect(validateUld("AKE12345")).toMatch(/2-character airline code/);
    expect(validateUld("AK12345EK")).toMatch(/3-letter type/);
  });

  test("rejects unknown type categories and all-digit owners", () => {
    expect(validateUld("BKE12345EK")).toMatch(/known category letter/);
    expect(validateUld("AKE1234512")).toMatch(/at least one letter/);
  });

  test("describes well-known types", () => {
    expect(describeUld("AKE12345EK")).toEqual({ type: "AKE", owner: "EK", description: "LD3 container" });
    expect(describeUld("PMC54321LH")?.description).toBe("96x125 in pallet");
    expect(describeUld("AXY12345EK")?.description).toBe("certified aircraft container");
    expect(describeUld("BKE12345EK")).toBeNull();
  });
});
