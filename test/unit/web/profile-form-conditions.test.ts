// An indicator's condition as form fields and back: each operator's
// parameters typed by the field they apply to, and a raw JSON text for what
// the fields cannot give back exactly.
import { describe, expect, test } from "vitest";
import { changeOp, compactJson, conditionFromForm, conditionToForm, OP_PARAMS, parseDecimal, STRUCTURED_OPS, type ConditionForm, type StructuredOp } from "../../../web/src/profile-conditions.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";

const form = (op: StructuredOp, params: Record<string, string>): ConditionForm => ({ mode: "structured", op, params });
const valid = (when: unknown) => validateProfile({ language: "portcullis/profile@1", code: "T-1", name: "t", target: { kind: "revenue" }, thresholds: { high: 1, medium: 1, low: 1 }, indicators: [{ code: "A", label: "a", points: 1, when }] });

describe("fields → condition", () => {
  test("values are typed by the field: numbers, yes/no, dates, HS codes as text", () => {
    expect(conditionFromForm(form("eq", { field: "grossWeightKg", value: "12,5" }))).toEqual({ op: "eq", field: "grossWeightKg", value: 12.5 });
    expect(conditionFromForm(form("eq", { field: "derived.isReefer", value: "true" }))).toEqual({ op: "eq", field: "derived.isReefer", value: true });
    expect(conditionFromForm(form("eq", { field: "countryOfOrigin", value: " EC " }))).toEqual({ op: "eq", field: "countryOfOrigin", value: "EC" });
    expect(conditionFromForm(form("in", { field: "hsCodes", values: "080390\n\n 0804 \n" }))).toEqual({ op: "in", field: "hsCodes", values: ["080390", "0804"] });
    expect(conditionFromForm(form("notIn", { field: "packages", values: "1\n2" }))).toEqual({ op: "notIn", field: "packages", values: [1, 2] });
    expect(conditionFromForm(form("gt", { field: "arrivalDate", value: "2026-01-31" }))).toEqual({ op: "gt", field: "arrivalDate", value: "2026-01-31" });
    expect(conditionFromForm(form("lte", { field: "derived.hoursFiledBeforeArrival", value: "24" }))).toEqual({ op: "lte", field: "derived.hoursFiledBeforeArrival", value: 24 });
    // Free attributes: "5" is a number, "007" stays text.
    expect(conditionFromForm(form("in", { field: "attributes.sector", values: "5\n007\ntrue" }))).toEqual({ op: "in", field: "attributes.sector", values: [5, "007", true] });
  });

  test("lists, patterns, choices and optional parameters", () => {
    expect(conditionFromForm(form("hsPrefix", { field: "", prefixes: "0803, 08;0804  0805" }))).toEqual({ op: "hsPrefix", prefixes: ["0803", "08", "0804", "0805"] });
    expect(conditionFromForm(form("routeVia", { ports: "ECGYE PAMIT", countries: "", legs: "loading" }))).toEqual({ op: "routeVia", ports: ["ECGYE", "PAMIT"], legs: "loading" });
    expect(conditionFromForm(form("between", { field: "declaredValue", min: "", max: "1000" }))).toEqual({ op: "between", field: "declaredValue", max: 1000 });
    expect(conditionFromForm(form("contains", { field: "goodsDescription", values: "said to contain\nSTC" }))).toEqual({ op: "contains", field: "goodsDescription", values: ["said to contain", "STC"] });
    expect(conditionFromForm(form("matches", { field: "consignee.name", pattern: " ^TRAD", flags: "i" }))).toEqual({ op: "matches", field: "consignee.name", pattern: " ^TRAD", flags: "i" });
    expect(conditionFromForm(form("partyNew", { role: "consignee", days: "90" }))).toEqual({ op: "partyNew", role: "consignee", days: 90 });
    expect(conditionFromForm(form("fieldCompare", { field: "netWeightKg", cmp: "gt", other: "grossWeightKg", factor: "" }))).toEqual({ op: "fieldCompare", field: "netWeightKg", cmp: "gt", other: "grossWeightKg" });
    expect(conditionFromForm(form("sealIssue", {}))).toEqual({ op: "sealIssue" });
  });

  test("what the analyst left empty is left for the validator to name, at the parameter's path", () => {
    const when = conditionFromForm(form("in", { field: "", values: "" }));
    expect(when).toEqual({ op: "in", field: "", values: [] });
    const checked = valid(when);
    expect(!checked.ok && checked.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["indicators[0].when.field", "indicators[0].when.values"]));
    const noDays = valid(conditionFromForm(form("partyNew", { role: "any", days: "" })));
    expect(!noDays.ok && noDays.errors.map((e) => e.path)).toEqual(["indicators[0].when.days"]);
  });

  test("raw JSON: parsed when it parses, else kept as text (the validator rejects it)", () => {
    expect(conditionFromForm({ mode: "raw", text: '{"op":"not","of":{"op":"sealIssue"}}' })).toEqual({ op: "not", of: { op: "sealIssue" } });
    expect(conditionFromForm({ mode: "raw", text: '{"op": "all", ' })).toBe('{"op": "all", ');
    expect(conditionToForm('{"op": "all", ')).toEqual({ mode: "raw", text: '{"op": "all", ' });
  });
});

describe("condition → fields", () => {
  test("every structured operator gives back exactly the condition it shows", () => {
    const samples: unknown[] = [
      { op: "eq", field: "derived.isReefer", value: true },
      { op: "neq", field: "countryOfOrigin", value: "EC" },
      { op: "in", field: "portOfLoading", values: ["ECGYE", "COCTG"] },
      { op: "notIn", field: "packages", values: [1, 2] },
      { op: "gt", field: "grossWeightKg", value: 28000 },
      { op: "gte", field: "arrivalDate", value: "2026-01-01" },
      { op: "lt", field: "derived.hoursFiledBeforeArrival", value: 24.5 },
      { op: "lte", field: "attributes.declaredRisk", value: 3 },
      { op: "between", field: "grossWeightKg", min: 100, max: 200.5 },
      { op: "exists", field: "forwarder.name" },
      { op: "missing", field: "consignee.address" },
      { op: "hsPrefix", field: "hsCodes", prefixes: ["0803"] },
      { op: "contains", field: "goodsDescription", values: ["STC", "said to contain"] },
      { op: "matches", field: "consignee.name", pattern: "^A", flags: "i" },
      { op: "inList", field: "consignee.name", list: "WATCH-CONSIGNEES" },
      { op: "routeVia", countries: ["EC", "CO"], legs: "transshipment" },
      { op: "partyNew", role: "any", days: 0 },
      { op: "partySeizureLinked", role: "shipper" },
      { op: "partyIsForwarder" },
      { op: "valueAnomaly", below: 0.3 },
      { op: "weightImplausible", maxKgPerPackage: 40 },
      { op: "genericDescription" },
      { op: "sealIssue" },
      { op: "fieldCompare", field: "netWeightKg", cmp: "gt", other: "grossWeightKg", factor: 1.05 },
    ];
    expect(new Set(samples.map((s) => (s as { op: string }).op))).toEqual(new Set(STRUCTURED_OPS));
    for (const sample of samples) {
      const shown = conditionToForm(sample);
      expect(shown.mode, compactJson(sample)).toBe("structured");
      expect(conditionFromForm(shown)).toEqual(sample);
    }
  });

  test("nested, unknown keys, or values the fields would change: raw JSON", () => {
    const raw = [
      { op: "all", of: [{ op: "sealIssue" }] },
      { op: "any", of: [{ op: "sealIssue" }] },
      { op: "not", of: { op: "sealIssue" } },
      { op: "eq", field: "countryOfOrigin", value: "EC", extra: 1 },
      { op: "eq", field: "attributes.count", value: "5" }, // "5" would come back as 5
      { op: "in", field: "countryOfOrigin", values: [" EC"] }, // the space would be trimmed
      { op: "contains", field: "goodsDescription", values: ["two\nlines"] },
      { op: "eq", field: ["not", "a", "path"], value: 1 },
      { op: "bogus" },
      null,
    ];
    for (const value of raw) {
      const shown = conditionToForm(value);
      expect(shown, compactJson(value)).toEqual({ mode: "raw", text: JSON.stringify(value, null, 2) });
      expect(conditionFromForm(shown)).toEqual(value);
    }
  });

  test("another operator keeps the parameters of the same name; raw and back", () => {
    const eq = form("eq", { field: "countryOfOrigin", value: "EC" });
    expect(changeOp(eq, "in")).toEqual(form("in", { field: "countryOfOrigin", values: "" }));
    expect(changeOp(eq, "neq")).toEqual(form("neq", { field: "countryOfOrigin", value: "EC" }));
    const raw = changeOp(eq, "raw");
    expect(raw).toEqual({ mode: "raw", text: JSON.stringify({ op: "eq", field: "countryOfOrigin", value: "EC" }, null, 2) });
    expect(changeOp(raw, "neq")).toEqual(form("neq", { field: "countryOfOrigin", value: "EC" }));
    expect(changeOp({ mode: "raw", text: "{ not json" }, "exists")).toEqual(form("exists", { field: "" }));
    for (const op of STRUCTURED_OPS) expect(Object.keys(changeOp(eq, op).mode === "structured" ? (changeOp(eq, op) as { params: object }).params : {})).toEqual(OP_PARAMS[op].map((s) => s.name));
  });

  test("numbers as people type them", () => {
    expect(parseDecimal("12.5")).toBe(12.5);
    expect(parseDecimal(" 12,5 ")).toBe(12.5);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal(".5")).toBe(0.5);
    expect(parseDecimal("1e3")).toBe(1000);
    expect(parseDecimal("1,000.5")).toBeUndefined();
    expect(parseDecimal("twenty")).toBeUndefined();
    expect(parseDecimal("")).toBeUndefined();
    expect(parseDecimal("Infinity")).toBeUndefined();
  });

  test("one line for the diff", () => {
    expect(compactJson({ op: "routeVia", ports: ["ECGYE", "PAMIT"], legs: "loading" })).toBe('{op: "routeVia", ports: ["ECGYE", "PAMIT"], legs: "loading"}');
    expect(compactJson({ "a b": null })).toBe('{"a b": null}');
  });
});
