// Three reviewer findings in headless Chromium. The activation dialog states
// what the draft should select: with no back-test of the version as it is
// now it says so and offers to run one (the back-test section runs it), and
// afterwards it gives the selection rate and precision of that back-test, in
// English and Spanish, read alone: the version's document is not read again. The admin's grant-role form chooses no role: it names
// the user and role still to choose, then an officer's unit, before sending.
// The officer's seizure form chooses no unit of quantity.
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../core/admin/manage-users.js";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { insertSeaHistory } from "../helpers/sea-history.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { eventually, PASSWORD, postScoredManifest, sessionToken, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let agencyCode: string;
let analyst: string;
let officer: string;
let adminName: string;
let feeder: TestUser;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "BEANR");
  await installBaselineProfiles(harness.services, unit.id, "test");
  agencyCode = (await createTestAgency(harness.services, "BE")).code;
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agencyCode, "analyst.expected");
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agencyCode, "officer.choices");
  feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }], agencyCode);
  adminName = `admin.${Math.random().toString(36).slice(2, 8)}`;
  await createUser(harness.services, { username: adminName, displayName: "Ada Admin", agencyCode, memberships: [{ role: "admin" }], password: PASSWORD }, { name: "e2e-setup" });
  const outcomes = ["seizure", "nothing_found", "seizure", "nothing_found", "nothing_found", "nothing_found", "nothing_found", "seizure"] as const;
  await insertSeaHistory(harness.services, unit.id, outcomes);
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

const count = async (sql: string, values: unknown[]) => (await harness.services.pool.query<{ n: number }>(sql, values)).rows[0]!.n;
const focusedText = (page: Page) => page.evaluate<string>("document.activeElement ? document.activeElement.textContent.trim() : ''");

describe("the activation dialog states what the draft should select", () => {
  test("no back-test yet: it says so and runs one; then it gives that back-test's selection rate and precision, in English and Spanish", async () => {
    const page = await harness.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, harness.baseUrl, analyst);
    await eventually(() => sessionToken(page)).not.toBe("");
    // A draft that selects from 30 points: the boxes loaded at Guayaquil (source route and generic description) are selected.
    const auth = { Authorization: `Bearer ${await sessionToken(page)}` };
    const v1 = await request(harness.app).get(`/v1/units/${unit.code}/profiles/BASELINE-SEA/versions/1`).set(auth);
    const definition = v1.body.definition as { thresholds: Record<string, number> };
    const draft = await request(harness.app).post(`/v1/units/${unit.code}/profiles/BASELINE-SEA/versions`).set(auth).send({ ...definition, thresholds: { ...definition.thresholds, select: 30 } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.version).toBe(2);
    // The version's document is read once (issue 17): a finished back-test reads the dialog's figures alone, not the document again.
    const reads = { document: 0, latest: 0 };
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() !== "GET") return;
      if (/^\/v1\/units\/[^/]+\/profiles\/BASELINE-SEA\/versions\/2$/.test(path)) reads.document += 1;
      if (/^\/v1\/units\/[^/]+\/profiles\/BASELINE-SEA\/versions\/2\/latest-backtest$/.test(path)) reads.latest += 1;
    });
    await page.goto(`${harness.baseUrl}/units/${unit.code}/profiles/BASELINE-SEA/versions/2`);
    await page.getByRole("heading", { name: "Profile BASELINE-SEA — version 2" }).waitFor();

    const activate = page.getByRole("button", { name: "Activate this version" });
    await activate.click();
    const dialog = page.getByRole("alertdialog", { name: "Make version 2 of BASELINE-SEA live?" });
    const expected = dialog.getByTestId("activate-expected");
    await eventually(() => expected.innerText()).toContain(
      "Version 2 has not been back-tested as it is now: the share of containers above its threshold, and how many of them would be hits, is not known.",
    );
    await shot(page, "ex-01-activate-no-backtest");
    await dialog.getByRole("button", { name: "Run a back-test first" }).click();
    await eventually(() => dialog.count()).toBe(0);
    // The back-test section has focus and its back-test runs; nothing was activated.
    expect(await focusedText(page)).toBe("Back-test on inspected history");
    await page.getByTestId("backtest-result").waitFor();
    expect(await count("SELECT count(*)::int AS n FROM analysis_job WHERE unit_id = $1 AND kind = 'backtest'", [unit.id])).toBe(1);
    const states = await harness.services.pool.query<{ version: number; status: string }>(
      "SELECT v.version, v.status::text AS status FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND p.code = 'BASELINE-SEA' ORDER BY v.version",
      [unit.id],
    );
    expect(states.rows).toEqual([{ version: 1, status: "active" }, { version: 2, status: "draft" }]);
    // The figures were read again, alone: the document was read once, when the editor opened.
    await eventually(() => Promise.resolve(reads.latest)).toBe(2);
    expect(reads.document).toBe(1);

    // The figures the dialog gives are those of that back-test, over every record (a hand-written draft).
    const detail = await request(harness.app).get(`/v1/units/${unit.code}/profiles/BASELINE-SEA/versions/2/latest-backtest`).set(auth);
    const latest = detail.body.latestBacktest as { basis: string; records: number; selected: number; selectionRate: number; precision: number | null };
    expect(latest).toMatchObject({ basis: "notBuilt", records: 8 });
    expect(latest.selected).toBeGreaterThan(0);
    expect(latest.precision).toBeGreaterThan(0);
    // As the screen writes a share, as a pattern (any space may be a no-break one).
    const percent = (locale: string, x: number | null) =>
      (x === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(x)).replace(/[.]/g, "\\.").replace(/\s/g, "\\s");
    await activate.click();
    await eventually(() => expected.innerText()).toMatch(
      new RegExp(`^Expected from the latest back-test \\(.+\\), on 8 records of the unit's history: ${percent("en-GB", latest.selectionRate)} of containers would be above its threshold, with a precision of ${percent("en-GB", latest.precision)}\\.$`),
    );
    expect(await dialog.getByRole("button", { name: "Run a back-test first" }).count()).toBe(0);
    await shot(page, "ex-02-activate-expected");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("button", { name: "Activar esta versión" }).click();
    const dialogEs = page.getByRole("alertdialog", { name: "¿Poner en vigor la versión 2 de BASELINE-SEA?" });
    await eventually(() => dialogEs.getByTestId("activate-expected").innerText()).toMatch(
      new RegExp(`^Según la última prueba retrospectiva \\(.+\\), sobre 8 registros del historial de la unidad: el ${percent("es", latest.selectionRate)} de los contenedores quedaría por encima de su umbral`),
    );
    await dialogEs.getByRole("button", { name: "Cancelar" }).click();
    // Opening the dialog again read nothing more.
    expect(reads).toEqual({ document: 1, latest: 2 });
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
    await page.context().close();
  }, 180_000);
});

describe("forms choose nothing", () => {
  test("granting a role: the user and the role are to choose, then an officer's unit, before anything is sent", async () => {
    const grantee = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agencyCode, "grantee");
    const granteeId = (await harness.services.pool.query<{ id: string }>("SELECT id FROM app_user WHERE username = $1", [grantee])).rows[0]!.id;
    const memberships = () => count("SELECT count(*)::int AS n FROM membership WHERE user_id = $1", [granteeId]);
    const before = await memberships();
    const page = await harness.newPage({ width: 1366, height: 768 });
    await signIn(page, harness.baseUrl, adminName);
    await page.waitForURL(`${harness.baseUrl}/admin`);
    await page.goto(`${harness.baseUrl}/admin/roles`);
    const form = page.getByRole("form", { name: "Grant a role" });
    await form.waitFor();
    expect(await form.getByLabel("Role", { exact: true }).inputValue()).toBe("");
    expect(await form.getByLabel("User name", { exact: true }).inputValue()).toBe("");
    await form.getByRole("button", { name: "Grant", exact: true }).click();
    for (const field of ["User name", "Role"]) {
      const control = form.getByLabel(field, { exact: true });
      await eventually(() => control.getAttribute("aria-invalid")).toBe("true");
      const described = (await control.getAttribute("aria-describedby"))!.split(" ").pop()!;
      expect(await page.locator(`[id="${described}"]`).innerText()).toBe("Choose one.");
    }
    await form.getByLabel("User name", { exact: true }).selectOption({ label: grantee });
    await form.getByLabel("Role", { exact: true }).selectOption("analyst");
    await form.getByRole("button", { name: "Grant", exact: true }).click();
    await form.getByText("Choose the unit: an officer or an analyst works in one unit.").waitFor();
    expect(await form.getByLabel("Unit", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await shot(page, "ex-03-grant-role-refused");
    expect(await memberships()).toBe(before);
    await form.getByLabel("Unit", { exact: true }).selectOption(unit.code);
    await form.getByRole("button", { name: "Grant", exact: true }).click();
    await page.getByText(`${grantee} now holds analyst ${unit.code}.`).waitFor();
    expect(await memberships()).toBe(before + 1);
    // The form starts afresh: nothing chosen again.
    expect(await form.getByLabel("Role", { exact: true }).inputValue()).toBe("");
    await page.context().close();
  });

  test("a seizure's unit of quantity is not chosen for the officer: refused until chosen, then stored as chosen", async () => {
    const manifestId = await postScoredManifest(harness, unit, feeder, 1);
    const listed = await request(harness.app).get(`/v1/units/${unit.code}/shipments?manifestId=${manifestId}&limit=5`).set(bearer(feeder));
    const item = (listed.body.items as { id: string; containerNumber: string }[])[0]!;
    const inspection = await request(harness.app).post(`/v1/units/${unit.code}/inspections`).set(bearer(feeder)).send({
      shipmentId: item.id, scanned: true, physicallyExamined: true, inspectedBy: "Otto", inspectedAt: new Date(Date.now() - 3_600_000).toISOString(), outcome: "seizure",
    });
    expect(inspection.status).toBe(201);
    const page = await harness.newPage({ width: 1366, height: 768 });
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
    await page.goto(`${harness.baseUrl}/units/${unit.code}/shipments/${item.id}`);
    await page.getByRole("heading", { name: `Container ${item.containerNumber}` }).waitFor({ timeout: 30_000 });
    const form = page.getByRole("form", { name: "Record a seizure" });
    const unitField = form.getByLabel("Unit of quantity");
    expect(await unitField.inputValue()).toBe("");
    await form.getByLabel("Commodity").selectOption("precursors");
    await form.getByLabel("Quantity", { exact: true }).fill("200");
    await form.getByLabel("Concealment").selectOption("in_cargo");
    await form.getByLabel("Detection method").selectOption("scanner");
    await form.getByRole("button", { name: "Record a seizure" }).click();
    await eventually(() => unitField.getAttribute("aria-invalid")).toBe("true");
    const described = (await unitField.getAttribute("aria-describedby"))!;
    expect(await page.locator(`[id="${described}"]`).innerText()).toBe("Choose one.");
    expect(await form.getByTestId("field-error").count()).toBe(1);
    await shot(page, "ex-04-seizure-unit-refused");
    expect(await count("SELECT count(*)::int AS n FROM seizure WHERE shipment_id = $1", [item.id])).toBe(0);
    await unitField.selectOption("l");
    await form.getByRole("button", { name: "Record a seizure" }).click();
    await page.getByTestId("seizure").first().waitFor();
    const stored = await harness.services.pool.query<{ quantity_unit: string }>("SELECT quantity_unit FROM seizure WHERE shipment_id = $1", [item.id]);
    expect(stored.rows).toEqual([{ quantity_unit: "l" }]);
    await page.context().close();
  });
});
