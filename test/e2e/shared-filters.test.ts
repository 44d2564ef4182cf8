// A filtered view is its URL: in headless Chromium, an officer's queue
// filtered by container and "all containers" opens from a shared link in a
// fresh browser (signing in on the way keeps the link), and after opening a
// container and pressing Back the filters and the filtered rows are still
// there; a manager's dashboard opens from a link grouped as the link says.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { createTestUser } from "../helpers/test-users.js";
import { eventually, fruitFromGuayaquilProfile, PASSWORD, postScoredManifest, shot, signIn, startWebHarness, twoUnits, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let baseUrl: string;
let unit: TestUnit;
let officer: string;
let manager: string;
let container: string;

beforeAll(async () => {
  harness = await startWebHarness();
  baseUrl = harness.baseUrl;
  const units = await twoUnits(harness, fruitFromGuayaquilProfile("COC-SHARED"));
  unit = units.unitA;
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], units.agencyCode, "Sara Shared");
  manager = await harness.userWithPassword([{ role: "manager", unitCode: unit.code }], units.agencyCode, "Mario Manager");
  const feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }], units.agencyCode);
  const manifestId = await postScoredManifest(harness, unit, feeder, 6);
  const shipments = await harness.services.prisma.shipment.findMany({ where: { manifestId }, orderBy: { containerNumber: "asc" } });
  expect(shipments.length).toBe(6);
  container = shipments[2]!.containerNumber!;
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const rows = (page: Page) => page.getByTestId("queue-row");
const queueHeading = (page: Page) => page.getByRole("heading", { name: `Flagged containers — ${unit.code}` });

describe("filters in the URL", () => {
  test("a shared queue link restores the filtered view in a fresh browser, and Back after opening a container keeps it", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, officer);
    await queueHeading(page).waitFor();
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBeGreaterThan(1);

    // Filter to one container, every container (not only flagged): the URL says so.
    await page.getByLabel("Search", { exact: true }).fill(container);
    await page.getByLabel("Flagged only").uncheck();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await eventually(() => rows(page).count()).toBe(1);
    await eventually(() => rows(page).first().innerText()).toContain(container);
    const shared = new URL(page.url());
    expect(shared.pathname).toBe(`/units/${unit.code}/queue`);
    expect(shared.searchParams.get("q")).toBe(container);
    expect(shared.searchParams.get("all")).toBe("true");

    // Open the container, then Back: the same filters, in the form and in the rows.
    await rows(page).first().getByRole("link").first().click();
    await page.getByRole("heading", { name: `Container ${container}` }).waitFor();
    await page.goBack();
    await queueHeading(page).waitFor();
    expect(page.url()).toBe(shared.href);
    await eventually(() => page.getByLabel("Search", { exact: true }).inputValue()).toBe(container);
    expect(await page.getByLabel("Flagged only").isChecked()).toBe(false);
    await eventually(() => rows(page).count()).toBe(1);
    await shot(page, "sf-01-queue-after-back");
    await page.context().close();

    // The link in another browser: signing in on the way keeps it.
    const fresh = await harness.newPage();
    await fresh.goto(shared.href);
    await fresh.getByLabel("User name").fill(officer);
    await fresh.getByLabel("Password").fill(PASSWORD);
    await fresh.getByRole("button", { name: "Sign in" }).click();
    await queueHeading(fresh).waitFor();
    await eventually(() => fresh.getByLabel("Search", { exact: true }).inputValue()).toBe(container);
    expect(await fresh.getByLabel("Flagged only").isChecked()).toBe(false);
    await eventually(() => rows(fresh).count()).toBe(1);
    await eventually(() => rows(fresh).first().innerText()).toContain(container);
    expect(fresh.url()).toBe(shared.href);

    // The referrals' filters come from the URL too: this unit has no referral at all, let alone an overdue one.
    await fresh.goto(`${baseUrl}/units/${unit.code}/referrals?overdue=true`);
    await fresh.getByText("No referral matches these filters.").waitFor();
    expect(await fresh.getByLabel("Overdue only").isChecked()).toBe(true);
    await fresh.getByLabel("Overdue only").uncheck();
    await fresh.getByText("No referrals.").waitFor();
    expect(fresh.url()).toBe(`${baseUrl}/units/${unit.code}/referrals`);
    await fresh.goBack();
    await queueHeading(fresh).waitFor();
    await eventually(() => rows(fresh).count()).toBe(1);

    // Clearing the filters gives the plain queue its plain URL back.
    await fresh.getByRole("button", { name: "Clear" }).click();
    await eventually(() => Promise.resolve(fresh.url())).toBe(`${baseUrl}/units/${unit.code}/queue`);
    await eventually(() => rows(fresh).count()).toBeGreaterThan(1);
    await fresh.context().close();
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });

  test("a shared dashboard link opens grouped as the link says", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, manager);
    await page.getByRole("heading", { name: "Programme dashboard" }).waitFor();
    await page.goto(`${baseUrl}/dashboard?groupBy=unit&series=country`);
    await page.getByRole("heading", { name: /^Seizures by unit/ }).waitFor();
    expect(await page.getByLabel("Group seizures by").inputValue()).toBe("unit");
    // A choice made on the screen goes into the URL (replacing the entry: Back leaves the dashboard).
    await page.getByLabel("Group seizures by").selectOption("country");
    await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get("groupBy"))).toBe("country");
    expect(new URL(page.url()).searchParams.get("series")).toBe("country");
    await page.context().close();
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
  test("a filter checkbox shows the choice at once, while the navigation it starts is still rendering", async () => {
    // The router renders a navigation as a transition; on a busy machine the URL, which the checkbox is
    // bound to, changes some time after the click (CI saw "Clicking the checkbox did not change its
    // state"). A slowed CPU stretches that time: the checkbox must read unchecked right after the click.
    const page = await harness.newPage();
    await signIn(page, baseUrl, officer);
    await queueHeading(page).waitFor();
    await page.goto(`${baseUrl}/units/${unit.code}/referrals?overdue=true`);
    await page.getByText("No referral matches these filters.").waitFor();
    const box = page.getByLabel("Overdue only");
    expect(await box.isChecked()).toBe(true);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 40 });
    try {
      await box.click();
      expect(await page.evaluate<boolean>("document.activeElement instanceof HTMLInputElement && !document.activeElement.checked")).toBe(true);
    } finally {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    }
    await page.getByText("No referrals.").waitFor();
    expect(page.url()).toBe(`${baseUrl}/units/${unit.code}/referrals`);
    expect(await box.isChecked()).toBe(false);
    await page.context().close();
  });
});
