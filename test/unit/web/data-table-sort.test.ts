// The shared DataTable's comparison (web/src/data-table/columns.ts): numbers by
// value, text as a reader orders it (numbers inside text in order), and
// missing values handed to the table as undefined, which it keeps last in
// either direction. The browser tests sort the officer queue by keyboard.
import { describe, expect, test } from "vitest";
import { compareValues, present } from "../../../web/src/data-table/columns.js";

describe("data table sorting", () => {
  test("numbers compare by value, not as text", () => {
    const scores = [70, 9, 100, 45.5];
    expect([...scores].sort(compareValues)).toEqual([9, 45.5, 70, 100]);
  });

  test("text: case and accents aside, numbers inside text in numeric order", () => {
    expect(["BL-10", "bl-9", "BL-100", "Álamo", "alto"].sort(compareValues)).toEqual(["Álamo", "alto", "bl-9", "BL-10", "BL-100"]);
    expect(compareValues("MSCU1234565", "mscu1234565")).toBe(0);
  });

  test("null, undefined and NaN are missing (kept last by the table); zero and empty text are values", () => {
    expect([null, undefined, Number.NaN].map(present)).toEqual([undefined, undefined, undefined]);
    expect(present(0)).toBe(0);
    expect(present("")).toBe("");
  });
});
