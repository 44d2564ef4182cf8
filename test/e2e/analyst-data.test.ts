// End to end in headless Chromium (shared harness): an analyst's data screens.
// Watchlists: the unit's lists (SEIZURE-PARTIES filled by an officer's
// seizure shows where its entry came from), a new list created after the form
// refuses bad input (each field's problem gone as soon as that field is
// edited), an entry added, found again among more than a page of
// entries, and removed after confirming. History import: a JSON-lines file
// and a CSV file with their own column names mapped in the form (the file's
// header read in the browser), each with progress and a rejected row; bad
// choices are refused before anything is sent; the customs-declarations CSV
// preset still works as before; the unit's past manifests are imported as
// they are (manifest-jsonl, no mapping). An officer is not offered the watchlists.
// Laptop (1366×768) and tablet (820×1180) widths fit.
import { readFileSync } from "node:fs";
import request from "supertest";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { declarationLine, declarationsCsv, plantedHistory } from "../helpers/declarations-csv.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import type { TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { eventually, fitsWidth, sessionToken, shot, signIn as signInAt, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let services: TestServices;
let baseUrl: string;
let unit: TestUnit;
let feeder: TestUser;
const users = { analyst: "", officer: "" };
let seized: { id: string; container_number: string };

const signIn = (page: Page, username: string) => signInAt(page, baseUrl, username);
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const SIZES = [["laptop", 1366, 768], ["tablet", 820, 1180]] as const;

beforeAll(async () => {
  harness = await startWebHarness();
  ({ services, baseUrl } = harness);
  unit = await createUnitWithBaseline(services, "ECGYE");
  const agency = await createTestAgency(services, "EC");
  users.analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Lia Analyst");
  users.officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, "Omar Officer");
  feeder = await createTestUser(services, [{ role: "officer", unitCode: unit.code }], agency.code);

  // An officer's seizure puts the consignee on SEIZURE-PARTIES.
  const posted = await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(buildManifest(2));
  expect(posted.status).toBe(202);
  const rows = await services.pool.query<{ id: string; container_number: string }>("SELECT id, container_number FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId]);
  seized = rows.rows[0]!;
  const inspection = await request(harness.app).post(`/v1/units/${unit.code}/inspections`).set(bearer(feeder)).send({
    shipmentId: seized.id, scanned: true, physicallyExamined: true, inspectedBy: "Team 3", inspectedAt: new Date(Date.now() - 60_000).toISOString(), outcome: "seizure",
  });
  expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
  const seizure = await request(harness.app).post(`/v1/units/${unit.code}/seizures`).set(bearer(feeder)).send({
    inspectionId: inspection.body.id, commodity: "cocaine", quantity: 40, quantityUnit: "kg", concealment: "in_cargo", detectionMethod: "profile", parties: [{ shipmentRole: "consignee" }],
  });
  expect(seizure.status, JSON.stringify(seizure.body)).toBe(201);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe("analyst data screens", () => {
  test("watchlists: the unit's lists, provenance from a seizure, create a list, add, find and remove an entry", async () => {
    const page = await harness.newPage();
    await signIn(page, users.analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
    await nav(page).getByRole("link", { name: "Watchlists" }).click();
    await page.getByRole("heading", { name: `Watchlists — ${unit.code}` }).waitFor();
    const lists = page.getByTestId("watchlists");
    await eventually(() => lists.getByRole("row", { name: /SEIZURE-PARTIES/ }).innerText()).toMatch(/^SEIZURE-PARTIES\s+Parties linked to seizures\s+Parties\s+1\s+0\s+/);
    await shot(page, "ad-01-watchlists");

    // The seizure's party says where it came from, with a link to the container.
    await lists.getByRole("link", { name: "SEIZURE-PARTIES" }).click();
    await page.getByRole("heading", { name: "Watchlist SEIZURE-PARTIES" }).waitFor();
    const seizedRow = page.getByTestId("watchlist-entry").first();
    await eventually(() => seizedRow.innerText()).toMatch(/TRADE IMPORT 0 BV[\s\S]*Seizure of Cocaine, \d{1,2} \w{3} \d{4}\s+Container /);
    expect(await seizedRow.getByRole("link", { name: `Container ${seized.container_number}` }).getAttribute("href")).toBe(`/units/${unit.code}/shipments/${seized.id}`);
    await shot(page, "ad-02-seizure-parties");

    // Creating a list: empty and malformed input is named field by field; a code already used is refused by the API, next to the code.
    await page.getByRole("link", { name: "All watchlists" }).click();
    await page.getByRole("heading", { name: `Watchlists — ${unit.code}` }).waitFor();
    const code = page.getByLabel("Code", { exact: true });
    await page.getByRole("button", { name: "Create the watchlist" }).click();
    await eventually(() => page.locator(".field-error").allInnerTexts()).toEqual(["Required.", "Required.", "Required."]);
    expect(await code.getAttribute("aria-invalid")).toBe("true");
    // A field's problem goes as that field is edited; the others stay until theirs are.
    const fieldErrors = () => page.locator(".field-error").allInnerTexts();
    await code.fill("x");
    await eventually(fieldErrors).toEqual(["Required.", "Required."]);
    expect(await code.getAttribute("aria-invalid")).toBe("false");
    await page.getByLabel("Name", { exact: true }).fill("Consignees to watch");
    await eventually(fieldErrors).toEqual(["Required."]);
    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Parties" });
    await eventually(fieldErrors).toEqual([]);
    await page.getByRole("button", { name: "Create the watchlist" }).click();
    await eventually(() => page.locator("#list-code-error").innerText()).toBe("Use 2 to 64 capitals, digits, _ or -, starting with a letter or digit.");
    await code.fill("seizure-parties");
    await page.getByRole("button", { name: "Create the watchlist" }).click();
    await eventually(() => page.locator("#list-code-error").innerText()).toBe("already used by another list of this unit");
    await shot(page, "ad-03-create-errors");
    await code.fill("watch-consignees");
    await eventually(fieldErrors).toEqual([]);
    await page.getByRole("button", { name: "Create the watchlist" }).click();
    await page.getByRole("heading", { name: "Watchlist WATCH-CONSIGNEES" }).waitFor();
    await page.getByText("This list has no entries yet.").waitFor();

    // Add an entry; an end day that is not after today is refused first.
    await page.getByLabel("Value", { exact: true }).fill("Frutas del Sol S.A.");
    await page.getByLabel("Why it is listed (optional)").fill("alert AL-12 from ECGYE-2");
    await page.getByLabel("Stops matching on (optional)").fill(new Date().toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Add to the list" }).click();
    await eventually(() => page.locator("#entry-expires-error").innerText()).toBe("Choose a day after today.");
    await page.getByLabel("Stops matching on (optional)").fill("");
    await eventually(() => page.locator("#entry-expires-error").count()).toBe(0);
    await page.getByRole("button", { name: "Add to the list" }).click();
    await eventually(() => page.getByRole("status").filter({ hasText: "added" }).innerText()).toBe("Frutas del Sol S.A. added to WATCH-CONSIGNEES.");
    const frutas = page.getByTestId("watchlist-entry").filter({ hasText: "Frutas del Sol S.A." });
    await eventually(() => frutas.innerText()).toMatch(/^Frutas del Sol S\.A\.\s+matched as FRUTAS DEL SOL\s+alert AL-12 from ECGYE-2\s[\s\S]*\sNever\s+Remove$/);

    // More than a page: 56 more entries through the API; the list loads 50 at a time.
    const token = await sessionToken(page);
    const bulk = await request(harness.app).post(`/v1/units/${unit.code}/watchlists/WATCH-CONSIGNEES/entries`).set({ Authorization: `Bearer ${token}` })
      .send({ entries: Array.from({ length: 56 }, (_, i) => ({ value: `Bulk Trader ${String(i).padStart(2, "0")}` })) });
    expect(bulk.status).toBe(201);
    await page.reload();
    const count = page.locator("p.count");
    await eventually(() => count.innerText()).toBe("50 of 57 entries shown");
    await page.getByRole("button", { name: "Load more" }).click();
    await eventually(() => count.innerText()).toBe("57 of 57 entries shown");
    await eventually(() => page.getByTestId("watchlist-entry").last().innerText()).toMatch(/^Frutas del Sol/);

    // Find it again by part of its name, any case.
    await page.getByLabel("Search entries").fill("del sol");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await eventually(() => count.innerText()).toBe("1 of 1 entry shown");
    await eventually(() => page.getByTestId("watchlist-entry").count()).toBe(1);
    await shot(page, "ad-04-entry-found");

    // Remove it: cancel first, then confirm.
    await page.getByRole("button", { name: "Remove Frutas del Sol S.A." }).click();
    const confirm = page.getByRole("group", { name: "Remove Frutas del Sol S.A. from WATCH-CONSIGNEES? Profiles stop matching it at once." });
    await confirm.waitFor();
    await shot(page, "ad-05-confirm-remove");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await eventually(() => confirm.count()).toBe(0);
    expect(await page.getByTestId("watchlist-entry").count()).toBe(1);
    await page.getByRole("button", { name: "Remove Frutas del Sol S.A." }).click();
    await confirm.getByRole("button", { name: "Yes, remove" }).click();
    await eventually(() => page.getByRole("status").filter({ hasText: "removed" }).innerText()).toBe("Frutas del Sol S.A. removed from WATCH-CONSIGNEES.");
    await page.getByText("No entry matches this search.").waitFor();
    const left = await services.pool.query(
      "SELECT 1 FROM watchlist_entry e JOIN watchlist w ON w.id = e.watchlist_id WHERE w.unit_id = $1 AND w.code = 'WATCH-CONSIGNEES' AND e.value LIKE 'FRUTAS%'",
      [unit.id],
    );
    expect(left.rowCount).toBe(0);
    await page.getByRole("button", { name: "Clear" }).click();
    await eventually(() => count.innerText()).toBe("50 of 56 entries shown");

    for (const [name, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await nav(page).getByRole("link", { name: "Watchlists" }).click();
      await page.getByTestId("watchlists").waitFor();
      expect(await fitsWidth(page), `watchlists at ${name}`).toBe(true);
      await shot(page, `ad-06-watchlists-${name}`);
      await page.getByTestId("watchlists").getByRole("link", { name: "SEIZURE-PARTIES" }).click();
      await page.getByTestId("watchlist-entry").first().waitFor();
      await page.getByRole("button", { name: /^Remove TRADE IMPORT 0 BV$/ }).click();
      expect(await fitsWidth(page), `watchlist entries at ${name}`).toBe(true);
      await shot(page, `ad-07-entries-${name}`);
      await page.getByRole("button", { name: "Cancel" }).click();
    }
    await page.context().close();
  }, 90_000);

  test("history import: JSON lines and CSV with their own columns mapped in the form, progress and rejected rows", async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await signIn(page, users.analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
    await nav(page).getByRole("link", { name: "History & builds" }).click();
    await page.getByRole("heading", { name: `History and profile builds — ${unit.code}` }).waitFor();
    const problems = page.getByTestId("import-problems");
    const imports = async () => (await services.pool.query("SELECT 1 FROM history_import h JOIN control_unit u ON u.id = h.unit_id WHERE u.code = $1", [unit.code])).rowCount;

    // The default stays the customs-declarations CSV preset; a bad row planted on line 3.
    const presetLines = declarationsCsv(plantedHistory(20)).split("\n");
    presetLines.splice(2, 0, declarationLine({ id: "99999999", date: "2020-02-30" }));
    await page.getByLabel("CSV file").setInputFiles({ name: "declarations.csv", mimeType: "text/csv", buffer: Buffer.from(presetLines.join("\n")) });
    await page.getByRole("button", { name: "Upload and import" }).click();
    const counts = page.getByTestId("import-counts");
    await eventually(() => counts.innerText()).toMatch(/Rows read\s+21\s+Imported\s+20\s+Duplicates\s+0\s+Rejected\s+1/);
    await eventually(() => page.locator("#import-progress").innerText()).toBe("Finished: 100% done");
    await eventually(() => page.getByTestId("import-errors").getByRole("row", { name: /99999999/ }).innerText()).toMatch(/^3\s+99999999\s+Date: not a calendar date/);
    expect(await imports()).toBe(1);

    // JSON lines; the third record has a date that is not one.
    const jsonLines = [
      { ref: "J-1", inspected: "2021-03-01", result: "seizure", hs: "0803.90", origin: "EC", consignee: "Frutas SA", box: "MSCU1234565" },
      { ref: "J-2", inspected: "2021-03-02", result: "no", hs: "080390", origin: "EC", consignee: "Frutas SA", box: "MSCU1234565" },
      { ref: "J-3", inspected: "yesterday", result: "no", hs: "080390", origin: "EC", consignee: "Frutas SA", box: "MSCU1234565" },
      { ref: "J-4", inspected: "2021-03-04", result: "yes", hs: "080390", origin: "CO", consignee: "Otra SA", box: "MSCU1234565" },
    ].map((r) => JSON.stringify(r)).join("\n") + "\n";
    const jsonFile = { name: "history.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(jsonLines) };
    // Chosen while the format is still CSV: the form says so before anything is sent.
    await page.getByLabel("CSV file").setInputFiles(jsonFile);
    await eventually(() => problems.innerText()).toContain("The file starts with a JSON object: choose JSON lines as the format.");
    await page.getByRole("radio", { name: "JSON lines (one JSON object per line)" }).check();
    await eventually(() => problems.count()).toBe(0);
    await page.getByRole("radio", { name: "My own columns (map them below)" }).check();
    const mapping = page.getByTestId("import-mapping");
    await eventually(() => mapping.getByText(/^Columns in the file:/).innerText()).toBe("Columns in the file: ref, inspected, result, hs, origin, consignee, box");
    // Nothing mapped yet: the required fields are named, and nothing reaches the server.
    await page.getByRole("button", { name: "Upload and import" }).click();
    await eventually(() => problems.getByRole("listitem").allInnerTexts()).toEqual([
      "Record id: choose the column that holds it.",
      "Date (YYYY-MM-DD): choose the column that holds it.",
      "Inspection outcome: choose the column that holds it.",
    ]);
    expect(await page.locator("#map-externalRef-error").innerText()).toBe("Choose the column that holds this field.");
    await shot(page, "ad-10-mapping-errors");
    expect(await imports()).toBe(1);
    await page.getByLabel("Record id (required)").selectOption("ref");
    await page.getByLabel("Date (YYYY-MM-DD) (required)").selectOption("inspected");
    await page.getByLabel("Inspection outcome (required)").selectOption("result");
    await page.getByLabel("HS code", { exact: true }).selectOption("hs");
    await page.getByLabel("Country of origin", { exact: true }).selectOption("origin");
    await page.getByLabel("Consignee name", { exact: true }).selectOption("consignee");
    await page.getByLabel("Container number", { exact: true }).selectOption("box");
    await eventually(() => problems.count()).toBe(0);
    await page.getByRole("button", { name: "Upload and import" }).click();
    await eventually(() => counts.innerText()).toMatch(/Rows read\s+4\s+Imported\s+3\s+Duplicates\s+0\s+Rejected\s+1/);
    await eventually(() => page.locator("#import-progress").innerText()).toBe("Finished: 100% done");
    expect(await page.getByRole("progressbar", { name: "Finished: 100% done" }).getAttribute("value")).toBe("1");
    await eventually(() => page.getByTestId("import-errors").getByRole("row", { name: /J-3/ }).innerText()).toMatch(/^3\s+J-3\s+inspected: not an ISO date YYYY-MM-DD \("yesterday"\)/);
    await shot(page, "ad-11-jsonl-imported");

    // CSV with other column names: the preset refuses it in the browser, a mapping takes it.
    const csv = [
      "Case No,Checked On,Finding,Tariff,Origin Country,Importer",
      "K-1,2021-04-01,yes,080390,EC,Bananera SA",
      "K-2,2021-04-02,no,080390,EC,Bananera SA",
      "K-3,2021-04-03,maybe,080390,EC,Bananera SA",
      "K-4,2021-04-04,nothing_found,0803,PE,Bananera SA",
      "K-5,2021-04-05,seizure,080390,EC,Bananera SA",
    ].join("\r\n") + "\r\n";
    await page.getByRole("radio", { name: "CSV (first line: column names)" }).check();
    await page.getByRole("radio", { name: "Customs-declarations preset" }).check();
    await page.getByLabel("CSV file").setInputFiles({ name: "inspections-2021.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await eventually(() => problems.innerText()).toMatch(/The file lacks these customs-declarations columns: Declaration ID, Date, .*Critical Fraud\./);
    expect(await imports()).toBe(2);
    await page.getByRole("radio", { name: "My own columns (map them below)" }).check();
    await eventually(() => mapping.getByText(/^Columns in the file:/).innerText()).toBe("Columns in the file: Case No, Checked On, Finding, Tariff, Origin Country, Importer");
    // The JSON file's choices are gone with its columns: the required fields must be chosen again.
    await eventually(() => page.getByLabel("Record id (required)").inputValue()).toBe("");
    await page.getByLabel("Record id (required)").selectOption("Case No");
    await page.getByLabel("Date (YYYY-MM-DD) (required)").selectOption("Checked On");
    await page.getByLabel("Inspection outcome (required)").selectOption("Finding");
    await page.getByLabel("HS code", { exact: true }).selectOption("Tariff");
    await page.getByLabel("Country of origin", { exact: true }).selectOption("Origin Country");
    await page.getByLabel("Consignee name", { exact: true }).selectOption("Importer");
    await page.getByRole("button", { name: "Upload and import" }).click();
    await eventually(() => counts.innerText()).toMatch(/Rows read\s+5\s+Imported\s+4\s+Duplicates\s+0\s+Rejected\s+1/);
    await eventually(() => page.locator("#import-progress").innerText()).toBe("Finished: 100% done");
    await eventually(() => page.getByTestId("import-errors").getByRole("row", { name: /K-3/ }).innerText()).toMatch(/^4\s+K-3\s+Finding: not an outcome \("maybe"\)/);
    await shot(page, "ad-12-csv-mapped-imported");
    // The mapping the server kept is the one chosen in the form.
    const stored = await services.pool.query<{ format: string; mapping: unknown }>(
      "SELECT h.format, h.mapping FROM history_import h JOIN control_unit u ON u.id = h.unit_id WHERE u.code = $1 AND h.file_name = 'inspections-2021.csv'",
      [unit.code],
    );
    expect(stored.rows).toEqual([
      { format: "custom", mapping: { externalRef: "Case No", date: "Checked On", outcome: "Finding", hsCode: "Tariff", countryOfOrigin: "Origin Country", consigneeName: "Importer" } },
    ]);

    for (const [name, width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      expect(await fitsWidth(page), `history import with a mapping at ${name}`).toBe(true);
      await shot(page, `ad-13-import-mapping-${name}`);
    }

    // The unit's past manifests as they are (manifest-jsonl): JSON lines only, no mapping to fill.
    await page.getByRole("radio", { name: "Manifest contract lines (manifest-jsonl, JSON lines only)" }).check();
    expect(await page.getByRole("radio", { name: "JSON lines (one JSON object per line)" }).isChecked()).toBe(true);
    expect(await mapping.count()).toBe(0);
    await page.getByText(/^One shipment per line, as in a manifest/).waitFor();
    const pastManifests = readFileSync(new URL("../../fixtures/contract/history.example.jsonl", import.meta.url));
    await page.getByLabel("JSON lines file").setInputFiles({ name: "past-manifests.jsonl", mimeType: "application/x-ndjson", buffer: pastManifests });
    await page.getByRole("button", { name: "Upload and import" }).click();
    await eventually(() => counts.innerText()).toMatch(/Rows read\s+2\s+Imported\s+2\s+Duplicates\s+0\s+Rejected\s+0/);
    await shot(page, "ad-14-manifest-lines-imported");
    await page.context().close();
  }, 90_000);

  test("an officer is not offered the watchlists", async () => {
    const page = await harness.newPage();
    await signIn(page, users.officer);
    await page.getByRole("heading", { name: `Flagged containers — ${unit.code}` }).waitFor();
    await eventually(() => nav(page).getByRole("link").allInnerTexts()).toContain("Queue");
    expect(await nav(page).getByRole("link").allInnerTexts()).not.toContain("Watchlists");
    await page.goto(`${baseUrl}/units/${unit.code}/watchlists`);
    await eventually(() => page.getByRole("alert").innerText()).toContain("This page does not exist.");
    await page.context().close();
  });

  test("no script, CSP or rendering error in the browser console", () => {
    const errors = unexpectedErrors(harness.browserErrors);
    // The browser logs the one refused duplicate list code (409), which the form showed; nothing else.
    const conflict = (e: string) => /409 \(Conflict\)/.test(e);
    expect(errors.filter(conflict)).toHaveLength(1);
    expect(errors.filter((e) => !conflict(e))).toEqual([]);
  });
});
