// The profile editor's form ↔ document conversion: the library of example
// profiles goes through the form and back unchanged (byte for byte), and a
// form edit changes exactly what the analyst changed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { editForm, editJson, isDirty, loadDefinition, markSaved, textOf } from "../../../web/src/profile-editor-state.js";
import { addIndicator, documentFromForm, documentText, formFromDocument, moveIndicator, removeIndicator, updateIndicator, type ProfileForm } from "../../../web/src/profile-form.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";

const dir = path.resolve(import.meta.dirname, "../../../fixtures/profiles");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ name: f, doc: JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown> }));

const reefer = () => fixtures.find((f) => f.name === "cocaine-fruit-reefers.json")!.doc;
const formOf = (doc: unknown): ProfileForm => {
  const form = formFromDocument(doc);
  if (!form) throw new Error("no form");
  return form;
};
/** The lines of the JSON view that differ between two documents. */
function changedLines(before: unknown, after: unknown): string[] {
  const a = documentText(before).split("\n");
  const b = documentText(after).split("\n");
  return b.filter((line, i) => line !== a[i]);
}

describe("a document through the form and back", () => {
  test.each(fixtures.map((f) => [f.name, f.doc] as const))("%s comes back byte for byte", (_name, doc) => {
    const back = documentFromForm(formOf(doc), doc);
    expect(documentText(back)).toBe(documentText(doc));
    expect(back.indicators).toBe(doc.indicators);
  });

  test("the form shows the settings and each indicator, tables and conditions included", () => {
    const form = formOf(reefer());
    expect(form).toMatchObject({ name: "Cocaine in fruit reefers from source ports", validFrom: "2026-01-01", randomRate: "0.02", thresholds: { high: "60", medium: "35", low: "15", select: "" } });
    expect(form.indicators[0]).toMatchObject({ code: "SRC_PORT", points: "25", table: false, condition: { mode: "structured", op: "routeVia", params: { ports: expect.stringMatching(/^ECGYE, ECPSJ, COCTG/), countries: "", legs: "" } } });
    // all/any/not stay JSON.
    expect(form.indicators[1]!.condition).toMatchObject({ mode: "raw", text: expect.stringContaining('"op": "all"') });
    const table = fixtures.find((f) => f.name === "importer-history-table.json")!.doc;
    const tableForm = formOf(table).indicators.find((i) => i.table)!;
    expect(tableForm.points).toBe("");
  });

  test("not an object, or indicators that are not a list: no form", () => {
    expect(formFromDocument([1, 2])).toBeNull();
    expect(formFromDocument("text")).toBeNull();
    expect(formFromDocument({ indicators: { a: 1 } })).toBeNull();
    expect(formFromDocument({})).toMatchObject({ name: "", indicators: [] });
  });
});

describe("form edits change what the analyst changed, nothing else", () => {
  test("points: one line of the JSON changes, to a number", () => {
    const doc = reefer();
    const form = formOf(doc);
    const next = documentFromForm(updateIndicator(form, 0, { points: "30" }), doc);
    expect((next.indicators as { points: number }[])[0]!.points).toBe(30);
    expect(changedLines(doc, next)).toEqual(['      "points": 30,']);
    expect(doc.indicators).not.toBe(next.indicators);
  });

  test("a decimal comma is read as a decimal point; what is not a number stays text for the validator to name", () => {
    const doc = reefer();
    const form = formOf(doc);
    expect((documentFromForm(updateIndicator(form, 0, { points: "12,5" }), doc).indicators as { points: unknown }[])[0]!.points).toBe(12.5);
    const typo = documentFromForm(updateIndicator(form, 0, { points: "twenty" }), doc);
    expect((typo.indicators as { points: unknown }[])[0]!.points).toBe("twenty");
    // …and reads back as typed.
    expect(formOf(typo).indicators[0]!.points).toBe("twenty");
    const cleared = documentFromForm(updateIndicator(form, 0, { points: "" }), doc);
    expect((cleared.indicators as object[])[0]).not.toHaveProperty("points");
  });

  test("settings: name, rationale, thresholds, random rate, validity", () => {
    const doc = reefer();
    const form = formOf(doc);
    const next = documentFromForm({ ...form, name: "Renamed", rationale: "", thresholds: { ...form.thresholds, high: "70", select: "65" }, randomRate: "", validTo: "2027-12-31" }, doc);
    expect(next).toMatchObject({ name: "Renamed", thresholds: { high: 70, medium: 35, low: 15, select: 65 }, validTo: "2027-12-31" });
    expect(next).not.toHaveProperty("rationale");
    expect(next).not.toHaveProperty("randomRate");
    // Keys the form does not show are kept, in their place.
    expect(Object.keys(next)).toEqual(Object.keys(doc).filter((k) => k !== "rationale" && k !== "randomRate"));
    expect(next.scope).toBe(doc.scope);
    const unselected = documentFromForm({ ...formOf(next), thresholds: { ...formOf(next).thresholds, select: "" } }, next);
    expect(unselected.thresholds).toEqual({ high: 70, medium: 35, low: 15 });
  });

  test("a new indicator, filled in through the form, is a valid rule", () => {
    const doc = reefer();
    let form = addIndicator(formOf(doc));
    const index = form.indicators.length - 1;
    const blank = documentFromForm(form, doc);
    expect((blank.indicators as unknown[])[index]).toEqual({ code: "", label: "", when: { op: "eq", field: "", value: "" } });
    // An empty code, label and points are for the validator to name.
    const checked = validateProfile(blank);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.map((e) => e.path)).toEqual(expect.arrayContaining([`indicators[${index}].code`, `indicators[${index}].label`, `indicators[${index}].points`]));
    form = updateIndicator(form, index, { code: "HEAVY", label: "Heavier than declared goods allow", points: "12.5", condition: { mode: "structured", op: "gt", params: { field: "grossWeightKg", value: "28000" } } });
    const filled = documentFromForm(form, doc);
    expect((filled.indicators as unknown[])[index]).toEqual({ code: "HEAVY", label: "Heavier than declared goods allow", when: { op: "gt", field: "grossWeightKg", value: 28000 }, points: 12.5 });
    expect(validateProfile(filled).ok).toBe(true);
    // The indicators before it are the same objects.
    expect((filled.indicators as unknown[]).slice(0, index)).toEqual(doc.indicators);
  });

  test("remove and reorder", () => {
    const doc = reefer();
    const codes = (d: Record<string, unknown>) => (d.indicators as { code: string }[]).map((i) => i.code);
    const all = codes(doc);
    expect(codes(documentFromForm(moveIndicator(formOf(doc), 1, -1), doc))).toEqual([all[1], all[0], ...all.slice(2)]);
    expect(moveIndicator(formOf(doc), 0, -1).indicators.map((i) => i.code)).toEqual(all);
    expect(codes(documentFromForm(removeIndicator(formOf(doc), 0), doc))).toEqual(all.slice(1));
  });

  test("a note is removed when emptied; the condition of a table may be removed", () => {
    const table = fixtures.find((f) => f.name === "importer-history-table.json")!.doc;
    const form = formOf(table);
    const index = form.indicators.findIndex((i) => i.table);
    const withNote = documentFromForm(updateIndicator(form, index, { note: "Check the importer's file." }), table);
    expect((withNote.indicators as Record<string, unknown>[])[index]!.note).toBe("Check the importer's file.");
    const emptied = documentFromForm(updateIndicator(formOf(withNote), index, { note: " " }), withNote);
    expect((emptied.indicators as Record<string, unknown>[])[index]).not.toHaveProperty("note");
    expect((emptied.indicators as Record<string, unknown>[])[index]!.table).toEqual((table.indicators as Record<string, unknown>[])[index]!.table);
  });
});

describe("the two views in step", () => {
  test("JSON edits rebuild the form; a syntax error keeps the last form; a form edit rewrites the JSON", () => {
    const doc = reefer();
    let state = loadDefinition(doc);
    expect(isDirty(state)).toBe(false);
    state = editJson(state, textOf(state).replace('"points": 25', '"points": 40'));
    expect(state.form!.indicators[0]!.points).toBe("40");
    expect(isDirty(state)).toBe(true);
    const form = state.form;
    state = editJson(state, "{ broken");
    expect(state.jsonError).toMatch(/JSON/);
    expect(state.form).toBe(form);
    state = editJson(state, documentText(doc));
    expect(state.jsonError).toBeNull();
    state = editForm(state, updateIndicator(state.form!, 2, { label: "Transshipped fruit reefer" }));
    expect(textOf(state)).toContain('"label": "Transshipped fruit reefer"');
    expect(JSON.parse(textOf(state))).toEqual(state.doc);
    expect(isDirty(markSaved(state, state.doc))).toBe(false);
    expect(isDirty(markSaved(state, doc))).toBe(true);
    // Formatting alone is not a change; a syntax error is one.
    expect(isDirty(editJson(loadDefinition(doc), JSON.stringify(doc)))).toBe(false);
    expect(isDirty(editJson(loadDefinition(doc), `${JSON.stringify(doc)},`))).toBe(true);
  });
});
