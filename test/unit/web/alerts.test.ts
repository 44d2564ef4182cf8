// The alert form's fields → the API subject, the subject back to one line,
// and the receiving units typed as free text.
import { describe, expect, test } from "vitest";
import { subjectOf, subjectText, unitCodes } from "../../../web/src/alerts.js";

const blank = { value: "", country: "", to: "" };

describe("alert subjects", () => {
  test("each kind is built from the form, normalised the way the API stores it", () => {
    expect(subjectOf("container", { ...blank, value: " mscu 100000 1 " })).toEqual({ kind: "container", containerNumber: "MSCU1000001" });
    expect(subjectOf("bill_of_lading", { ...blank, value: "meduec20000004" })).toEqual({ kind: "bill_of_lading", billOfLading: "MEDUEC20000004" });
    expect(subjectOf("party", { ...blank, value: " Frutas del Sol SA ", country: "ec" })).toEqual({ kind: "party", name: "Frutas del Sol SA", country: "EC" });
    expect(subjectOf("party", { ...blank, value: "Frutas del Sol SA" })).toEqual({ kind: "party", name: "Frutas del Sol SA" });
    expect(subjectOf("route", { ...blank, value: "ec gye", to: "beanr" })).toEqual({ kind: "route", portOfLoading: "ECGYE", portOfDischarge: "BEANR" });
  });

  test("subjects read back as one line", () => {
    expect(subjectText({ kind: "container", containerNumber: "MSCU1000001" })).toBe("MSCU1000001");
    expect(subjectText({ kind: "party", name: "Frutas del Sol SA", country: "EC" })).toBe("Frutas del Sol SA (EC)");
    expect(subjectText({ kind: "route", portOfLoading: "ECGYE", portOfDischarge: "BEANR" })).toBe("ECGYE → BEANR");
    expect(subjectText({ kind: "seizure_report" })).toBe("");
  });

  test("receiving units: any separators, upper case, no duplicates", () => {
    expect(unitCodes("ecgye-1, ECGYE-2;ecgye-1  x")).toEqual(["ECGYE-1", "ECGYE-2", "X"]);
    expect(unitCodes("  ")).toEqual([]);
  });
});
