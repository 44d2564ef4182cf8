import { describe, expect, test } from "vitest";
import {
  containerCheckDigit, describeContainerType, isContainerNumber, normalizeContainerNumber,
  validateContainerNumber, validateContainerType,
} from "../../../profiling/features/iso6346.js";

describe("container numbers", () => {
  test.each(["CSQU3054383", "MSKU9070323", "TGHU9950790", "BICU1234565"])("%s is valid", (n) => {
    expect(validateContainerNumber(n)).toBeNull();
    expect(isContainerNumber(n)).toBe(true);
  });

  test("computes the check digit of the standard's example", () => {
    expect(containerCheckDigit("CSQU305438")).toBe(3);
  });

  test("a remainder of 10 becomes check digit 0", () => {
    // AAAU000006: 10*1 + 10*2 + 10*4 + 32*8 + 6*512 = 3398 = 11*308 + 10.
    expect(containerCheckDigit("AAAU000006")).toBe(0);
    expect(validateContainerNumber("AAAU0000060")).toBeNull();
  });

  test("names the expected check digit when it is wrong", () => {
    expect(validateContainerNumber("CSQU3054384")).toBe("check digit should be 3");
  });

  test("rejects owner codes without a U, J or Z category", () => {
    expect(validateContainerNumber("CSQX3054383")).toBe("owner code must be 3 letters followed by U, J or Z");
    expect(validateContainerNumber("C5QU3054383")).toBe("owner code must be 3 letters followed by U, J or Z");
  });

  test("rejects a wrong length, letters in the serial and a letter check digit", () => {
    expect(validateContainerNumber("CSQU305438")).toMatch(/must be 11 characters.*got 10/);
    expect(validateContainerNumber("CSQU30543O3")).toBe("serial number must be 6 digits");
    expect(validateContainerNumber("CSQU305438X")).toBe("check digit must be a digit");
  });

  test("validation is strict about the canonical form; normalisation is separate", () => {
    expect(validateContainerNumber("csqu3054383")).not.toBeNull();
    expect(normalizeContainerNumber("csqu 305438-3")).toBe("CSQU3054383");
  });

  test("containerCheckDigit refuses input that is not 4 letters and 6 digits", () => {
    expect(() => containerCheckDigit("CSQU30543")).toThrow(RangeError);
  });
});

describe("size-type codes", () => {
  test.each(["22G1", "42G1", "45G1", "45R1", "22R1", "22T1", "42U1", "L5G1", "22P1", "22V0", "45R3"])("%s is valid", (code) => {
    expect(validateContainerType(code)).toBeNull();
  });

  test("rejects each malformed part with its own reason", () => {
    expect(validateContainerType("45R")).toMatch(/4 characters/);
    expect(validateContainerType("75G1")).toMatch(/length code "7"/);
    expect(validateContainerType("43G1")).toMatch(/height code "3"/);
    expect(validateContainerType("45Q1")).toMatch(/type group "Q"/);
    expect(validateContainerType("45RX")).toBe("the last character must be a digit");
    expect(validateContainerType("45R7")).toBe("R7 is not an assigned reefer type");
    expect(validateContainerType("4510")).toMatch(/pre-1995 numeric/);
  });

  test("describes a 40 ft high cube reefer", () => {
    const info = describeContainerType("45R1");
    expect(info).toMatchObject({ lengthFt: 40, teu: 2, highCube: true, isReefer: true, isTank: false, label: "40 ft high cube reefer" });
    expect(info!.maxPayloadKg).toBeGreaterThan(25_000);
    expect(info!.maxPayloadKg).toBeLessThan(info!.maxGrossKg);
  });

  test("describes 45 ft, 20 ft tank, open top and flat rack boxes", () => {
    expect(describeContainerType("L5G1")).toMatchObject({ lengthFt: 45, highCube: true, group: "general" });
    expect(describeContainerType("22T1")).toMatchObject({ lengthFt: 20, teu: 1, isTank: true, isReefer: false });
    expect(describeContainerType("42U1")).toMatchObject({ lengthFt: 40, highCube: false, isOpenTop: true });
    expect(describeContainerType("22P1")?.label).toBe("20 ft flat rack");
    expect(describeContainerType("22G1")?.label).toBe("20 ft general purpose");
  });

  test("a 20 ft box carries less than a 40 ft reefer's tare suggests and returns null for bad codes", () => {
    expect(describeContainerType("22G1")!.typicalTareKg).toBeLessThan(describeContainerType("45R1")!.typicalTareKg);
    expect(describeContainerType("45Q1")).toBeNull();
  });
});
