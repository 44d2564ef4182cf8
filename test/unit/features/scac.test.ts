import { describe, expect, test } from "vitest";
import { isScac, validateScac } from "../../../profiling/features/scac.js";

describe("SCAC", () => {
  test.each(["MSCU", "MAEU", "HLCU", "ONEY", "CMDU", "KL", "EGLV"])("%s is valid", (scac) => {
    expect(validateScac(scac)).toBeNull();
    expect(isScac(scac)).toBe(true);
  });

  test("rejects lengths outside 2-4", () => {
    expect(validateScac("M")).toMatch(/2 to 4 letters, got 1/);
    expect(validateScac("MSCUX")).toMatch(/got 5/);
  });

  test("rejects digits, lower case and punctuation", () => {
    expect(validateScac("5X")).toBe("SCAC must be capital letters only");
    expect(validateScac("mscu")).toBe("SCAC must be capital letters only");
    expect(validateScac("MS-C")).toBe("SCAC must be capital letters only");
  });
});
