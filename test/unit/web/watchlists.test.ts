// The watchlist screens' logic: the entries query, the checks the forms make
// before sending, and the API's field errors put back on the form's fields.
import { describe, expect, test } from "vitest";
import { WATCHLIST_KINDS as API_KINDS } from "../../../core/watchlists/watchlist-schemas.js";
import {
  entriesQuery,
  formFieldOf,
  isExpired,
  localDay,
  matchedAs,
  newEntryBody,
  newEntryProblems,
  newListProblems,
  NO_FILTERS,
  splitFieldErrors,
  WATCHLIST_KINDS,
} from "../../../web/src/watchlists.js";

const blankEntry = { value: "", provenance: "", expiresOn: "" };

describe("watchlists on the client", () => {
  test("the kinds offered are the API's", () => {
    expect([...WATCHLIST_KINDS]).toEqual([...API_KINDS]);
  });

  test("the entries query: search trimmed, expired only when asked, page size and cursor", () => {
    expect(entriesQuery(NO_FILTERS)).toBe("limit=50");
    expect(Object.fromEntries(new URLSearchParams(entriesQuery({ search: "  trade 100% ", includeExpired: true }, "abc", 20)))).toEqual({
      search: "trade 100%",
      includeExpired: "true",
      limit: "20",
      cursor: "abc",
    });
    expect(new URLSearchParams(entriesQuery({ search: "x".repeat(300), includeExpired: false })).get("search")).toHaveLength(200);
  });

  test("a new list needs a code profiles can use, a name and a kind", () => {
    expect(newListProblems({ code: " watch-consignees ", name: "Consignees", kind: "party" })).toEqual({});
    expect(newListProblems({ code: "", name: " ", kind: "" })).toEqual({ code: "form.required", name: "form.required", kind: "form.required" });
    expect(newListProblems({ code: "x", name: "n", kind: "hs" })).toEqual({ code: "watchlists.codeFormat" });
    expect(newListProblems({ code: "-AB", name: "n", kind: "hs" })).toEqual({ code: "watchlists.codeFormat" });
    expect(newListProblems({ code: "bad code", name: "n", kind: "hs" })).toEqual({ code: "watchlists.codeFormat" });
  });

  test("an entry is checked against the list's kind; its end day must be after today", () => {
    const today = "2026-11-23";
    expect(newEntryProblems("port", { ...blankEntry, value: "ecgye" }, today)).toEqual({});
    expect(newEntryProblems("port", { ...blankEntry, value: "Guayaquil" }, today)).toEqual({ value: "watchlist.portFormat" });
    expect(newEntryProblems("hs", { ...blankEntry, value: "0803.90" }, today)).toEqual({});
    expect(newEntryProblems("hs", { ...blankEntry, value: "bananas" }, today)).toEqual({ value: "watchlist.hsFormat" });
    expect(newEntryProblems("party", { ...blankEntry, value: "  " }, today)).toEqual({ value: "form.required" });
    expect(newEntryProblems("party", { ...blankEntry, value: "Frutas SA", expiresOn: today }, today)).toEqual({ expiresOn: "watchlist.futureDay" });
    expect(newEntryProblems("party", { ...blankEntry, value: "Frutas SA", expiresOn: "2026-11-24" }, today)).toEqual({});
  });

  test("the body sent for a new entry leaves out what was not given", () => {
    expect(newEntryBody({ value: " Frutas SA ", provenance: " ", expiresOn: "" })).toEqual({ entries: [{ value: "Frutas SA" }] });
    expect(newEntryBody({ value: "ECGYE", provenance: " alert AL-9 ", expiresOn: "2027-01-01" })).toEqual({
      entries: [{ value: "ECGYE", provenance: "alert AL-9", expiresAt: "2027-01-01" }],
    });
  });

  test("API field errors land on the form's fields; others stay for the summary", () => {
    expect(formFieldOf("entries[0].expiresAt")).toBe("expiresOn");
    expect(formFieldOf("entries[12].value")).toBe("value");
    expect(formFieldOf("code")).toBe("code");
    expect(formFieldOf("entries")).toBeNull();
    const split = splitFieldErrors(
      [
        { path: "entries[0].value", message: "not a UN/LOCODE" },
        { path: "entries[0].value", message: "second message" },
        { path: "entries", message: "at least one entry" },
        { path: "code", message: "already used" },
      ],
      ["value", "provenance", "expiresOn"] as const,
    );
    expect(split.byField).toEqual({ value: "not a UN/LOCODE" });
    expect(split.rest.map((e) => e.path)).toEqual(["entries", "code"]);
  });

  test("the stored form is shown only when it tells the reader something", () => {
    expect(matchedAs({ value: "FRUTAS DEL SOL", display: "Frutas del Sol S.A." })).toBe("FRUTAS DEL SOL");
    expect(matchedAs({ value: "ECGYE", display: "ECGYE" })).toBeNull();
    expect(matchedAs({ value: "NM|BE|TRADE IMPORT 0", display: "TRADE IMPORT 0 BV" })).toBeNull();
    expect(matchedAs({ value: "ID|EC|0991234567001", display: "Frutas SA" })).toBeNull();
  });

  test("expiry and the viewer's day", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(isExpired({ expiresAt: null }, now)).toBe(false);
    expect(isExpired({ expiresAt: "2026-11-23T12:00:00Z" }, now)).toBe(true);
    expect(isExpired({ expiresAt: "2026-11-23T12:00:01Z" }, now)).toBe(false);
    expect(localDay(new Date(2026, 0, 5, 23, 30))).toBe("2026-01-05");
  });
});
