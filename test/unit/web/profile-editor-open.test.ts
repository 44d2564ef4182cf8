// Opening a learned profile in the editor does no work per table entry on the
// main thread: a table's form rows are built when first read (its indicator
// opened, edited, or the form sent whole), its size is counted without them,
// and the form sent to the editor's worker refers to an untouched table
// without reading its rows. Also the one-line summary of a condition that a
// closed indicator shows: a sentence in the reader's language (every operator's
// wording: condition-text.test.ts).
import { describe, expect, test } from "vitest";
import { conditionLine } from "../../../web/src/condition-text.js";
import { formatters } from "../../../web/src/format.js";
import { translator, type Language } from "../../../web/src/i18n.js";
import { conditionFromForm, conditionToForm, rawCondition, type ConditionForm } from "../../../web/src/profile-conditions.js";
import { documentFromForm, documentText, formFromDocument, updateTable } from "../../../web/src/profile-form.js";
import { FormReceiver, FormSender } from "../../../web/src/profile-sync.js";
import { entryCount, tableToForm, updateRow, type TableForm } from "../../../web/src/profile-table.js";

function learnedDoc(entries: number) {
  const table: Record<string, number> = {};
  for (let i = 0; i < entries; i++) table[`IMP${String(i).padStart(6, "0")}`] = (i % 40) - 10;
  return {
    language: "portcullis/profile@1",
    code: "OPEN",
    name: "Open",
    target: { kind: "revenue" },
    thresholds: { high: 60, medium: 40, low: 20 },
    indicators: [
      { code: "RULE", label: "A rule", points: 10, when: { op: "hsPrefix", prefixes: ["0803"] } },
      { code: "IMPORTER", label: "Importer", table: { key: ["consignee.id"], entries: table, default: 0 } },
    ],
  };
}

/** The table form's rows are still to be built (nothing has read them). */
const unbuilt = (table: TableForm) => typeof Object.getOwnPropertyDescriptor(table, "rows")?.get === "function";

describe("opening a learned profile in the editor", () => {
  test("the form of a table builds its rows when first read, and counts its entries without them", () => {
    const doc = learnedDoc(20_000);
    const form = formFromDocument(doc)!;
    const table = form.indicators[1]!.tableForm!;
    expect(unbuilt(table)).toBe(true);
    expect(entryCount(table)).toBe(20_000);
    expect(unbuilt(table)).toBe(true);
    // Written back untouched: the document's own object, still without rows.
    expect(documentFromForm(form, doc).indicators).toBe(doc.indicators);
    expect(unbuilt(table)).toBe(true);
    // Read: built once, the same rows each time after, in the document's order.
    const rows = table.rows;
    expect(unbuilt(table)).toBe(false);
    expect(table.rows).toBe(rows);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]).toMatchObject({ key: "IMP019999", points: "29" });
    expect(entryCount(table)).toBe(20_000);
    expect(tableToForm(doc.indicators[1]!.table)).toBe(table);
  });

  test("the form sent to the worker refers to an untouched table without reading its rows; an edit then sends one row", () => {
    const doc = learnedDoc(20_000);
    const sender = new FormSender();
    const receiver = new FormReceiver();
    sender.reset(doc);
    receiver.reset(structuredClone(doc));
    let form = formFromDocument(doc)!;
    const first = sender.form(form);
    expect(unbuilt(form.indicators[1]!.tableForm!)).toBe(true);
    expect(JSON.stringify(first).length).toBeLessThan(2_000);
    expect(documentText(documentFromForm(receiver.form(structuredClone(first)), doc))).toBe(documentText(doc));

    // The analyst opens the table and edits one entry: the message carries that row only.
    const table = form.indicators[1]!.tableForm!;
    form = updateTable(form, form.indicators[1]!.key, (t) => updateRow(t, table.rows[12_345]!.id, { points: "33" }));
    const edit = sender.form(form);
    expect(JSON.stringify(edit).length).toBeLessThan(2_000);
    const written = documentFromForm(receiver.form(structuredClone(edit)), doc) as ReturnType<typeof learnedDoc>;
    expect(written.indicators[1]!.table!.entries).toMatchObject({ IMP012345: 33, IMP012346: doc.indicators[1]!.table!.entries.IMP012346 });
    expect(documentText(written)).toBe(documentText(documentFromForm(form, doc)));
  });

  test("a closed indicator's condition in one line, as a sentence in the reader's language", () => {
    const wording = (language: Language) => ({ t: translator(language), fmt: formatters(language, "UTC"), language });
    // As the summary reads it: from the condition's form (fields, or raw JSON for nested ones).
    const line = (form: ConditionForm, language: Language = "en", max?: number) => conditionLine(wording(language), conditionFromForm(form), max);
    const formOf = (when: unknown) => conditionToForm(when);
    expect(formOf({ op: "hsPrefix", prefixes: ["0803", "0804"] }).mode).toBe("structured");
    expect(line(formOf({ op: "hsPrefix", prefixes: ["0803", "0804"] }))).toBe("HS code starts with 0803 or 0804");
    expect(line(formOf({ op: "in", field: "countryOfOrigin", values: ["CO", "PE"] }), "es")).toBe("País de origen es Colombia (CO) o Perú (PE)");
    expect(line(formOf({ op: "routeVia", ports: ["ECGYE"], legs: "loading" }))).toBe("Loaded in ECGYE");
    expect(line(formOf({ op: "between", field: "declaredValue", min: 100, max: 2000 }), "es")).toBe("Valor declarado entre 100 y 2000");
    expect(line(formOf({ op: "sealIssue" }))).toBe("Seal missing or repeated on a full container");
    // Nested: a raw JSON form, still worded; a field left empty in the form: read by its parts.
    expect(formOf({ op: "not", of: { op: "sealIssue" } }).mode).toBe("raw");
    expect(line(formOf({ op: "not", of: { op: "sealIssue" } }), "es")).toBe("No (precinto ausente o repetido en un contenedor lleno)");
    expect(line({ mode: "structured", op: "partyNew", params: { role: "shipper", days: "" } })).toBe("Condition partyNew — party first seen recently (party: shipper)");
    // JSON being typed: said so, not shown.
    expect(line({ mode: "raw", text: '{ "op": "eq", ' })).toBe("Condition not readable: its JSON is not valid yet");
    const long = line(rawCondition({ op: "any", of: Array.from({ length: 20 }, (_, i) => ({ op: "hsPrefix", prefixes: [String(1000 + i)] })) }), "en", 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith("…")).toBe(true);
  });
});
