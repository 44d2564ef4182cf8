// The profile editor's other pure pieces: validator errors placed next to
// form fields, dry-run figures, and the diff read as before → after rows.
import { describe, expect, test } from "vitest";
import { changeRows, defaultBaseline, indicatorsByCode, settingRows, valueText } from "../../../web/src/profile-diff.js";
import { bandShares, containerTarget, evidenceText, indicatorCounts, selectedShare, topScores, type DryRunResult } from "../../../web/src/profile-dry-run.js";
import { formPaths, inputId, placeErrors } from "../../../web/src/profile-errors.js";
import { formFromDocument } from "../../../web/src/profile-form.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";

const doc = {
  language: "portcullis/profile@1",
  code: "COC-FRUIT",
  name: "Cocaine in fruit",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20 },
  indicators: [
    { code: "SRC", label: "Source port", points: 50, when: { op: "routeVia", ports: ["ECGYE"] } },
    { code: "ORIGIN", label: "Origin", points: "ten", when: { op: "in", field: "countryOfOrigin", values: ["EC", "XX"] } },
    { code: "NESTED", label: "Nested", points: 5, when: { op: "all", of: [{ op: "eq", field: "nope", value: 1 }] } },
  ],
};

describe("validation errors next to the form fields", () => {
  test("each error of the real validator lands on the most specific field the form shows", () => {
    // The profile's code is not in the form (it names the profile): its error stays for the JSON view.
    const broken = { ...doc, code: "coc fruit", target: { kind: "commodity", commodity: "gold" }, thresholds: { high: 60, medium: 70, low: 20 } };
    const checked = validateProfile(broken);
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? [] : checked.errors;
    const placed = placeErrors(errors, formPaths(formFromDocument(broken)!));
    expect([...placed.at.keys()].sort()).toEqual(["indicators[1].points", "target.commodity"]);
    expect(placed.unplaced.map((e) => e.path)).toEqual(["code"]);

    // Structure fixed: the meaning-level checks name list elements and nested conditions.
    const structural = { ...doc, thresholds: { high: 60, medium: 70, low: 20 }, indicators: doc.indicators.map((i) => (i.code === "ORIGIN" ? { ...i, points: 10 } : i)) };
    const semantic = validateProfile(structural);
    const placed2 = placeErrors(semantic.ok ? [] : semantic.errors, formPaths(formFromDocument(structural)!));
    expect(Object.fromEntries(placed2.at)).toEqual({
      "thresholds.medium": ["must not be above high"],
      "indicators[1].when.values": ["[1]: not an ISO 3166 country code"],
      "indicators[2].when": [expect.stringMatching(/^of\[0\]\.field: /)],
    });
    expect(placed2.placements.map((p) => p.place)).toEqual(["thresholds.medium", "indicators[1].when.values", "indicators[2].when"]);
  });

  test("a path is never taken for a longer one that merely starts the same", () => {
    const form = formFromDocument({ ...doc, indicators: Array.from({ length: 12 }, () => doc.indicators[0]) })!;
    const placed = placeErrors([{ path: "indicators[11].code", message: "x" }, { path: "indicators[1]", message: "y" }, { path: "", message: "z" }], formPaths(form));
    expect(Object.fromEntries(placed.at)).toEqual({ "indicators[11].code": ["x"], "indicators[1]": ["y"] });
    expect(placed.unplaced).toEqual([{ path: "", message: "z" }]);
    expect(inputId("indicators[1].when.values")).toBe("pf-indicators-1-when-values");
  });
});

const result = (score: number, band: DryRunResult["band"], codes: string[], extra: Partial<DryRunResult> = {}): DryRunResult => ({
  score,
  band,
  selected: band === "high",
  random: false,
  applicable: true,
  indicators: codes.map((code) => ({ code, label: code.toLowerCase(), points: 10, evidence: [] })),
  ...extra,
});

describe("dry-run figures", () => {
  test("a container number or a shipment id", () => {
    expect(containerTarget(" mscu 123456-5 ")).toEqual({ containerNumber: "MSCU1234565" });
    expect(containerTarget("3F2A1B4C-0000-4000-8000-00000000000A")).toEqual({ shipmentId: "3f2a1b4c-0000-4000-8000-00000000000a" });
    expect(containerTarget("  ")).toBeNull();
  });

  test("bands, share selected, indicators matched, highest scores", () => {
    const summary = { shipments: 4, applicable: 4, selected: 1, random: 0, byBand: { high: 1, medium: 0, low: 2, none: 1 } };
    expect(bandShares(summary)).toEqual([
      { band: "high", count: 1, share: 0.25 },
      { band: "medium", count: 0, share: 0 },
      { band: "low", count: 2, share: 0.5 },
      { band: "none", count: 1, share: 0.25 },
    ]);
    expect(selectedShare(summary)).toBe(0.25);
    expect(selectedShare({ ...summary, shipments: 0 })).toBeNull();
    const results = [result(20, "low", ["A"]), result(70, "high", ["A", "B"]), result(0, null, []), result(20, "low", ["B", "C"])];
    expect(indicatorCounts(results).map((c) => [c.code, c.matched, c.share])).toEqual([["A", 2, 0.5], ["B", 2, 0.5], ["C", 1, 0.25]]);
    expect(topScores(results, 3).map((r) => r.score)).toEqual([70, 20, 20]);
    expect(topScores(results, 3)[1]).toBe(results[0]);
    expect(evidenceText(["ECGYE", 5])).toBe("ECGYE, 5");
    expect(evidenceText(null)).toBe("—");
  });
});

describe("diff rows", () => {
  test("settings, thresholds level by level", () => {
    expect(settingRows({ name: { before: "A", after: "B" }, thresholds: { before: { high: 60, medium: 40, low: 20, select: 60 }, after: { high: 70, medium: 40, low: 20, select: 70 } }, rationale: { before: null, after: "Why" } })).toEqual([
      { what: "name", before: "A", after: "B" },
      { what: "thresholds.high", before: "60", after: "70" },
      { what: "thresholds.select", before: "60", after: "70" },
      { what: "rationale", before: "—", after: "Why" },
    ]);
    expect(valueText({ units: ["BEANR"] })).toBe('{units: ["BEANR"]}');
  });

  test("a changed indicator's points and condition, read from both documents", () => {
    const after = { ...doc, indicators: [{ ...doc.indicators[0]!, points: 60, when: { op: "routeVia", ports: ["ECGYE", "PAMIT"] } }] };
    const change = { code: "SRC", changes: ["points", "when"] as ("points" | "when")[], before: { code: "SRC", label: "Source port", points: 50, kind: "rule" as const }, after: { code: "SRC", label: "Source port", points: 60, kind: "rule" as const } };
    expect(changeRows(change, indicatorsByCode(doc).get("SRC"), indicatorsByCode(after).get("SRC"))).toEqual([
      { what: "points", before: "50", after: "60" },
      { what: "when", before: '{op: "routeVia", ports: ["ECGYE"]}', after: '{op: "routeVia", ports: ["ECGYE", "PAMIT"]}' },
    ]);
  });

  test("the version compared with by default", () => {
    expect(defaultBaseline([3, 2, 1], 3)).toBe(2);
    expect(defaultBaseline([3, 2, 1], 1)).toBe(3);
    expect(defaultBaseline([1], 1)).toBeNull();
  });
});
