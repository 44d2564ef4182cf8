// End to end in headless Chromium against the real app: an analyst edits a
// draft profile's target, scope and table indicators through the form, and
// the JSON view follows: a learned importer table of 5,000 entries in a
// scrolling list that renders only the rows in view (filtered, sorted,
// scrolled, walked with the arrow keys), an entry edited, added and
// removed, rows pasted from a spreadsheet into a two-field table; the
// validator's errors show on the table's row (and "go to the field" scrolls
// the list to the row); fixed, the draft is saved and stored as edited. Then
// an entry deep in a 100,000-entry table, scrolled to, edited and saved, as
// the API gives it back; and the version's document read once (the editor
// left and opened again, compared with another version minutes later).
// Screenshots: test-artifacts/screenshots/pf-*.png.
import type { Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { eventually, fitsWidth, fruitFromGuayaquilProfile, sessionToken, shot, signIn, startWebHarness, unexpectedErrors, unitWithProfile, type WebHarness } from "./harness.js";
import { openIndicator } from "./profile-editor-steps.js";

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

/** A table's scrolling list of entries, scrolled to a fraction of its height (typed here: no DOM types in this file). */
type Scrollable = { scrollTo(x: number, y: number): void; scrollHeight: number };
const scrollList = (list: Locator, fraction: number) =>
  list.evaluate((element, at) => {
    const box = element as unknown as Scrollable;
    box.scrollTo(0, at * box.scrollHeight);
  }, fraction);

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

    // The learned table: 5,000 entries in a list of its own that renders only the rows in view.
    const importer = await openIndicator(page, 3, "IMPORTER");
    const table = importer.getByTestId("pe-table");
    const list = table.getByTestId("pe-table-scroll");
    await importer.getByRole("heading", { name: "Entries of IMPORTER (5,000)" }).waitFor();
    expect(await importer.getByLabel("Key field 1").inputValue()).toBe("consignee.id");
    expect(await importer.getByLabel("Points for other values (optional)").inputValue()).toBe("0");
    const rendered = await table.getByTestId("pe-entry").count();
    expect(rendered).toBeGreaterThanOrEqual(8);
    expect(rendered).toBeLessThan(60);
    expect(await table.getByTestId("pe-table-range").innerText()).toMatch(/^Entries 1–\d+ of 5,000\. Up and down arrows move between entries\.$/);
    expect(await table.locator("table").getAttribute("aria-rowcount")).toBe("5001");
    // Scrolled to the end: the last entries are rendered, the first ones no longer.
    await scrollList(list, 1);
    await table.getByLabel("Key of entry 5000", { exact: true }).waitFor();
    expect(await table.getByLabel("Key of entry 5000", { exact: true }).inputValue()).toBe(importerKey(4999));
    expect(await table.getByLabel("Key of entry 1", { exact: true }).count()).toBe(0);
    await eventually(() => table.getByTestId("pe-table-range").innerText()).toMatch(/^Entries [\d,]+–5,000 of 5,000\./);
    // The arrow keys walk the list past what was rendered: up from entry 5000 to 4990, then down to 4992.
    await table.getByLabel("Key of entry 5000", { exact: true }).focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowUp");
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 4990");
    await page.keyboard.press("Tab");
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(`Points of entry 4990 (${importerKey(4989)})`);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe(`Points of entry 4992 (${importerKey(4991)})`);
    expect(await table.getByTestId("pe-entry").filter({ has: page.getByLabel(`Points of entry 4992 (${importerKey(4991)})`) }).getAttribute("aria-rowindex")).toBe("4993");

    // Sorted by points, highest first: a view only, the JSON keeps its order; the list starts again at the top.
    await table.getByLabel("Order").selectOption("pointsDesc");
    await eventually(() => table.getByTestId("pe-table-range").innerText()).toMatch(/^Entries 1–\d+ of 5,000\./);
    const top = Math.max(...Array.from({ length: ENTRIES }, (_, i) => importerPoints(i)));
    expect(Number(await table.getByTestId("pe-entry").first().locator("input").nth(1).inputValue())).toBe(top);
    expect(Object.keys(tableOf(await jsonOf(json), "IMPORTER").entries).slice(0, 2)).toEqual([importerKey(0), importerKey(1)]);
    await table.getByLabel("Order").selectOption("document");

    // Found by key and edited: the JSON changes on that entry.
    await table.getByLabel("Find an entry by key").fill("imp0432");
    expect(await table.getByTestId("pe-table-range").innerText()).toBe("Entries 1–10 of the 10 that match (5,000 in all). Up and down arrows move between entries.");
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

    // Removed: the entry goes from the JSON. (Adding cleared the filter and scrolled to the new entry.)
    expect(await table.getByLabel("Find an entry by key").inputValue()).toBe("");
    await eventually(() => table.getByTestId("pe-table-range").innerText()).toMatch(/–5,001 of 5,001\./);
    await scrollList(list, 0);
    await table.getByRole("button", { name: `Remove entry 1 (${importerKey(0)})` }).click();
    await eventually(async () => Object.keys(tableOf(await jsonOf(json), "IMPORTER").entries)).toHaveLength(5000);
    expect(await json.inputValue()).not.toContain(`"${importerKey(0)}"`);
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 1");
    await shot(page, "pf-02-learned-table");

    // Pasted from a spreadsheet into the two-field table: one column per key field, a header, a line not read.
    const hsOrigin = await openIndicator(page, 4, "HS_ORIGIN");
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

    // Points out of range in the big table; "go to the field" from the top of the list scrolls it to the row.
    await table.getByLabel("Find an entry by key").fill(importerKey(4321));
    await table.getByLabel(`Points of entry 4321 (${importerKey(4321)})`).fill("2000");
    await eventually(() => table.getByTestId("pe-entry").locator(".pe-field-errors").innerText()).toBe("must be at most 1000");
    await table.getByLabel("Find an entry by key").fill("");
    await eventually(() => table.getByLabel("Key of entry 4321").count()).toBe(0);
    await page.getByRole("button", { name: `Go to the field indicators[2].table.entries.${importerKey(4321)}` }).click();
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Key of entry 4321");
    expect(await table.getByTestId("pe-table-range").innerText()).toMatch(/^Entries (4,3[01]\d|4,32[01])–[\d,]+ of 5,000\./);
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

  test("an entry deep in a 100,000-entry table: scrolled to, edited, saved, and so given back by the API", async () => {
    const code = "PF-HUGE";
    const hugeKey = (i: number) => `HUGE${String(i).padStart(6, "0")}`;
    const hugePoints = (i: number) => (i % 50) - 10;
    const entries: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) entries[hugeKey(i)] = hugePoints(i);
    const base = fruitFromGuayaquilProfile(code, "Fruit, with a 100,000-entry table");
    const doc = { ...base, indicators: [...base.indicators, { code: "IMPORTER", label: "Importer's record", table: { key: ["consignee.id"], entries, default: 0 } }] };
    const { unit: hugeUnit, username } = await unitWithProfile(harness, doc, { activate: false, role: "analyst", name: "Ana Tablas" });
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, username);
    await page.getByRole("heading", { name: `Risk profiles — ${hugeUnit.code}` }).waitFor();
    await page.getByRole("link", { name: `Open ${code} v1` }).click();
    const importer = await openIndicator(page, 3, "IMPORTER", 30_000);
    await importer.getByRole("heading", { name: "Entries of IMPORTER (100,000)" }).waitFor({ timeout: 30_000 });
    const validation = page.getByTestId("validation");
    await eventually(() => validation.innerText()).toContain("The document is valid.");

    // Scrolled most of the way down the list: the entries there are rendered, and one is edited.
    const list = importer.getByTestId("pe-table-scroll");
    await scrollList(list, 0.87654);
    await eventually(async () => Number((await importer.getByTestId("pe-table-range").innerText()).match(/^Entries ([\d,]+)–/)![1]!.replace(/,/g, ""))).toBeGreaterThan(87_000);
    const first = Number((await importer.getByTestId("pe-table-range").innerText()).match(/^Entries ([\d,]+)–/)![1]!.replace(/,/g, ""));
    const n = first + 2;
    const cell = importer.getByLabel(`Points of entry ${n} (${hugeKey(n - 1)})`);
    expect(await cell.inputValue()).toBe(String(hugePoints(n - 1)));
    await cell.fill("33,5");
    await cell.press("Enter");
    await eventually(() => page.getByTestId("version-state").innerText()).toContain("Unsaved changes");
    await eventually(() => validation.innerText()).toContain("The document is valid.");

    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved.").waitFor({ timeout: 30_000 });
    await eventually(() => page.getByTestId("version-state").innerText()).not.toContain("Unsaved changes");
    const res = await fetch(`${harness.baseUrl}/v1/units/${hugeUnit.code}/profiles/${code}/versions/1`, { headers: { Authorization: `Bearer ${await sessionToken(page)}` } });
    expect(res.status).toBe(200);
    const stored = ((await res.json()) as { definition: { indicators: TableIndicator[] } }).definition;
    const saved = stored.indicators.find((i) => i.code === "IMPORTER")!.table.entries;
    const keys = Object.keys(saved);
    expect(keys).toHaveLength(100_000);
    // That entry alone changed, in its place; its neighbours kept their points.
    expect(keys[n - 1]).toBe(hugeKey(n - 1));
    expect(saved[hugeKey(n - 1)]).toBe(33.5);
    expect([saved[hugeKey(n - 2)], saved[hugeKey(n)]]).toEqual([hugePoints(n - 2), hugePoints(n)]);
    expect(Object.entries(saved).filter(([key, points]) => points !== hugePoints(Number(key.slice(4))))).toEqual([[hugeKey(n - 1), 33.5]]);
    await page.context().close();
  }, 180_000);

  test("the version's document is read once: opened, another screen and back, then compared with another version minutes later", async () => {
    const page = await harness.newPage();
    // The page's clock, to let minutes pass: a document read by the compare panel counts as fresh for a minute.
    await page.clock.install();
    await signIn(page, harness.baseUrl, analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
    // A second version of the profile (the first one's document), as "New draft from this version" makes it.
    const base = `${harness.baseUrl}/v1/units/${unit.code}/profiles/${CODE}`;
    const headers = { Authorization: `Bearer ${await sessionToken(page)}`, "Content-Type": "application/json" };
    const first = (await (await fetch(`${base}/versions/1`, { headers })).json()) as { definition: unknown };
    const created = await fetch(`${base}/versions`, { method: "POST", headers, body: JSON.stringify(first.definition) });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { version: number }).version).toBe(2);
    const reads: Record<string, number> = {};
    page.on("request", (request) => {
      const at = /\/profiles\/[^/]+\/versions\/(\d+)$/.exec(new URL(request.url()).pathname);
      if (request.method() === "GET" && at) reads[`v${at[1]}`] = (reads[`v${at[1]}`] ?? 0) + 1;
    });
    // The profiles list read again, with the new version.
    await page.reload();
    const nav = page.getByRole("navigation", { name: "Main" });
    await page.getByRole("link", { name: `Open ${CODE} v2` }).click();
    await page.getByRole("heading", { name: `Profile ${CODE} — version 2` }).waitFor();
    await eventually(() => page.getByTestId("validation").innerText()).toContain("The document is valid.");
    expect(reads).toEqual({ v2: 1 });

    // Another screen, and back to the editor by the profiles list: shown from the cache, not read again.
    await nav.getByRole("link", { name: "Watchlists" }).click();
    await page.getByRole("heading", { name: /^Watchlists/ }).first().waitFor();
    await nav.getByRole("link", { name: "Profiles" }).click();
    await page.getByRole("link", { name: `Open ${CODE} v2` }).click();
    await page.getByRole("heading", { name: `Profile ${CODE} — version 2` }).waitFor();
    await eventually(() => page.getByTestId("validation").innerText()).toContain("The document is valid.");
    expect(reads).toEqual({ v2: 1 });

    // Two minutes later, compared with version 1: that version is read, the open one is not read again.
    await page.clock.fastForward("02:00");
    expect(await page.getByLabel("Compare with", { exact: true }).inputValue()).toBe("1");
    await page.getByRole("button", { name: "Show the changes" }).click();
    await page.getByTestId("diff-result").getByRole("heading", { name: "Changes from version 1 to version 2" }).waitFor();
    expect(reads).toEqual({ v2: 1, v1: 1 });
    await page.context().close();
  }, 120_000);

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
