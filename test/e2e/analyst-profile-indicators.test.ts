// End to end in headless Chromium against the real app: the profile editor
// lists a profile's indicators closed, one line each (name, label, points or
// table size, condition in short), so a learned profile opens fast and its
// page stays short. An indicator opens and closes from its button, by mouse
// or keyboard (a disclosure: aria-expanded, aria-controls); a table is
// rendered only while its indicator is open. "Go to the field" in the
// validation summary opens the indicator that holds the error, then focuses
// the field (a table's row, scrolled to), and a closed indicator's summary
// counts its errors. Each condition reads as a sentence in the reader's
// language. Screenshots: test-artifacts/screenshots/pi-*.png.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axePage, axeViolations } from "./axe.js";
import type { TestUnit } from "../helpers/test-units.js";
import { eventually, fruitFromGuayaquilProfile, profileIndicator, shot, signIn, startWebHarness, unexpectedErrors, unitWithProfile, type WebHarness } from "./harness.js";
import { indicatorToggle } from "./profile-editor-steps.js";

const CODE = "PI-CLOSED";
const ENTRIES = 300;
const importerKey = (i: number) => `IMP${String(i).padStart(5, "0")}`;

function profileDoc() {
  const base = fruitFromGuayaquilProfile(CODE, "Fruit from source ports, indicators listed closed");
  const entries: Record<string, number> = {};
  for (let i = 0; i < ENTRIES; i++) entries[importerKey(i)] = ((i * 37) % 200) / 10 - 5;
  return {
    ...base,
    indicators: [
      ...base.indicators,
      { code: "IMPORTER", label: "Importer's record", table: { key: ["consignee.id"], entries, default: 0 } },
      { code: "ORIGIN", label: "Declared origin", points: 10, when: { op: "in", field: "countryOfOrigin", values: ["CO", "PE"] } },
    ],
  };
}

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  ({ unit, username: analyst } = await unitWithProfile(harness, profileDoc(), { activate: false, role: "analyst", name: "Ana Resumen" }));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** The editor of the draft, validated (a page that axe-core can be injected into). */
async function openEditor(): Promise<Page> {
  const page = await axePage(harness);
  await signIn(page, harness.baseUrl, analyst);
  await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
  await page.getByRole("link", { name: `Open ${CODE} v1` }).click();
  await page.getByRole("heading", { name: `Profile ${CODE} — version 1` }).waitFor();
  await eventually(() => page.getByTestId("validation").innerText()).toContain("The document is valid.");
  return page;
}

const summaryOf = (group: Locator) => group.locator(".pe-ind-summary").innerText();
const pageHeight = (page: Page) => page.evaluate<number>("document.documentElement.scrollHeight");
const focused = (page: Page, attribute: string) => page.evaluate(`document.activeElement?.getAttribute(${JSON.stringify(attribute)})`);

describe("analyst: a profile's indicators, closed until opened", () => {
  test("listed closed, one line each; opened and closed by mouse and keyboard; a table renders only while open", async () => {
    const page = await openEditor();
    const codes = ["SRC", "FRUIT", "IMPORTER", "ORIGIN"];
    expect(await page.getByTestId("pe-indicator").count()).toBe(4);

    // Each is a closed disclosure: its button says so and names the part it shows, which is hidden.
    for (const [i, code] of codes.entries()) {
      const toggle = indicatorToggle(page, i + 1, code);
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      const controls = await toggle.getAttribute("aria-controls");
      expect(controls).toBeTruthy();
      expect(await page.locator(`[id="${controls}"]`).count()).toBe(1);
      expect(await page.locator(`[id="${controls}"]`).isHidden()).toBe(true);
    }
    // None of their fields is on the page, nor any table or entry.
    expect(await page.getByLabel("Code", { exact: true }).count()).toBe(0);
    expect(await page.getByTestId("pe-table").count()).toBe(0);
    expect(await page.getByTestId("pe-entry").count()).toBe(0);

    // The summary: label, weight (points, or the table's size), the condition as a sentence.
    expect(await summaryOf(profileIndicator(page, 1, "SRC"))).toBe("Loaded in a source port · Points: 50 · Loaded in ECGYE");
    expect(await summaryOf(profileIndicator(page, 2, "FRUIT"))).toBe("Fresh fruit · Points: 20 · HS code starts with 0803");
    expect(await summaryOf(profileIndicator(page, 3, "IMPORTER"))).toBe("Importer's record · table of 300 entries · every shipment");
    expect(await summaryOf(profileIndicator(page, 4, "ORIGIN"))).toBe("Declared origin · Points: 10 · Country of origin is Colombia (CO) or Peru (PE)");
    // One line: the group is not much taller than its button.
    const groupBox = (await profileIndicator(page, 1, "SRC").boundingBox())!;
    const buttonBox = (await indicatorToggle(page, 1, "SRC").boundingBox())!;
    expect(groupBox.height).toBeLessThan(2 * buttonBox.height);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "pi-01-closed");
    const closedHeight = await pageHeight(page);

    // By keyboard: Enter opens a rule indicator, its fields show; Space closes it.
    const src = indicatorToggle(page, 1, "SRC");
    await src.focus();
    await page.keyboard.press("Enter");
    await eventually(() => src.getAttribute("aria-expanded")).toBe("true");
    expect(await page.locator(`[id="${await src.getAttribute("aria-controls")}"]`).isVisible()).toBe(true);
    expect(await profileIndicator(page, 1, "SRC").getByLabel("Code", { exact: true }).inputValue()).toBe("SRC");
    expect(await focused(page, "id")).toBe(await src.getAttribute("id"));
    await page.keyboard.press(" ");
    await eventually(() => src.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByLabel("Code", { exact: true }).count()).toBe(0);

    // The table indicator opened: its table and the rows in view render; closed, they go.
    const importerToggle = indicatorToggle(page, 3, "IMPORTER");
    await importerToggle.click();
    const importer = profileIndicator(page, 3, "IMPORTER");
    await importer.getByRole("heading", { name: "Entries of IMPORTER (300)" }).waitFor();
    const rendered = await importer.getByTestId("pe-entry").count();
    expect(rendered).toBeGreaterThanOrEqual(8);
    expect(rendered).toBeLessThan(60);
    expect(await importer.getByLabel("Key of entry 1", { exact: true }).inputValue()).toBe(importerKey(0));
    await shot(page, "pi-02-table-open");
    await importerToggle.click();
    await eventually(() => page.getByTestId("pe-entry").count()).toBe(0);
    expect(await page.getByTestId("pe-table").count()).toBe(0);

    // All at once, and all closed again: the page is taller with them open.
    await page.getByRole("button", { name: "Open all 4 indicators" }).click();
    for (const [i, code] of codes.entries()) await eventually(() => indicatorToggle(page, i + 1, code).getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByTestId("pe-table").count()).toBe(1);
    expect(await pageHeight(page)).toBeGreaterThan(closedHeight);
    await page.getByRole("button", { name: "Close all indicators" }).click();
    for (const [i, code] of codes.entries()) await eventually(() => indicatorToggle(page, i + 1, code).getAttribute("aria-expanded")).toBe("false");
    expect(await pageHeight(page)).toBe(closedHeight);
    await page.context().close();
  }, 120_000);

  test("go to the field opens the indicator that holds the error, then focuses the field; a closed one counts its errors", async () => {
    const page = await openEditor();
    const json = page.getByLabel("Profile document (JSON)");
    const validation = page.getByTestId("validation");
    const good = await json.inputValue();
    // Two errors typed in the JSON view: a rule's points, and an entry deep in the table.
    const bad = good.replace('"points": 20', '"points": "lots"').replace(new RegExp(`"${importerKey(234)}": [^,\\n]+`), `"${importerKey(234)}": 2000`);
    expect(bad).not.toBe(good);
    // The whole document typed at once: given time on a loaded machine.
    await json.fill(bad, { timeout: 30_000 });
    await eventually(() => validation.innerText()).toContain("indicators[1].points");
    await eventually(() => validation.innerText()).toContain(`indicators[2].table.entries.${importerKey(234)}`);
    const fruitToggle = indicatorToggle(page, 2, "FRUIT");
    const importerToggle = indicatorToggle(page, 3, "IMPORTER");
    expect(await fruitToggle.getAttribute("aria-expanded")).toBe("false");
    expect(await importerToggle.getAttribute("aria-expanded")).toBe("false");
    // Closed, each says it holds an error; the others say nothing.
    await eventually(() => profileIndicator(page, 2, "FRUIT").locator(".pe-ind-errors").innerText()).toBe("1 error");
    expect(await profileIndicator(page, 3, "IMPORTER").locator(".pe-ind-errors").innerText()).toBe("1 error");
    expect(await profileIndicator(page, 1, "SRC").locator(".pe-ind-errors").count()).toBe(0);
    await shot(page, "pi-03-errors-closed");

    // The rule's points: the indicator opens and the field, marked invalid, has the focus.
    await page.getByRole("button", { name: "Go to the field indicators[1].points" }).click();
    await eventually(() => fruitToggle.getAttribute("aria-expanded")).toBe("true");
    await eventually(() => focused(page, "id")).toBe("pf-indicators-1-points");
    expect(await profileIndicator(page, 2, "FRUIT").getByLabel("Points", { exact: true }).getAttribute("aria-invalid")).toBe("true");

    // The table's entry 235: the indicator opens, its list scrolls to the row, the row's key has the focus.
    await page.getByRole("button", { name: `Go to the field indicators[2].table.entries.${importerKey(234)}` }).click();
    await eventually(() => importerToggle.getAttribute("aria-expanded")).toBe("true");
    await eventually(() => focused(page, "aria-label")).toBe("Key of entry 235");
    const importer = profileIndicator(page, 3, "IMPORTER");
    expect(await importer.getByLabel("Key of entry 235", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await importer.getByTestId("pe-entry").filter({ has: page.getByLabel("Key of entry 235", { exact: true }) }).locator(".pe-field-errors").innerText()).toBe("must be at most 1000");
    await shot(page, "pi-04-go-to-row");

    // Closed again with the error still there, the indicator's line still counts it; "go to the field" opens it again.
    await importerToggle.click();
    expect(await importer.locator(".pe-ind-errors").innerText()).toBe("1 error");
    await page.getByRole("button", { name: `Go to the field indicators[2].table.entries.${importerKey(234)}` }).click();
    await eventually(() => focused(page, "aria-label")).toBe("Key of entry 235");

    // Fixed: valid, and no indicator counts an error.
    await json.fill(good, { timeout: 30_000 });
    await eventually(() => validation.innerText()).toContain("The document is valid.");
    expect(await page.locator(".pe-ind-errors").count()).toBe(0);

    // In Spanish: the buttons and summaries too.
    await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
    await page.getByRole("button", { name: "Indicador 4: ORIGIN", exact: true }).waitFor();
    expect(await summaryOf(page.getByRole("group", { name: "Indicador 3: IMPORTER" }))).toMatch(/^Importer's record · tabla de 300 entradas · todos los envíos$/);
    expect(await summaryOf(page.getByRole("group", { name: "Indicador 1: SRC" }))).toBe("Loaded in a source port · Puntos: 50 · Cargado en ECGYE");
    await page.getByRole("combobox", { name: /^Idioma/ }).selectOption("en");
    await page.context().close();
  }, 120_000);

  test("opened in Spanish, each condition reads as a Spanish sentence (the labels stay as the analyst wrote them)", async () => {
    const page = await openEditor();
    await page.evaluate(`localStorage.setItem('portcullis.language', 'es')`);
    await page.reload();
    await page.getByRole("button", { name: "Indicador 4: ORIGIN", exact: true }).waitFor();
    const group = (n: number, code: string) => page.getByRole("group", { name: `Indicador ${n}: ${code}` });
    expect(await summaryOf(group(1, "SRC"))).toBe("Loaded in a source port · Puntos: 50 · Cargado en ECGYE");
    expect(await summaryOf(group(2, "FRUIT"))).toBe("Fresh fruit · Puntos: 20 · Código SA empieza por 0803");
    expect(await summaryOf(group(4, "ORIGIN"))).toBe("Declared origin · Puntos: 10 · País de origen es Colombia (CO) o Perú (PE)");
    await shot(page, "pi-05-spanish-summaries");
    await page.evaluate(`localStorage.setItem('portcullis.language', 'en')`);
    await page.context().close();
  }, 120_000);

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
