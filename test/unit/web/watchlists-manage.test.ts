// Managing watchlists on the client: a new name, a pasted block checked line
// by line as the API will check it (and the API's line errors read back), and
// an edited entry sending only what changed.
import { describe, expect, test } from "vitest";
import { pastedLines as apiPastedLines } from "../../../core/watchlists/bulk-add-entries.js";
import { MAX_BULK_LINES, MAX_VALUE_LENGTH as API_MAX_VALUE } from "../../../core/watchlists/watchlist-schemas.js";
import {
  checkPaste,
  entryEditForm,
  entryPatch,
  formFieldOf,
  fromSeizure,
  lineErrorsOf,
  MAX_PASTED_VALUES,
  MAX_VALUE_LENGTH,
  pastedLines,
  pasteQuery,
  renameProblem,
  splitFieldErrors,
} from "../../../web/src/watchlists.js";

const SEIZURE = "seizure:0190a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b";

describe("renaming a list", () => {
  test("a name is required; spaces alone are not one", () => {
    expect(renameProblem(" Consignees under review ")).toBeNull();
    expect(renameProblem("   ")).toBe("form.required");
  });
});

describe("a pasted block", () => {
  test("lines are numbered as an editor numbers them, blank ones skipped, exactly as the API reads them", () => {
    const text = "\uFEFFECGYE\r\n\r\n  copbu \rGuayaquil\n\t\nNLRTM\n";
    expect(pastedLines(text)).toEqual([
      { line: 1, value: "ECGYE" },
      { line: 3, value: "copbu" },
      { line: 4, value: "Guayaquil" },
      { line: 6, value: "NLRTM" },
    ]);
    expect(pastedLines(text)).toEqual(apiPastedLines(text));
    expect(MAX_PASTED_VALUES).toBe(MAX_BULK_LINES);
    expect(MAX_VALUE_LENGTH).toBe(API_MAX_VALUE);
  });

  test("each line is checked against the list's kind before anything is sent", () => {
    expect(checkPaste("port", "ECGYE\n\nGuayaquil\ncobun\nBE ANR")).toEqual({
      values: 4,
      whole: null,
      problems: [
        { line: 3, value: "Guayaquil", message: "watchlist.portFormat" },
        { line: 5, value: "BE ANR", message: "watchlist.portFormat" },
      ],
    });
    expect(checkPaste("hs", "0803.90\nbananas").problems).toEqual([{ line: 2, value: "bananas", message: "watchlist.hsFormat" }]);
    expect(checkPaste("party", `Frutas SA\n${"x".repeat(501)}`).problems).toEqual([{ line: 2, value: "x".repeat(501), message: "watchlist.valueTooLong" }]);
    expect(checkPaste("party", "Frutas SA\nFrutas SA")).toEqual({ values: 2, whole: null, problems: [] });
  });

  test("an empty paste, or more values than one paste may hold, is refused as a whole", () => {
    expect(checkPaste("text", " \n\n").whole).toBe("watchlist.pasteEmpty");
    const many = Array.from({ length: MAX_PASTED_VALUES }, (_, i) => `Party ${i}`);
    expect(checkPaste("party", many.join("\n")).whole).toBeNull();
    expect(checkPaste("party", [...many, "", "", "One more"].join("\n"))).toMatchObject({ values: MAX_PASTED_VALUES + 1, whole: "watchlist.pasteTooMany" });
  });

  test("the API's refusal is read back line by line; other errors are left out", () => {
    const errors = [
      { path: "line 4", line: 4, value: "Guayaquil", message: "not a UN/LOCODE" },
      { path: "line 12", message: "longer than 500 characters" },
      { path: "query.expiresAt", message: "must be in the future" },
      { path: "lines", message: "x" },
    ];
    expect(lineErrorsOf(errors)).toEqual([
      { line: 4, value: "Guayaquil", message: "not a UN/LOCODE" },
      { line: 12, value: "", message: "longer than 500 characters" },
    ]);
  });

  test("the reason and end day go in the query only when given", () => {
    expect(pasteQuery({ provenance: "  ", expiresOn: "" })).toBe("");
    expect(Object.fromEntries(new URLSearchParams(pasteQuery({ provenance: " report 7 & co ", expiresOn: "2027-01-31" })))).toEqual({ provenance: "report 7 & co", expiresAt: "2027-01-31" });
  });
});

describe("editing an entry", () => {
  const today = "2026-11-23";
  const entry = { provenance: "alert AL-9", expiresAt: "2027-03-01T00:00:00.000Z" };

  test("the form starts from the entry: its end as the day a date sent for it means", () => {
    expect(entryEditForm(entry)).toEqual({ provenance: "alert AL-9", expiresOn: "2027-03-01" });
    expect(entryEditForm({ provenance: null, expiresAt: null })).toEqual({ provenance: "", expiresOn: "" });
  });

  test("only what changed is sent; cleared fields are sent as null; nothing changed sends nothing", () => {
    expect(entryPatch(entry, { provenance: " alert AL-9 ", expiresOn: "2027-03-01" }, today)).toBeNull();
    expect(entryPatch(entry, { provenance: "case 114", expiresOn: "2027-03-01" }, today)).toEqual({ body: { provenance: "case 114" } });
    expect(entryPatch(entry, { provenance: "alert AL-9", expiresOn: "" }, today)).toEqual({ body: { expiresAt: null } });
    expect(entryPatch(entry, { provenance: " ", expiresOn: "2028-01-01" }, today)).toEqual({ body: { provenance: null, expiresAt: "2028-01-01" } });
  });

  test("a new end day must be after today; an expired entry's reason can change without touching its end", () => {
    expect(entryPatch(entry, { provenance: "alert AL-9", expiresOn: today }, today)).toEqual({ problems: { expiresOn: "watchlist.futureDay" } });
    const expired = { provenance: "old", expiresAt: "2020-01-01T00:00:00.000Z" };
    expect(entryPatch(expired, { provenance: "new", expiresOn: "2020-01-01" }, today)).toEqual({ body: { provenance: "new" } });
  });

  test("an entry a seizure added keeps the seizure as its reason: only its end is sent", () => {
    const seized = { provenance: SEIZURE, expiresAt: null };
    expect(fromSeizure(seized)).toBe(true);
    expect(fromSeizure({ provenance: "seizure SZ-2026-114" })).toBe(false);
    expect(fromSeizure({ provenance: null })).toBe(false);
    expect(entryPatch(seized, { provenance: "edited", expiresOn: "" }, today)).toBeNull();
    expect(entryPatch(seized, { provenance: "edited", expiresOn: "2027-01-01" }, today)).toEqual({ body: { expiresAt: "2027-01-01" } });
  });

  test("the API's field errors of an edit land on the form's fields", () => {
    expect(formFieldOf("provenance")).toBe("provenance");
    expect(formFieldOf("expiresAt")).toBe("expiresOn");
    const split = splitFieldErrors(
      [
        { path: "provenance", message: "this entry came from a seizure" },
        { path: "body", message: "nothing to change" },
      ],
      ["provenance", "expiresOn"] as const,
    );
    expect(split.byField).toEqual({ provenance: "this entry came from a seizure" });
    expect(split.rest).toEqual([{ path: "body", message: "nothing to change" }]);
  });
});
