// The editor's form as sent to its worker (web/src/profile-sync.ts): through
// a structured clone (what postMessage does), the worker's copy writes the
// very document the form describes, edit after edit, while a message about
// one entry of a 30,000-entry table stays a few hundred bytes.
import { describe, expect, test } from "vitest";
import { documentFromForm, documentText, formFromDocument, addTableIndicator, moveIndicator, updateIndicator, updateTable, type ProfileForm } from "../../../web/src/profile-form.js";
import { FormReceiver, FormSender } from "../../../web/src/profile-sync.js";
import { addRow, mergeRows, removeRow, updateRow, type TableForm } from "../../../web/src/profile-table.js";

function bigDoc(entries: number) {
  const table: Record<string, number> = {};
  for (let i = 0; i < entries; i++) table[`IMP${String(i).padStart(6, "0")}`] = (i % 40) - 10;
  return {
    language: "portcullis/profile@1",
    code: "SYNC",
    name: "Sync",
    target: { kind: "revenue" },
    thresholds: { high: 60, medium: 40, low: 20 },
    indicators: [
      { code: "RULE", label: "A rule", points: 10, when: { op: "hsPrefix", prefixes: ["0803"] } },
      { code: "IMPORTER", label: "Importer", table: { key: ["consignee.id"], entries: table, default: 0 } },
      { code: "PAIR", label: "Pair", table: { key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 6 } } },
    ],
  };
}

/** A sender and a receiver over structured clones, as the editor and its worker use them. */
function channel(base: unknown) {
  const sender = new FormSender();
  const receiver = new FormReceiver();
  sender.reset(base);
  receiver.reset(structuredClone(base));
  let workerBase = structuredClone(base);
  return {
    send(form: ProfileForm) {
      const message = sender.form(form);
      const bytes = JSON.stringify(message).length;
      return { form: receiver.form(structuredClone(message)), bytes };
    },
    rebase(doc: unknown) {
      sender.reset(doc);
      workerBase = structuredClone(doc);
      receiver.reset(workerBase);
    },
    get base() {
      return workerBase;
    },
  };
}

const table = (form: ProfileForm, code: string): TableForm => form.indicators.find((i) => i.code === code)!.tableForm!;

describe("the form sent to the editor's worker", () => {
  test("edit after edit, the worker writes the same document; an edit of one entry sends only that entry", () => {
    const doc = bigDoc(30_000);
    const link = channel(doc);
    let form = formFromDocument(doc)!;
    const same = (sent: ProfileForm) => expect(documentText(documentFromForm(sent, link.base))).toBe(documentText(documentFromForm(form, doc)));

    const first = link.send(form);
    same(first.form);
    // Nothing edited: every indicator by reference.
    expect(first.bytes).toBeLessThan(2_000);

    const key = form.indicators[1]!.key;
    const deep = table(form, "IMPORTER").rows[25_000]!.id;
    form = updateTable(form, key, (t) => updateRow(t, deep, { points: "12,5" }));
    const edited = link.send(form);
    same(edited.form);
    expect(edited.bytes).toBeLessThan(1_000);
    expect((documentFromForm(edited.form, link.base).indicators as { table?: { entries: Record<string, unknown> } }[])[1]!.table!.entries.IMP025000).toBe(12.5);

    // Several entries, a removed one, an added one, pasted ones: still only what changed.
    const rows = table(form, "IMPORTER").rows;
    form = updateTable(form, key, (t) => updateRow(updateRow(t, rows[5]!.id, { key: "IMP-RENAMED" }), rows[29_999]!.id, { points: "3" }));
    form = updateTable(form, key, (t) => removeRow(t, rows[15_000]!.id));
    form = updateTable(form, key, (t) => addRow(t, undefined, "NEW-1", "4"));
    const structural = link.send(form);
    same(structural.form);
    expect(structural.bytes).toBeLessThan(2_000);
    form = updateTable(form, key, (t) => mergeRows(t, [{ key: "NEW-2", points: "1" }, { key: "IMP000007", points: "9" }]).table);
    const pasted = link.send(form);
    same(pasted.form);
    expect(pasted.bytes).toBeLessThan(1_000);

    // Settings, a new table indicator, a move: small objects go as they are.
    form = updateIndicator(addTableIndicator({ ...form, name: "Renamed" }), 0, { label: "A rule, relabelled" });
    form = moveIndicator(form, 2, 1);
    same(link.send(form).form);
    const fresh = form.indicators[form.indicators.length - 1]!.key;
    form = updateTable(form, fresh, (t) => addRow(t, undefined, "X", "1"));
    same(link.send(form).form);
  });

  test("a new base document (typed in the JSON view) starts the record again", () => {
    const doc = bigDoc(1_000);
    const link = channel(doc);
    let form = formFromDocument(doc)!;
    form = updateTable(form, form.indicators[1]!.key, (t) => updateRow(t, t.rows[3]!.id, { points: "1" }));
    link.send(form);
    const typed = JSON.parse(documentText(documentFromForm(form, doc))) as typeof doc;
    typed.name = "Typed";
    link.rebase(typed);
    let next = formFromDocument(typed)!;
    expect(documentText(documentFromForm(link.send(next).form, link.base))).toBe(documentText(typed));
    next = updateTable(next, next.indicators[1]!.key, (t) => updateRow(t, t.rows[999]!.id, { points: "7" }));
    const sent = link.send(next);
    expect(sent.bytes).toBeLessThan(1_000);
    expect(documentText(documentFromForm(sent.form, link.base))).toBe(documentText(documentFromForm(next, typed)));
  });
});
