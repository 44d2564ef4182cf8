import { describe, expect, it } from "vitest";
import { checkSafePattern, compileSafePattern, MAX_MATCH_INPUT } from "../../../profiling/dsl/safe-regex.js";
import { normalizePartyName, normalizeText, normalizeWatchlistEntry, partyKey } from "../../../profiling/features/normalize.js";

describe("normalizeText", () => {
  it("uppercases, strips accents, folds special letters and collapses spaces", () => {
    expect(normalizeText("  Café   Ñandú\tSøren  ")).toBe("CAFE NANDU SOREN");
    expect(normalizeText("straße")).toBe("STRASSE");
    expect(normalizeText("ALREADY NORMAL")).toBe("ALREADY NORMAL");
    expect(normalizeText("")).toBe("");
  });
});

describe("normalizePartyName", () => {
  it("removes punctuation and legal-form suffixes, never the whole name", () => {
    expect(normalizePartyName("Exportadora Bananera S.A. de C.V.")).toBe("EXPORTADORA BANANERA");
    expect(normalizePartyName("ACME Trading Co., Ltd.")).toBe("ACME TRADING");
    expect(normalizePartyName("Fresh Fruit Import B.V.")).toBe("FRESH FRUIT IMPORT");
    expect(normalizePartyName("Müller GmbH & Co. KG")).toBe("MULLER");
    expect(normalizePartyName("AB")).toBe("AB");
    expect(normalizePartyName("Volvo AB")).toBe("VOLVO");
  });
});

describe("partyKey", () => {
  it("prefers the pipeline key, then the id, then the name, qualified by country", () => {
    expect(partyKey({ key: "K-1", id: "X" })).toBe("K-1");
    expect(partyKey({ id: "be 0412.345.678", country: "be", name: "Acme" })).toBe("ID|BE|BE0412345678");
    expect(partyKey({ name: "Acme Trading Ltd", country: "GB" })).toBe("NM|GB|ACME TRADING");
    expect(partyKey({ name: "ACME TRADING LIMITED", country: "GB" })).toBe(partyKey({ name: "Acme Trading Ltd.", country: "GB" }));
    expect(partyKey({ address: "only an address" })).toBeUndefined();
    expect(partyKey(undefined)).toBeUndefined();
  });
});

describe("normalizeWatchlistEntry", () => {
  it("stores entries in the form inList looks up", () => {
    expect(normalizeWatchlistEntry("party", "Acme Trading Ltd.")).toBe("ACME TRADING");
    expect(normalizeWatchlistEntry("party", "ID|BE|X1")).toBe("ID|BE|X1");
    expect(normalizeWatchlistEntry("address", " p.o. box 12 ")).toBe("P.O. BOX 12");
    expect(normalizeWatchlistEntry("hs", "0803.90")).toBe("080390");
  });
});

describe("safe regex", () => {
  it("accepts ordinary analyst patterns", () => {
    for (const p of ["^P\\.?O\\.? ?BOX", "\\b(APT|APTO|FLAT)\\.? ?[0-9]+\\b", "[A-Z]{4}[0-9]{7}", "(SAID|STC).{0,20}CONTAIN", "^[1-9][0-9]?0{3,}(\\.0+)?$"]) {
      expect(checkSafePattern(p, "i"), p).toBeUndefined();
    }
  });

  it("explains why a pattern is refused", () => {
    expect(checkSafePattern("(a+)+$", undefined)).toBe("nested quantifiers are not allowed");
    expect(checkSafePattern("(a|aa)*", undefined)).toBe("a repeated group may not contain alternatives");
    expect(checkSafePattern("(a)\\1", undefined)).toBe("back-references are not allowed");
    expect(checkSafePattern("a(?=b)", undefined)).toBe("look-around and named groups are not allowed (only (?:...))");
    expect(checkSafePattern("a{1000}", undefined)).toBe("repeat counts above 100 are not allowed");
    expect(checkSafePattern("a*a*a*b", undefined)).toBe("at most 2 wide quantifiers (*, +, {n,} or {n,m} with m > 20)");
    expect(checkSafePattern(".{0,50}x.{0,50}y.{0,50}", undefined)).toBe("at most 2 wide quantifiers (*, +, {n,} or {n,m} with m > 20)");
    expect(checkSafePattern("[a-", undefined)).toBe("unterminated character class");
    expect(checkSafePattern("a", "g")).toBe("only the flag 'i' is allowed");
    expect(checkSafePattern("a)", undefined)).toBe("unbalanced ')'");
  });

  it("bounds the worst accepted pattern on hostile input by the text it lets the pattern see", () => {
    // Cubic backtracking is accepted because a pattern never sees more than
    // MAX_MATCH_INPUT characters: checked by what matches, not by a clock (the
    // speed itself is no unit test's business on shared cores).
    for (const pattern of ["a*a*b", ".*.*=", "(?:a+)x+y"]) {
      expect(compileSafePattern(pattern, undefined)("a".repeat(100_000)), pattern).toBe(false);
    }
    const lastSeen = "a".repeat(MAX_MATCH_INPUT - 1);
    expect(compileSafePattern("b", undefined)(`${lastSeen}b`)).toBe(true);
    expect(compileSafePattern("b", undefined)(`${lastSeen}ab`)).toBe(false);
    expect(compileSafePattern("a*a*b", undefined)(`${"a".repeat(100_000)}b`)).toBe(false);
  });

  it("is stateless between calls", () => {
    const test = compileSafePattern("BOX", "i");
    expect([test("po box"), test("po box"), test("none")]).toEqual([true, true, false]);
  });
});
