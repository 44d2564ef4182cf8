// The newcomer review's fixes in headless Chromium: the inspection and
// referral forms choose nothing for the officer (no method ticked, no
// outcome, no recipient) and refuse to send until the officer chose, with the
// problem under the field; the queue's route ends at the port of discharge;
// a container's evidence reads in Spanish (field names in words, dates in the
// reader's locale, the raw path kept as the title); the admin's new-user form
// stops an officer without a unit at the Unit field and a user name already
// taken at the User name field, each problem gone as its field (or, for the
// unit, the role) is edited, and the admin header has no unit picker and
// keeps "Sign out" on one line at 1366 px; the manager's
// funnel runs in the order of the follow-up with persons arrested beside it,
// and at 820 px its table by unit fits or says that columns are out of sight.
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../core/admin/manage-users.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { eventually, fruitFromGuayaquilProfile, PASSWORD, seizeAndRefer, shot, signIn, startWebHarness, twoUnits, unexpectedErrors, type WebHarness } from "./harness.js";

const LAPTOP = { width: 1366, height: 768 };
const CONTAINERS = 6;
let harness: WebHarness;
let unit: TestUnit;
let agencyCode: string;
let feeder: TestUser;
let officer: string;
let adminName: string;
let items: { id: string; containerNumber: string }[];

beforeAll(async () => {
  harness = await startWebHarness();
  // Every container flagged (source port 50 + a consignee new to the unit 20, selection at 60), so the queue lists them all.
  const profile = fruitFromGuayaquilProfile("REVIEW-FIX");
  profile.indicators.push({ code: "NEWCNE", label: "New consignee", points: 20, when: { op: "partyNew", role: "consignee", days: 30 } as never });
  ({ unitA: unit, agencyCode } = await twoUnits(harness, profile));
  feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }], agencyCode);
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agencyCode, "Rita Review");
  adminName = `admin.${Math.random().toString(36).slice(2, 8)}`;
  await createUser(harness.services, { username: adminName, displayName: "Ada Admin", agencyCode, memberships: [{ role: "admin" }], password: PASSWORD }, { name: "e2e-setup" });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  // Loaded at Guayaquil, transhipped in Manzanillo (PA), discharged in Antwerp.
  const posted = await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(buildManifest(CONTAINERS, { arrivalDate: tomorrow, departureDate: tomorrow }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  await waitFor(async () => {
    const r = await harness.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status = 'scored'", [manifestId]);
    return r.rows[0]!.n === CONTAINERS;
  }, { what: "scoring of the review vessel" });
  const listed = await request(harness.app).get(`/v1/units/${unit.code}/shipments?manifestId=${manifestId}&limit=50`).set(bearer(feeder));
  expect(listed.status).toBe(200);
  items = listed.body.items as { id: string; containerNumber: string }[];
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

/** Signed in once the app's main navigation shows (signIn returns on the click, before the session is kept). */
const signedIn = async (page: Page, username: string) => {
  await signIn(page, harness.baseUrl, username);
  await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
};
const openContainer = async (page: Page, item: { id: string; containerNumber: string }) => {
  await page.goto(`${harness.baseUrl}/units/${unit.code}/shipments/${item.id}`);
  // A direct load of the page fetches the app and the container together: slower than a click when 2 cores are shared.
  await page.getByRole("heading", { name: `Container ${item.containerNumber}` }).waitFor({ timeout: 30_000 });
};
const count = async (sql: string, values: unknown[]) => (await harness.services.pool.query<{ n: number }>(sql, values)).rows[0]!.n;

describe("officer forms and pages", () => {
  test("the queue's route runs from loading through transhipment to discharge", async () => {
    const page = await harness.newPage(LAPTOP);
    await signIn(page, harness.baseUrl, officer);
    await page.getByTestId("queue-row").first().waitFor();
    const routes = await page.getByTestId("queue-row").locator("td.col-route").allInnerTexts();
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route).toBe("ECGYE → PAMIT → BEANR");
    await shot(page, "rf-01-queue-route");
    await page.context().close();
  });

  test("the inspection form ticks no method and picks no outcome, and says what is missing under each field", async () => {
    const page = await harness.newPage(LAPTOP);
    await signedIn(page, officer);
    const item = items[0]!;
    await openContainer(page, item);
    const form = page.getByRole("form", { name: "Record an inspection" });
    for (const method of ["Scanned", "Physically examined", "Documentary check"]) {
      const box = form.getByRole("checkbox", { name: method });
      if ((await box.count()) > 0) expect(await box.isChecked(), method).toBe(false);
    }
    expect(await form.getByRole("checkbox", { checked: true }).count()).toBe(0);
    expect(await form.getByLabel("Outcome").inputValue()).toBe("");
    await form.getByRole("button", { name: "Record an inspection" }).click();
    await form.getByText("Tick at least one: a scan, a physical examination or a documentary check.").waitFor();
    await form.getByText("Choose one.").waitFor();
    expect(await form.getByLabel("Outcome").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "rf-02-inspection-refused");
    expect(await count("SELECT count(*)::int AS n FROM inspection WHERE shipment_id = $1", [item.id])).toBe(0);
    // Once chosen, it is recorded.
    await form.getByRole("checkbox").first().check();
    await form.getByLabel("Outcome").selectOption("nothing_found");
    expect(await form.getByTestId("field-error").count()).toBe(0);
    await form.getByRole("button", { name: "Record an inspection" }).click();
    await page.getByRole("status").filter({ hasText: "Inspection recorded." }).waitFor();
    expect(await count("SELECT count(*)::int AS n FROM inspection WHERE shipment_id = $1", [item.id])).toBe(1);
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
    await page.context().close();
  });

  test("the referral form picks no recipient and refuses to send until one is chosen", async () => {
    const item = items[1]!;
    const inspection = await request(harness.app).post(`/v1/units/${unit.code}/inspections`).set(bearer(feeder)).send({
      shipmentId: item.id, scanned: true, physicallyExamined: true, inspectedBy: "Rita Review", inspectedAt: new Date(Date.now() - 3_600_000).toISOString(), outcome: "seizure",
    });
    expect(inspection.status).toBe(201);
    const seizure = await request(harness.app).post(`/v1/units/${unit.code}/seizures`).set(bearer(feeder)).send({
      inspectionId: inspection.body.id, commodity: "cocaine", quantity: 12, quantityUnit: "kg", concealment: "in_cargo", detectionMethod: "profile", personsArrested: 0,
    });
    expect(seizure.status).toBe(201);
    const page = await harness.newPage(LAPTOP);
    await signedIn(page, officer);
    await openContainer(page, item);
    // The seizure form below chooses nothing either.
    const seizureForm = page.getByRole("form", { name: "Record a seizure" });
    for (const field of ["Commodity", "Concealment", "Detection method"]) expect(await seizureForm.getByLabel(field).inputValue(), field).toBe("");
    await page.getByTestId("seizure").getByRole("button", { name: "Refer this seizure" }).click();
    const form = page.getByRole("form", { name: "Create a referral" });
    expect(await form.getByLabel("Recipient").inputValue()).toBe("");
    await form.getByLabel("Service referred to").fill("Fiscalía Antidrogas del Guayas");
    await form.getByRole("button", { name: "Create a referral" }).click();
    await form.getByText("Choose one.").waitFor();
    expect(await form.getByLabel("Recipient").getAttribute("aria-invalid")).toBe("true");
    await shot(page, "rf-03-referral-refused");
    expect(await count("SELECT count(*)::int AS n FROM referral WHERE seizure_id = $1", [seizure.body.id])).toBe(0);
    await form.getByLabel("Recipient").selectOption("prosecutor");
    await form.getByRole("button", { name: "Create a referral" }).click();
    await page.getByRole("heading", { name: "Referral to Fiscalía Antidrogas del Guayas" }).waitFor();
    expect(await count("SELECT count(*)::int AS n FROM referral WHERE seizure_id = $1", [seizure.body.id])).toBe(1);
    await page.context().close();
  });

  test("evidence reads in Spanish: field names in words, dates in the reader's locale, the path kept as the title", async () => {
    const page = await harness.newPage(LAPTOP);
    await signedIn(page, officer);
    await openContainer(page, items[2]!);
    await page.getByLabel("Language").selectOption("es");
    const field = page.locator('.evidence [data-field="consignee.firstSeen"]').first();
    await eventually(() => field.innerText()).toBe("Consignatario: visto por primera vez");
    expect(await field.getAttribute("title")).toBe("consignee.firstSeen");
    const line = await field.locator("xpath=..").innerText();
    expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(line).not.toContain("never seen");
    expect(await page.locator(".evidence").first().innerText()).not.toMatch(/consignee\.|derived\./);
    await shot(page, "rf-04-evidence-es");
    await page.context().close();
  });
});

describe("admin", () => {
  test("a new officer without a unit is stopped at the Unit field; the header has no unit picker and keeps Sign out on one line", async () => {
    const page = await harness.newPage(LAPTOP);
    await signIn(page, harness.baseUrl, adminName);
    await page.waitForURL(`${harness.baseUrl}/admin`);
    await page.goto(`${harness.baseUrl}/admin/users`);
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    const header = page.locator("header.top");
    expect(await header.getByLabel("Unit").count()).toBe(0);
    await header.getByRole("button", { name: "Sign out" }).waitFor();
    // The lines the button's text takes (an expression: the tests' types have no DOM).
    const signOutLines = await page.evaluate<number>(
      "(() => { const button = [...document.querySelectorAll('header.top button')].find((b) => b.textContent.trim() === 'Sign out'); const range = document.createRange(); range.selectNodeContents(button); return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; })()",
    );
    expect(signOutLines).toBe(1);

    await page.getByText("New user", { exact: true }).click();
    const form = page.getByRole("form", { name: "New user" });
    const username = `clerk.${Math.random().toString(36).slice(2, 8)}`;
    await form.getByLabel("User name").fill(username);
    await form.getByLabel("Name", { exact: true }).fill("Carla Clerk");
    await form.getByLabel("Agency").selectOption(agencyCode);
    await form.getByLabel("Role").selectOption("officer");
    await form.getByRole("button", { name: "Create the user" }).click();
    await form.getByText("Choose the unit: an officer or an analyst works in one unit.").waitFor();
    const unitField = form.getByLabel("Unit", { exact: true });
    expect(await unitField.getAttribute("aria-invalid")).toBe("true");
    // The problem is the Unit field's description, not a raw path in an error above the form.
    const described = await unitField.getAttribute("aria-describedby");
    expect(described).toBeTruthy();
    expect(await page.locator(`[id="${described!.split(" ").pop()!}"]`).innerText()).toBe("Choose the unit: an officer or an analyst works in one unit.");
    expect(await page.getByText("memberships[0]").count()).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM app_user WHERE username = $1", [username])).toBe(0);
    await shot(page, "rf-05-admin-unit-required");
    // A new role asks for another scope: the unit's problem goes with the old role, and comes back on sending.
    await form.getByLabel("Role").selectOption("admin");
    await eventually(() => unitField.getAttribute("aria-invalid")).toBe("false");
    await form.getByLabel("Role").selectOption("officer");
    await form.getByRole("button", { name: "Create the user" }).click();
    await eventually(() => unitField.getAttribute("aria-invalid")).toBe("true");
    // Choosing the unit clears its problem before anything is sent.
    await unitField.selectOption(unit.code);
    await eventually(() => form.getByText("Choose the unit: an officer or an analyst works in one unit.").count()).toBe(0);
    await form.getByRole("button", { name: "Create the user" }).click();
    await eventually(() => count("SELECT count(*)::int AS n FROM app_user WHERE username = $1", [username])).toBe(1);
    // The API's refusal of a user name already taken is said at the User name field, and goes as the name is edited.
    const usernameField = form.getByLabel("User name");
    await eventually(() => usernameField.inputValue()).toBe("");
    await usernameField.fill(username);
    await form.getByLabel("Name", { exact: true }).fill("Carla Clerk");
    await form.getByLabel("Agency").selectOption(agencyCode);
    await form.getByLabel("Role").selectOption("admin");
    await form.getByRole("button", { name: "Create the user" }).click();
    await eventually(() => page.locator("#new-user-username-error").innerText()).toBe("This user name is already taken.");
    expect(await usernameField.getAttribute("aria-invalid")).toBe("true");
    expect(await form.getByRole("alert").count()).toBe(0);
    await usernameField.fill(`${username}2`);
    await eventually(() => page.locator("#new-user-username-error").count()).toBe(0);
    await page.context().close();
  });
});

describe("manager dashboard", () => {
  test("the funnel follows the follow-up, persons arrested beside it; the tiles name their period; at 820 px the table by unit fits or says it scrolls", async () => {
    await seizeAndRefer(harness, unit, feeder, items[3]!.id, { inspectedBy: "Rita Review", quantity: 5, concealment: "in_cargo", personsArrested: 3, prosecutor: "Fiscalía del Guayas" });
    const manager = await harness.userWithPassword([{ role: "manager", unitCode: unit.code }], agencyCode, "Mara Manager");
    const page = await harness.newPage({ width: 820, height: 1180 });
    await signIn(page, harness.baseUrl, manager);
    await page.waitForURL(`${harness.baseUrl}/dashboard`);
    const funnel = page.getByTestId("referral-funnel");
    await eventually(() => funnel.locator("tbody th").allInnerTexts()).toEqual(["Seizures", "Referred", "Acknowledged", "Investigations opened", "Controlled deliveries", "Prosecutions"]);
    const side = page.getByTestId("referral-side-figures");
    expect(await side.locator("dt").allInnerTexts()).toEqual(["Referred in time", "Overdue referrals", "Persons arrested"]);
    expect(await page.getByTestId("kpi-period").innerText()).toMatch(/^Last 90 days: /);
    const box = page.getByTestId("referral-funnel-by").locator("xpath=..");
    await box.waitFor();
    const overflowing = await page.evaluate<boolean>(
      "(() => { const box = document.querySelector('[data-testid=referral-funnel-by]').parentElement; return box.scrollWidth > box.clientWidth + 1; })()",
    );
    if (overflowing) {
      // The cue just above this table (other wide tables of the page have their own).
      const cue = box.locator("xpath=preceding-sibling::p[@data-testid='scroll-cue']");
      await cue.waitFor();
      expect(await cue.innerText()).toBe("More columns to the right: scroll the table sideways →");
    }
    await shot(page, "rf-06-dashboard-820");
    await page.context().close();
  });
});
