// End to end in headless Chromium against the real app: an analyst edits a
// draft profile's target, scope and table indicators through the form, and
// the JSON view follows: a learned importer table of 5,000 entries shown a
// page at a time (filtered, sorted, paged), an entry edited, added and
// removed, rows pasted from a spreadsheet into a two-field table; the
// validator's errors show on the table's row (and "go to the field" turns
// the table to the row's page); fixed, the draft is saved and stored as
// edited. Screenshots: test-artifacts/screenshots/pf-*.png.
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { eventually, fitsWidth, fruitFromGuayaquilProfile, profileIndicator, shot, signIn, startWebHarness, unexpectedErrors, unitWithProfile, type WebHarness } from "./harness.js";

const CODE = "PF-TABLES";
const ENTRIES = 5000;
const importerKey = (i: number) => `IMP${String(i).padStart(5, "0")}`;
const importerPoints = (i: number) => (((i * 37) % 200) - 50) / 10;

function profileDoc() {
  const base = fruitFromGuayaquilProfile(CODE, "Fruit from source ports, with learned tables");
  const entries: Record<string, number> = {};
  for (let i = 0; i < ENTRIES; i++) entries[importerKey(i)] = importerPoints(i);
  return {
    ...base,
    indicators: [
      ...base.indicators,
      { code: "IMPORTER", label: "Importer's record in past inspections", table: { key: ["consignee.id"], entries, default: 0 } },
      { code: "HS_ORIGIN", label: "HS heading and origin", table: { key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 6, "0803|CO": 5 } } },
    ],
  };
}
type Stored = ReturnType<typeof profileDoc> & { scope?: { units?: string[]; transportModes?: string[] } };
type TableIndicator = { code: string; table: { key: string[]; entries: Record<string, unknown>; default?: number } };

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  ({ unit, username: analyst } = await unitWithProfile(harness, profileDoc(), { activate: false, role: "analyst", name: "Ana Formas" }));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const jsonOf = async (json: Locator) => JSON.parse(await json.inputValue()) as Stored;
const tableOf = (doc: Stored, code: string) => (doc.indicators as TableIndicator[]).find((i) => i.code === code)!.table;

describe("analyst: target, scope and tables in the profile form", () => {
  test("edit through the form, the JSON follows, a row's error shows on the row, save", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
    await page.getByRole("link", { name: `Open ${CODE} v1` }).click();
    await page.getByRole("heading", { name: `Profile ${CODE} — version 1` }).waitFor();
    const json = page.getByLabel("Profile document (JSON)");
    const validation = page.getByTestId("validation");
    await eventually(() => validation.innerText()).toContain("The document is valid.");

    // Target: revenue instead of a commodity; the commodity's field gives way to the fraud's.
    const targetScope = page.getByTestId("pe-target-scope");
    expect(await targetScope.getByLabel("Commodity", { exact: true }).inputValue()).toBe("cocaine");
    await targetScope.getByLabel("Target", { exact: true }).selectOption("revenue");
    await targetScope.getByLabel("Kind of fraud (optional)").fill("undervaluation of fruit");
    await eventually(async () => (await jsonOf(json)).target).toEqual({ kind: "revenue", fraud: "undervaluation of fruit" });
    expect(await targetScope.getByLabel("Commodity", { exact: true }).count()).toBe(0);

    // Scope: unit codes (typed in lower case, written in capitals) and transport modes; it goes after the target.
    await targetScope.getByLabel("Units (optional)").fill(`${unit.code.toLowerCase()}, beanr`);
    await targetScope.getByRole("checkbox", { name: "Sea" }).check();
    await targetScope.getByRole("checkbox", { name: "Air" }).check();
    await eventually(async () => (await jsonOf(json)).scope).toEqual({ units: [unit.code, "BEANR"], transportModes: ["sea", "air"] });
    await targetScope.getByRole("checkbox", { name: "Air" }).uncheck();
    await eventually(async () => (await jsonOf(json)).scope).toEqual({ units: [unit.code, "BEANR"], transportModes: ["sea"] });
    const keys = Object.keys(await jsonOf(json));
    expect(keys.indexOf("scope")).toBe(keys.indexOf("target") + 1);
    await eventually(() => validation.innerText()).toContain("The document is valid.");
    await shot(page, "pf-01-target-scope");

    // The learned table: 5,000 entries, one page of 50 at a time.
    const importer = profileIndicator(page, 3, "IMPORTER");
    const table = importer.getByTestId("pe-table");
    await importer.getByRole("heading", { name: "Entries of IMPORTER (5,000)" }).waitFor();
    expect(await importer.getByLabel("Key field 1").inputValue()).toBe("consignee.id");
    expect(await importer.getByLabel("Points for other values (optional)").inputValue()).toBe("0");
    expect(await table.getByTestId("pe-entry").count()).toBe(50);
    expect(await table.getByTestId("pe-table-range").innerText()).toBe("Entries 1–50 of 5,000.");
    expect(await table.getByTestId("pe-table-page").innerText()).toBe("Page 1 of 100");
    await table.getByRole("button", { name: "Next page" }).click();
    expect(await table.getByTestId("pe-table-range").innerText()).toBe("Entries 51–100 of 5,000.");
    expect(await table.getByLabel("Key of entry 51", { exact: true }).inputValue()).toBe(importerKey(50));
    await table.getByRole("button", { name: "Last page" }).click();
    expect(await table.getByTestId("pe-table-page").innerText()).toBe("Page 100 of 100");

    // Sorted by points, highest first: a view only, the JSON keeps its order.
    await table.getByLabel("Order").selectOption("pointsDesc");
    expect(await table.getByTestId("pe-table-page").innerText()).toBe("Page 1 of 100");
    const top = Math.max(...Array.from({ length: ENTRIES }, (_, i) => importerPoints(i)));
    expect(Number(await table.getByTestId("pe-entry").first().locator("input").nth(1).inputValue())).toBe(top);
    expect(Object.keys(tableOf(await jsonOf(json), "IMPORTER").entries).slice(0, 2)).toEqual([importerKey(0), importerKey(1)]);
    await table.getByLabel("Order").selectOption("document");

    // Found by key and edited: the JSON changes on that entry.
    await table.getByLabel("Find an entry by key").fill("imp0432");
    expect(await table.getByTestId("pe-table-range").innerText()).toBe("Entries 1–10 of the 10 that match (5,000 in all).");
    const points4321 = table.getByLabel(`Points of entry 4322 (${importerKey(4321)})`);
    await points4321.fill("12,5");
    await eventually(async () => tableOf(await jsonOf(json), "IMPORTER").entries[importerKey(4321)]).toBe(12.5);
    expect(await json.inputValue()).toContain(`"${importerKey(4321)}": 12.5,`);

    // A new entry: the focus goes to its key.
    await table.getByRole("button", { name: "Add an entry" }).click();
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 5001");
    await page.keyboard.type("new-importer-7");
    await table.getByLabel("Points of entry 5001", { exact: false }).fill("7");
    await table.getByLabel("Points of entry 5001", { exact: false }).press("Enter");
    await eventually(async () => tableOf(await jsonOf(json), "IMPORTER").entries["new-importer-7"]).toBe(7);
    await importer.getByRole("heading", { name: "Entries of IMPORTER (5,001)" }).waitFor();

    // Removed: the entry goes from the JSON. (Adding cleared the filter and turned to the new entry's page.)
    expect(await table.getByLabel("Find an entry by key").inputValue()).toBe("");
    expect(await table.getByTestId("pe-table-page").innerText()).toBe("Page 101 of 101");
    await table.getByRole("button", { name: "First page" }).click();
    await table.getByRole("button", { name: `Remove entry 1 (${importerKey(0)})` }).click();
    await eventually(async () => Object.keys(tableOf(await jsonOf(json), "IMPORTER").entries)).toHaveLength(5000);
    expect(await json.inputValue()).not.toContain(`"${importerKey(0)}"`);
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 1");
    await shot(page, "pf-02-learned-table");

    // Pasted from a spreadsheet into the two-field table: one column per key field, a header, a line not read.
    const hsOrigin = profileIndicator(page, 4, "HS_ORIGIN");
    await hsOrigin.getByText("Paste entries from a spreadsheet").click();
    await hsOrigin.getByLabel("Entries to paste").fill("HS\tOrigin\tPoints\n0901\tHN\t4\n0803|EC\t9\n8703\tUS\n");
    await hsOrigin.getByRole("button", { name: "Add the pasted entries" }).click();
    await eventually(() => hsOrigin.getByTestId("pe-paste-result").innerText()).toBe("Pasted: 1 entries added, 1 updated. Lines not read (a key and a number of points are needed): 4.");
    await eventually(async () => tableOf(await jsonOf(json), "HS_ORIGIN").entries).toEqual({ "0803|EC": 9, "0803|CO": 5, "0901|HN": 4 });

    // An entry with one value for a two-field key: the validator's message shows on its row.
    await hsOrigin.getByRole("button", { name: "Add an entry" }).click();
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 4");
    await page.keyboard.type("0804");
    await hsOrigin.getByLabel("Points of entry 4", { exact: false }).fill("3");
    await eventually(() => json.inputValue()).toContain('"0804": 3');
    const badRow = hsOrigin.getByTestId("pe-entry").filter({ has: page.locator('input[aria-label="Key of entry 4"]') });
    await eventually(() => badRow.locator(".pe-field-errors").innerText()).toBe("expected 2 value(s) joined by '|'");
    expect(await badRow.getByLabel("Key of entry 4").getAttribute("aria-invalid")).toBe("true");
    expect(await validation.innerText()).toContain(`indicators[3].table.entries["0804"]: expected 2 value(s) joined by '|'`);
    await shot(page, "pf-03-row-error");
    await badRow.getByLabel("Key of entry 4").fill("0804|EC");
    await badRow.getByLabel("Key of entry 4").press("Enter");
    await eventually(() => validation.innerText()).toContain("The document is valid.");
    expect(await hsOrigin.locator(".pe-field-errors").count()).toBe(0);

    // Points out of range in the big table; "go to the field" from page 1 turns the table to the row's page.
    await table.getByLabel("Find an entry by key").fill(importerKey(4321));
    await table.getByLabel(`Points of entry 4321 (${importerKey(4321)})`).fill("2000");
    await eventually(() => table.getByTestId("pe-entry").locator(".pe-field-errors").innerText()).toBe("must be at most 1000");
    await table.getByLabel("Find an entry by key").fill("");
    expect(await table.getByTestId("pe-table-page").innerText()).toBe("Page 1 of 100");
    await page.getByRole("button", { name: `Go to the field indicators[2].table.entries.${importerKey(4321)}` }).click();
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 4321");
    expect(await table.getByTestId("pe-table-page").innerText()).toBe("Page 87 of 100");
    expect(await table.getByLabel("Key of entry 4321").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "pf-04-go-to-row");
    await table.getByLabel(`Points of entry 4321 (${importerKey(4321)})`).fill("20");
    await table.getByLabel(`Points of entry 4321 (${importerKey(4321)})`).press("Enter");
    await eventually(() => validation.innerText()).toContain("The document is valid.");
    expect(await table.locator(".pe-field-errors").count()).toBe(0);

    for (const [name, width, height] of [["laptop", 1366, 768], ["tablet", 820, 1180]] as const) {
      await page.setViewportSize({ width, height });
      expect(await fitsWidth(page), `table editor at ${name}`).toBe(true);
      await shot(page, `pf-05-${name}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Saved: stored as edited.
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved.").waitFor();
    await eventually(() => page.getByTestId("version-state").innerText()).not.toContain("Unsaved changes");
    const stored = await harness.services.pool.query<{ definition: Stored }>(
      "SELECT v.definition FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND p.code = $2 AND v.version = 1",
      [unit.id, CODE],
    );
    const definition = stored.rows[0]!.definition;
    expect(definition.target).toEqual({ kind: "revenue", fraud: "undervaluation of fruit" });
    expect(definition.scope).toEqual({ units: [unit.code, "BEANR"], transportModes: ["sea"] });
    const importerTable = tableOf(definition, "IMPORTER");
    expect(Object.keys(importerTable.entries)).toHaveLength(5000);
    expect(importerTable.entries).toMatchObject({ [importerKey(4321)]: 20, "new-importer-7": 7, [importerKey(1)]: importerPoints(1) });
    expect(importerTable.entries).not.toHaveProperty(importerKey(0));
    expect(importerTable.default).toBe(0);
    expect(tableOf(definition, "HS_ORIGIN")).toEqual({ key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 9, "0803|CO": 5, "0901|HN": 4, "0804|EC": 3 } });
    expect(definition.indicators.slice(0, 2)).toEqual(profileDoc().indicators.slice(0, 2));

    // The same form in Spanish.
    await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
    await page.getByRole("group", { name: "Objetivo y alcance" }).waitFor();
    await page.getByRole("group", { name: "Indicador 3: IMPORTER" }).getByRole("heading", { name: /^Entradas de IMPORTER \(5\.?000\)$/ }).waitFor();
    await shot(page, "pf-06-es");
    await page.getByRole("combobox", { name: /^Idioma/ }).selectOption("en");
    await page.context().close();
  }, 120_000);

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
