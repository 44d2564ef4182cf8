// A programme manager on the demo's year of work, at a laptop (1366×768) and
// a tablet (820×1180), in English and Spanish:
// - the dashboard's overdue count is one click from those referrals: it opens
//   /referrals?overdue=true (the list across the manager's units, each row
//   overdue, as many as counted, one that fell due after the last overdue
//   sweep among them), a URL that reloads to the same list;
// - every table's numeric column has its header over its figures (right-
//   aligned like them), on the dashboard, that list and the profiles;
// - the header says who is signed in without cutting it.
// Loaded as manager-kpi-tiles does (the demo voyages left out).
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../core/admin/manage-users.js";
import { createDemoUnits } from "../../core/demo/load-demo-data.js";
import { loadDemoYear } from "../../core/demo/load-demo-year.js";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { createExtraDatabase } from "../helpers/test-databases.js";
import { eventually, fitsWidth, PASSWORD, screenshotDir, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let database: Awaited<ReturnType<typeof createExtraDatabase>>;
let harness: WebHarness;
let unitCode: string;
let dueSinceLastSweep: string;

beforeAll(async () => {
  database = await createExtraDatabase("overdue");
  harness = await startWebHarness({ DATABASE_URL: database.appUrl, DATABASE_ADMIN_URL: database.adminUrl });
  const { services } = harness;
  const unitIds = await createDemoUnits(services);
  for (const unitId of unitIds.values()) await installBaselineProfiles(services, unitId, "system");
  unitCode = [...unitIds.keys()].sort()[0]!;
  await loadDemoYear(services);
  // One referral's acknowledgement falls due a minute ago, after the sweep the demo load ran: not marked by any sweep,
  // yet overdue now, for the tile and for the list it opens alike.
  const moved = await services.pool.query<{ id: string }>(
    `WITH pick AS (
       SELECT r.id, now() - make_interval(days => COALESCE(d.acknowledge_days, 7), mins => 1) AS sent
         FROM referral r JOIN seizure z ON z.id = r.seizure_id LEFT JOIN referral_deadlines d ON d.unit_id = r.unit_id
        WHERE r.status = 'sent' AND r.overdue_since IS NULL AND r.due_at > now() AND z.sharing = 'unit' ORDER BY r.id LIMIT 1),
     ref AS (UPDATE referral r SET sent_at = pick.sent, last_update_at = pick.sent, due_at = now() - interval '1 minute'
               FROM pick WHERE r.id = pick.id RETURNING r.id, pick.sent)
     UPDATE referral_event e SET at = ref.sent FROM ref WHERE e.referral_id = ref.id RETURNING ref.id`,
  );
  dueSinceLastSweep = moved.rows[0]!.id;
  await createUser(services, { username: "manager.ccp", displayName: "Programme manager", agencyCode: "EC-SENAE", memberships: [{ role: "manager", programme: "CCP" }], password: PASSWORD }, { name: "e2e-setup" });
}, 180_000);
afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

/**
 * Headers of numeric columns not aligned with their figures: in each table, a column whose body cells are all
 * right-aligned (DataTable's and the hand-written tables' .num) must have its header right-aligned too.
 */
const misalignedNumericHeaders = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const out = [];
    for (const table of document.querySelectorAll("table")) {
      const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!head) continue;
      const rows = [...table.tBodies].flatMap((b) => [...b.rows]).filter((r) => r.cells.length === head.cells.length);
      if (rows.length === 0) continue;
      [...head.cells].forEach((th, i) => {
        const align = (el) => getComputedStyle(el).textAlign;
        if (rows.every((r) => align(r.cells[i]) === "right") && align(th) !== "right") {
          out.push((table.getAttribute("data-testid") || (table.caption && table.caption.textContent) || "a table") + ": " + th.textContent.trim());
        }
      });
    }
    return out;
  })()`);

/** The signed-in line's text is all shown (not cut by an ellipsis) and inside the window. */
const whoShown = (page: Page) =>
  page.evaluate<{ cut: boolean; inside: boolean; text: string }>(`(() => {
    const el = document.querySelector("header.top .who");
    const box = el.getBoundingClientRect();
    return { cut: el.scrollWidth > el.clientWidth + 1, inside: box.right <= document.documentElement.clientWidth + 1, text: el.textContent };
  })()`);

const shotTo = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), timeout: 30_000 });

describe("the manager's overdue referrals, numeric headers and the signed-in line", () => {
  test.each([
    ["laptop-en", { width: 1366, height: 768 }, "en"],
    ["laptop-es", { width: 1366, height: 768 }, "es"],
    ["tablet-en", { width: 820, height: 1180 }, "en"],
    ["tablet-es", { width: 820, height: 1180 }, "es"],
  ] as const)("%s", async (name, viewport, language) => {
    const page = await harness.newPage(viewport);
    page.setDefaultTimeout(30_000);
    await signIn(page, harness.baseUrl, "manager.ccp");
    await page.waitForURL(/\/dashboard/);
    if (language === "es") await page.getByLabel("Language").selectOption("es");
    const es = language === "es";

    // Who is signed in: the whole line is readable (its accessible name says it in full).
    await page.locator("header.top .who").waitFor();
    await page.locator("header.top").screenshot({ path: path.join(screenshotDir, `overdue-header-${name}.png`) });
    const who = await whoShown(page);
    expect(who, "the signed-in line is not cut").toMatchObject({ cut: false, inside: true });
    // The name and "Sign out" share a row: the tools no longer wrap at 1366 px, nor on a tablet in Spanish.
    const [whoBox, signOutBox] = [await page.locator("header.top .who").boundingBox(), await page.locator("header.top .top-tools > button").boundingBox()];
    expect(Math.abs(whoBox!.y + whoBox!.height / 2 - (signOutBox!.y + signOutBox!.height / 2)), "the name beside Sign out").toBeLessThan(8);
    expect(await page.locator("header.top").getByText(es ? "Sesión de Programme manager" : "Signed in as Programme manager", { exact: true }).count()).toBe(1);

    // The overdue count is a link to those referrals.
    const tile = page.getByTestId("kpi-overdue");
    const link = tile.getByTestId("kpi-overdue-link");
    await link.waitFor();
    const counted = Number((await link.innerText()).replace(/\D/g, ""));
    expect(counted).toBeGreaterThan(0);
    expect(await link.getAttribute("aria-label")).toBe(es ? `${counted} remisiones vencidas: abrir la lista` : `${counted} overdue referrals: open the list`);
    await page.getByTestId("seizure-summary").waitFor();
    expect(await misalignedNumericHeaders(page), "dashboard").toEqual([]);
    await eventually(() => fitsWidth(page)).toBe(true);
    await tile.screenshot({ path: path.join(screenshotDir, `overdue-tile-${name}.png`) });

    await link.click();
    await page.waitForURL((url) => url.pathname === "/referrals" && url.searchParams.get("overdue") === "true");
    const heading = es ? "Remisiones vencidas de sus unidades" : "Overdue referrals in your units";
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await expect.poll(() => page.getByTestId("scope-referrals-count").innerText()).toBe(es ? `${counted} remisiones.` : `${counted} referrals.`);
    const rows = page.getByTestId("referral-row");
    expect(await rows.count()).toBe(counted);
    expect(await page.getByLabel(es ? "Solo vencidas" : "Overdue only").isChecked()).toBe(true);
    // Every row is overdue, from a unit of the programme, the one that fell due since the last sweep among them.
    expect(await page.locator("[data-testid=referral-row]:not(.overdue)").count()).toBe(0);
    expect(await page.locator(`[data-testid=referral-row] a[href$="/referrals/${dueSinceLastSweep}"]`).count()).toBeGreaterThan(0);
    expect(await misalignedNumericHeaders(page), "referrals").toEqual([]);
    await eventually(() => fitsWidth(page)).toBe(true);
    await shotTo(page, `overdue-list-${name}`);

    // The URL is the list: reloaded (a bookmark, a shared link), it shows the same.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await expect.poll(() => page.getByTestId("scope-referrals-count").innerText()).toBe(es ? `${counted} remisiones.` : `${counted} referrals.`);
    // Unticking "overdue only" widens it, in the URL too.
    await page.getByLabel(es ? "Solo vencidas" : "Overdue only").uncheck();
    await page.waitForURL((url) => url.pathname === "/referrals" && !url.searchParams.has("overdue"));
    await expect.poll(async () => Number((await page.getByTestId("scope-referrals-count").innerText()).replace(/\D/g, ""))).toBeGreaterThan(counted);

    // A referral of the list opens in its unit.
    await page.getByTestId("referral-row").first().getByRole("link").first().click();
    await page.waitForURL(/\/units\/[^/]+\/referrals\/[0-9a-f-]{36}$/);
    await page.getByTestId("referral-status").waitFor();

    // The profiles' table (hand-written, not DataTable) aligns its figures' headers too.
    await page.goto(`${harness.baseUrl}/units/${unitCode}/profiles`);
    await page.locator("table").first().waitFor();
    expect(await misalignedNumericHeaders(page), "profiles").toEqual([]);
    await page.context().close();
  }, 180_000);

  test("no browser errors", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
