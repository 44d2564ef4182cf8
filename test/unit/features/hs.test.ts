import { describe, expect, test } from "vitest";
import {
  HS_CHAPTERS, hsChapter, hsChapterName, hsHeading, hsMatchesPrefix, hsSubheading, isHsCode, validateHsCode, validateHsPrefix,
} from "../../../profiling/features/hs.js";

describe("HS codes", () => {
  // Bananas, frozen shrimp, cut roses, cocoa beans, smartphones; an EU 8-digit
  // CN code and a 10-digit national line.
  test.each(["080390", "030617", "060311", "180100", "851713", "08039010", "0803901000"])("%s is valid", (code) => {
    expect(validateHsCode(code)).toBeNull();
    expect(isHsCode(code)).toBe(true);
  });

  test("rejects dots, spaces and letters", () => {
    expect(validateHsCode("0803.90")).toBe("HS code must be digits only (no dots or spaces)");
    expect(validateHsCode("0803 90")).toBe("HS code must be digits only (no dots or spaces)");
    expect(validateHsCode("08039A")).toBe("HS code must be digits only (no dots or spaces)");
  });

  test("declarations need 6 to 10 digits", () => {
    expect(validateHsCode("0803")).toBe("HS code must be 6 to 10 digits, got 4");
    expect(validateHsCode("08039010001")).toBe("HS code must be 6 to 10 digits, got 11");
  });

  test("rejects chapters that do not exist and the reserved chapter 77", () => {
    expect(validateHsCode("000000")).toBe("HS chapter 00 does not exist (01-97)");
    expect(validateHsCode("980100")).toBe("HS chapter 98 does not exist (01-97)");
    expect(validateHsCode("770100")).toBe("HS chapter 77 is reserved and never used");
  });

  test("profile prefixes may be 2 to 10 digits", () => {
    expect(validateHsPrefix("08")).toBeNull();
    expect(validateHsPrefix("0803")).toBeNull();
    expect(validateHsPrefix("8")).toBe("HS prefix must be 2 to 10 digits");
    expect(validateHsPrefix("77")).toBe("HS chapter 77 is reserved and never used");
  });

  test("splits a code into chapter, heading and subheading", () => {
    expect(hsChapter("0803901000")).toBe("08");
    expect(hsHeading("0803901000")).toBe("0803");
    expect(hsSubheading("0803901000")).toBe("080390");
    expect(hsMatchesPrefix("080390", ["0603", "0803"])).toBe(true);
    expect(hsMatchesPrefix("080390", ["0603", "0804"])).toBe(false);
  });

  test("names all 97 chapters", () => {
    expect(Object.keys(HS_CHAPTERS)).toHaveLength(97);
    const expected = Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, "0"));
    expect(Object.keys(HS_CHAPTERS).sort()).toEqual(expected);
    expect(hsChapterName("080390")).toBe("Edible fruit and nuts; peel of citrus fruit or melons");
    expect(hsChapterName("180100")).toBe("Cocoa and cocoa preparations");
    expect(hsChapterName("990000")).toBeUndefined();
  });
});
