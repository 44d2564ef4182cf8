// Issue 15, item 3: a programme manager signs in on the demo data and lands
// on the dashboard, whose first block is the headline figures: seizures and
// quantity by commodity, referral follow-up rate, overdue referrals and the
// hit rate of inspections, each with its change against the previous period
// in words, none empty; nothing overflows a laptop (1366×768) or a tablet
// (820×1180). The demo's units, baseline profiles and year of work are loaded
// into a database of their own with the functions `npm start` uses (the demo
// voyages are left out: scoring 15,000 boxes would only slow the test).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../core/admin/manage-users.js";
import { createDemoUnits } from "../../core/demo/load-demo-data.js";
import { loadDemoYear } from "../../core/demo/load-demo-year.js";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { createExtraDatabase } from "../helpers/test-databases.js";
import { eventually, fitsWidth, PASSWORD, screenshotDir, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let database: Awaited<ReturnType<typeof createExtraDatabase>>;
let harness: WebHarness;

beforeAll(async () => {
  database = await createExtraDatabase("kpi");
  harness = await startWebHarness({ DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl });
  const { services } = harness;
  const unitIds = await createDemoUnits(services);
  for (const unitId of unitIds.values()) await installBaselineProfiles(services, unitId, "system");
  await loadDemoYear(services);
  await createUser(services, { username: "manager.ccp", displayName: "Programme manager", agencyCode: "EC-SENAE", memberships: [{ role: "manager", programme: "CCP" }], password: PASSWORD }, { name: "e2e-setup" });
}, 180_000);
afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

const figure = (text: string | null) => (text ?? "").trim();

describe("the manager's first screen on the demo", () => {
  test.each([
    ["laptop", { width: 1366, height: 768 }],
    ["tablet", { width: 820, height: 1180 }],
  ] as const)("KPI tiles first, none empty, changes in words (%s)", async (name, viewport) => {
    const page = await harness.newPage(viewport);
    // The dashboard runs a dozen summaries over the year: give a busy machine time.
    page.setDefaultTimeout(30_000);
    await signIn(page, harness.baseUrl, "manager.ccp");
    await page.waitForURL(/\/dashboard/);
    const tiles = page.getByRole("region", { name: "Headline figures" });
    await tiles.getByTestId("kpi-seizures").waitFor();
    // The tiles come before the filters and every other block.
    const headings = await page.locator("h1, h2, legend").allTextContents();
    expect(headings.slice(headings.indexOf("Programme dashboard"), headings.indexOf("Programme dashboard") + 2)).toEqual(["Programme dashboard", "Headline figures"]);
    expect(await tiles.locator("p.meta").first().textContent()).toMatch(/compared with the 90 days before/);

    for (const [testId, heading] of [["kpi-seizures", "Seizures"], ["kpi-follow-up", "Referral follow-up rate"], ["kpi-overdue", "Overdue referrals"], ["kpi-hit-rate", "Hit rate of inspections"]] as const) {
      const tile = tiles.getByTestId(testId);
      await tile.getByRole("heading", { level: 3, name: heading }).waitFor();
      const value = figure(await tile.locator(".kpi-figure").textContent());
      expect(value, `${heading}: a figure`).toMatch(/\d/);
      const change = figure(await tile.locator(".kpi-change").textContent());
      expect(change, `${heading}: the change in words`).toMatch(/^(▲ |▼ )?(Up|Down|No change) .*previous period$/);
    }
    const seizures = Number(figure(await tiles.getByTestId("kpi-seizures").locator(".kpi-figure").textContent()).replace(/\D/g, ""));
    expect(seizures).toBeGreaterThan(0);
    // Cocaine leads the demo's seizures, with a quantity in kg.
    const commodities = tiles.getByRole("list", { name: "Seizures by commodity" }).getByRole("listitem");
    expect(await commodities.first().textContent()).toMatch(/^Cocaine \d+ seizures?, [\d,.]+ kg\./);
    expect(figure(await tiles.getByTestId("kpi-overdue").locator(".kpi-figure").textContent())).not.toBe("0");
    expect(await tiles.getByTestId("kpi-hit-rate").textContent()).toMatch(/\d+ hits? in [\d,]+ inspections/);

    // The breakdowns follow, filled from the same year.
    await page.getByTestId("seizure-summary").waitFor();
    await eventually(() => fitsWidth(page)).toBe(true);
    for (const tile of await tiles.locator(".kpi-tile").all()) {
      const box = await tile.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
    }
    // The tiles alone (a full-page shot of the whole dashboard is slow on a busy machine).
    await tiles.screenshot({ path: path.join(screenshotDir, `manager-kpi-tiles-${name}.png`), timeout: 30_000 });
    await page.context().close();
  }, 120_000);

  test("no browser errors", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
