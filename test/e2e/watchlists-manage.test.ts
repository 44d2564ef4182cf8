// End to end in headless Chromium (shared harness): an analyst manages the
// unit's watchlists. Renames a list (its code stays), pastes many values with
// one line the service cannot list (nothing is added, the line is named), then
// the fixed paste; edits an entry's reason and end date; tries to delete a
// list a draft profile uses (refused, the profile named and linked); deletes an
// unused list; the seizures' list offers no delete. Tablet width fits. In
// Spanish, an entry is edited from the keyboard in its row's detail on the
// shared DataTable, and axe-core finds nothing with the detail open.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProfile } from "../../core/profiles/install-profile.js";
import type { TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { createTestAgency } from "../helpers/test-users.js";
import { axePage, axeViolations } from "./axe.js";
import { eventually, fitsWidth, PASSWORD, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let services: TestServices;
let unit: TestUnit;
let analyst: string;

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const listId = async (code: string) =>
  (await services.pool.query<{ id: string; name: string }>("SELECT id, name FROM watchlist WHERE unit_id = $1 AND code = $2", [unit.id, code])).rows[0];
const entriesOf = async (code: string) =>
  (
    await services.pool.query<{ display: string; provenance: string | null; expires_at: Date | null }>(
      "SELECT e.display, e.provenance, e.expires_at FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id WHERE w.unit_id = $1 AND w.code = $2 ORDER BY e.value",
      [unit.id, code],
    )
  ).rows;
/** The text of an element, one line per block, without the blank lines paragraphs leave. */
const lines = async (element: Locator) => (await element.innerText()).replace(/\n+/g, "\n").trim();
const dayAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  harness = await startWebHarness();
  services = harness.services;
  unit = await createUnitWithBaseline(services, "ECGYE");
  const agency = await createTestAgency(services, "EC");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Wendy Watchlists");
  // Two lists: one a draft profile names with inList, one nobody uses; and the list seizures feed.
  await services.pool.query(
    `INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES
       (gen_random_uuid(), $1, 'WATCH-CONSIGNEES', 'Consignees', 'party'),
       (gen_random_uuid(), $1, 'OLD-PORTS', 'Ports of 2019', 'port'),
       (gen_random_uuid(), $1, 'SEIZURE-PARTIES', 'Parties linked to seizures', 'party')`,
    [unit.id],
  );
  await services.pool.query(
    `INSERT INTO watchlist_entry (id, watchlist_id, value, display, provenance)
     SELECT gen_random_uuid(), w.id, v, v, 'report 2019' FROM watchlist w, unnest(ARRAY['PAONX', 'VECBL']) AS v WHERE w.unit_id = $1 AND w.code = 'OLD-PORTS'`,
    [unit.id],
  );
  await installProfile(
    services,
    unit.id,
    {
      language: "portcullis/profile@1",
      code: "WATCHED-CONSIGNEES",
      name: "Watched consignees",
      target: { kind: "commodity", commodity: "cocaine" },
      thresholds: { high: 60, medium: 40, low: 20 },
      indicators: [{ code: "WATCH", label: "Consignee on the watchlist", points: 60, when: { op: "inList", field: "consignee.name", list: "WATCH-CONSIGNEES" } }],
    },
    { activate: false, createdBy: "e2e-setup" },
  );
});
afterAll(async () => harness?.close());

describe("managing watchlists", () => {
  test("rename, paste many with an error line, edit an entry, delete refused while a profile uses the list, delete an unused list", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
    await nav(page).getByRole("link", { name: "Watchlists" }).click();
    const lists = page.getByTestId("watchlists");
    // Who uses each list is in the table before anyone tries to delete one.
    await eventually(() => lists.getByRole("row", { name: /WATCH-CONSIGNEES/ }).innerText()).toMatch(/^WATCH-CONSIGNEES\s+Consignees\s+Parties\s+0\s+0\s+.+\s+WATCHED-CONSIGNEES v1 \(Draft\)$/);
    expect(await lists.getByRole("row", { name: /OLD-PORTS/ }).innerText()).toMatch(/\s+2\s+0\s+.+\s+—$/);
    expect(await lists.getByRole("row", { name: /SEIZURE-PARTIES/ }).innerText()).toMatch(/\sFed by seizures$/);
    await shot(page, "wm-01-lists");

    // Rename: the name changes, the code profiles use stays.
    await lists.getByRole("link", { name: "WATCH-CONSIGNEES" }).click();
    await page.getByRole("heading", { name: "Watchlist WATCH-CONSIGNEES" }).waitFor();
    await page.getByRole("button", { name: "Rename the list" }).click();
    const newName = page.getByLabel("New name", { exact: true });
    expect(await newName.inputValue()).toBe("Consignees");
    await newName.fill(" ");
    await page.getByRole("button", { name: "Save the name" }).click();
    await eventually(() => page.locator("#rename-name-error").innerText()).toBe("Required.");
    await newName.fill("Consignees under review");
    await page.getByRole("button", { name: "Save the name" }).click();
    await eventually(() => page.getByRole("status").filter({ hasText: "now called" }).innerText()).toBe("The list is now called Consignees under review.");
    await eventually(() => page.locator("p.meta").first().innerText()).toBe("Consignees under review · Parties");
    expect((await listId("WATCH-CONSIGNEES"))?.name).toBe("Consignees under review");
    await shot(page, "wm-02-renamed");

    // Paste many: line 3 leaves nothing to match; nothing is added and the line is named.
    await page.getByRole("button", { name: "Paste many values" }).click();
    const values = page.getByLabel("Values, one a line", { exact: true });
    await values.fill("Frutas del Sol S.A.\n\n---\nAgro Export Ltda\nFrutas del Sol SA\nBanana Trading Co");
    await eventually(() => page.getByText(/^Values: \d+$/).innerText()).toBe("Values: 5");
    await page.getByLabel("Why these are listed (optional)").fill("intel report 2026/7");
    await page.getByRole("button", { name: "Add all values" }).click();
    const problems = page.getByTestId("paste-problems");
    await eventually(() => lines(problems)).toBe("Nothing was added. Lines that cannot go on this list (1):\nLine 3: --- — nothing left to match after normalisation");
    expect(await values.getAttribute("aria-invalid")).toBe("true");
    expect(await entriesOf("WATCH-CONSIGNEES")).toEqual([]);
    await shot(page, "wm-03-paste-refused");
    await values.fill("Frutas del Sol S.A.\n\nOcean Fruit Ltd\nAgro Export Ltda\nFrutas del Sol SA\nBanana Trading Co");
    await page.getByRole("button", { name: "Add all values" }).click();
    await eventually(() => page.getByRole("status").filter({ hasText: "added" }).innerText()).toBe(
      "Added: 4. Already listed, reason and end date updated: 0. Repeated lines skipped: 1.",
    );
    await eventually(() => page.locator("p.count").innerText()).toBe("4 of 4 entries shown");
    expect((await entriesOf("WATCH-CONSIGNEES")).map((e) => [e.display, e.provenance])).toEqual([
      ["Agro Export Ltda", "intel report 2026/7"],
      ["Banana Trading Co", "intel report 2026/7"],
      ["Frutas del Sol S.A.", "intel report 2026/7"],
      ["Ocean Fruit Ltd", "intel report 2026/7"],
    ]);
    expect(await page.getByLabel("Values, one a line").count()).toBe(0);

    // Edit an entry: a past end day is refused first; then reason and end day saved.
    await page.getByRole("button", { name: "Edit reason and end date of Agro Export Ltda" }).click();
    const reason = page.getByLabel("Reason", { exact: true });
    expect(await reason.inputValue()).toBe("intel report 2026/7");
    await reason.fill("case 2026/114");
    const end = page.getByLabel("Stops matching on", { exact: true });
    await end.fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Save changes" }).click();
    await eventually(() => page.locator("#edit-expires-error").innerText()).toBe("Choose a day after today.");
    await shot(page, "wm-04-edit-entry");
    const endDay = dayAfter(30);
    await end.fill(endDay);
    // The end day's problem goes as the day is changed, before it is saved.
    await eventually(() => page.locator("#edit-expires-error").count()).toBe(0);
    expect(await end.getAttribute("aria-invalid")).toBe("false");
    await page.getByRole("button", { name: "Save changes" }).click();
    await eventually(() => page.getByRole("status").filter({ hasText: "saved" }).innerText()).toBe("Changes to Agro Export Ltda saved.");
    const agro = page.getByTestId("watchlist-entry").filter({ hasText: "Agro Export Ltda" });
    await eventually(() => agro.innerText()).toMatch(/^Agro Export Ltda\s+matched as AGRO EXPORT\s+case 2026\/114\s+Edit\s[\s\S]*\s\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}\s+Remove$/);
    const edited = (await entriesOf("WATCH-CONSIGNEES")).find((e) => e.display === "Agro Export Ltda")!;
    expect(edited.provenance).toBe("case 2026/114");
    expect(edited.expires_at?.toISOString()).toBe(`${endDay}T00:00:00.000Z`);
    const audit = await services.pool.query<{ action: string; actor_name: string }>(
      "SELECT action, actor_name FROM audit_event WHERE unit_id = $1 AND action LIKE 'watchlist.%' ORDER BY id",
      [unit.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["watchlist.renamed", "watchlist.entries_added", "watchlist.entry_updated"]);
    expect(new Set(audit.rows.map((r) => r.actor_name))).toEqual(new Set([analyst]));

    // Delete: refused while the draft profile uses the list, which is named and linked.
    await page.getByRole("button", { name: "Delete the list" }).click();
    await page.getByRole("group", { name: "Delete WATCH-CONSIGNEES and all its entries? This cannot be undone." }).waitFor();
    await page.getByRole("button", { name: "Yes, delete the list" }).click();
    const refused = page.getByTestId("delete-refused");
    await eventually(() => lines(refused)).toBe(
      "WATCH-CONSIGNEES was not deleted: profile versions use it. Change or retire them first.\nProfile versions that use this list with inList:\nWATCHED-CONSIGNEES v1 (Draft)",
    );
    expect(await listId("WATCH-CONSIGNEES")).toBeDefined();
    expect(await entriesOf("WATCH-CONSIGNEES")).toHaveLength(4);
    await shot(page, "wm-05-delete-refused");
    await refused.getByRole("link", { name: "WATCHED-CONSIGNEES v1 (Draft)" }).click();
    await page.getByRole("heading", { name: "Profile WATCHED-CONSIGNEES — version 1" }).waitFor();

    // The seizures' list can be renamed but offers no delete.
    await nav(page).getByRole("link", { name: "Watchlists" }).click();
    await lists.getByRole("link", { name: "SEIZURE-PARTIES" }).click();
    await page.getByRole("heading", { name: "Watchlist SEIZURE-PARTIES" }).waitFor();
    await page.getByText("The parties of every recorded seizure are added to this list: it can be renamed but not deleted.").waitFor();
    expect(await page.getByRole("button", { name: "Rename the list" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Delete the list" }).count()).toBe(0);

    // An unused list goes, with its entries: back on the lists, a notice says so.
    await page.getByRole("link", { name: "All watchlists" }).click();
    await lists.getByRole("link", { name: "OLD-PORTS" }).click();
    await page.getByRole("heading", { name: "Watchlist OLD-PORTS" }).waitFor();
    await page.getByText("No draft or active profile version uses this list.").waitFor();
    await page.getByRole("button", { name: "Delete the list" }).click();
    // Cancel first: nothing happens.
    await page.getByRole("group", { name: /^Delete OLD-PORTS/ }).getByRole("button", { name: "Cancel" }).click();
    await eventually(() => page.getByRole("group", { name: /^Delete OLD-PORTS/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Delete the list" }).click();
    await page.getByRole("button", { name: "Yes, delete the list" }).click();
    await page.getByRole("heading", { name: `Watchlists — ${unit.code}` }).waitFor();
    await eventually(() => page.getByRole("status").filter({ hasText: "deleted" }).innerText()).toBe("Watchlist OLD-PORTS was deleted, with its entries (2).");
    await eventually(() => lists.getByRole("link").allInnerTexts()).not.toContain("OLD-PORTS");
    expect(await listId("OLD-PORTS")).toBeUndefined();
    expect(await entriesOf("OLD-PORTS")).toEqual([]);
    await shot(page, "wm-06-deleted");

    // Tablet: the lists and a list with an entry being edited fit the width.
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await fitsWidth(page), "watchlists at tablet width").toBe(true);
    await lists.getByRole("link", { name: "WATCH-CONSIGNEES" }).click();
    await page.getByRole("button", { name: "Edit reason and end date of Ocean Fruit Ltd" }).click();
    await page.getByRole("button", { name: "Paste many values" }).click();
    await page.getByLabel("Reason", { exact: true }).waitFor();
    expect(await fitsWidth(page), "a watchlist at tablet width").toBe(true);
    await shot(page, "wm-07-tablet");
    // Cancel gives the focus back to the entry's Edit button.
    await page.getByRole("row").filter({ has: page.getByLabel("Reason", { exact: true }) }).getByRole("button", { name: "Cancel" }).click();
    await eventually(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Edit reason and end date of Ocean Fruit Ltd");
    await page.context().close();
  }, 90_000);

  test("in Spanish, an entry is edited from the keyboard in its row's detail, which axe-core passes", async () => {
    const page = await axePage(harness);
    await page.addInitScript("localStorage.setItem('portcullis.language', 'es')");
    await page.goto(`${harness.baseUrl}/`);
    await page.getByLabel("Nombre de usuario").fill(analyst);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Listas de vigilancia" }).click();
    await page.getByTestId("watchlists").getByRole("link", { name: "WATCH-CONSIGNEES" }).click();
    await page.getByRole("heading", { name: "Lista de vigilancia WATCH-CONSIGNEES" }).waitFor();
    const table = page.getByTestId("watchlist-entries");
    await eventually(() => table.getByTestId("watchlist-entry").count()).toBe(4);
    // The shared DataTable, its headers in Spanish.
    expect(await table.getAttribute("class")).toContain("data-table");
    expect(await table.locator("thead th").allInnerTexts()).toEqual(["Entrada", "De dónde viene", "Añadida", "Deja de coincidir", "Acciones"]);

    // Enter on the entry's Edit button opens its detail: the button says so and names the detail's cell, which
    // sits in the row right under the entry's and holds the form, its first field focused.
    const edit = page.getByRole("button", { name: "Editar el motivo y la fecha de fin de Banana Trading Co" });
    expect(await edit.getAttribute("aria-expanded")).toBe("false");
    await edit.focus();
    await page.keyboard.press("Enter");
    await eventually(() => edit.getAttribute("aria-expanded")).toBe("true");
    const detailId = (await edit.getAttribute("aria-controls"))!;
    expect(detailId).toBeTruthy();
    const detail = page.locator(`[id="${detailId}"]`);
    const placed = `(() => { const cell = document.getElementById(${JSON.stringify(detailId)}); const entry = cell.parentElement.previousElementSibling;
      return [cell.tagName, cell.getAttribute("colspan"), entry.getAttribute("data-testid"), entry.textContent.startsWith("Banana Trading Co")]; })()`;
    expect(await page.evaluate(placed)).toEqual(["TD", "5", "watchlist-entry", true]);
    await eventually(() => page.evaluate("document.activeElement?.closest('td')?.id")).toBe(detailId);
    const reason = detail.getByLabel("Motivo", { exact: true });
    expect(await page.evaluate("document.activeElement?.getAttribute('id')")).toBe(await reason.getAttribute("id"));
    expect(await axeViolations(page), "a watchlist with an entry's edit detail open").toEqual([]);
    await shot(page, "wm-08-edit-detail-es");

    // Typed and saved with Enter: the detail closes, the row shows the new reason, the notice is in Spanish.
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("caso 2026/200");
    await page.keyboard.press("Enter");
    await eventually(() => page.getByRole("status").filter({ hasText: "guardados" }).innerText()).toBe("Cambios en Banana Trading Co guardados.");
    expect(await page.locator(`[id="${detailId}"]`).count()).toBe(0);
    expect(await edit.getAttribute("aria-expanded")).toBe("false");
    await eventually(() => table.getByTestId("watchlist-entry").filter({ hasText: "Banana Trading Co" }).innerText()).toContain("caso 2026/200");
    expect((await entriesOf("WATCH-CONSIGNEES")).find((e) => e.display === "Banana Trading Co")?.provenance).toBe("caso 2026/200");
    expect(await axeViolations(page), "a watchlist in Spanish").toEqual([]);
    await page.context().close();
  }, 90_000);

  test("no script, CSP or rendering error in the browser console", () => {
    const errors = unexpectedErrors(harness.browserErrors);
    // The browser logs the refused paste (400) and the refused deletion (409), both shown on the page; nothing else.
    const refused = (e: string) => /(400 \(Bad Request\)|409 \(Conflict\))/.test(e);
    expect(errors.filter(refused)).toHaveLength(2);
    expect(errors.filter((e) => !refused(e))).toEqual([]);
  });
});
