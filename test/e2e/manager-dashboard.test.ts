// The programme manager's dashboard in headless Chromium against the real app
// (shared harness): officers of two units in two countries (Ecuador, Belgium)
// record four seizures on different months through the API, refer some of
// them; the manager then reads seizures over time by unit and by country
// (chart, text alternative, table), the referral funnel by unit and by
// country, profile performance per indicator and the pilot list; narrows
// every block by units, country and period, shares the view by its URL, and
// downloads each block as CSV. The dashboard fits a laptop and a tablet.
import { readFileSync } from "node:fs";
import type { Download, Locator, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProfile } from "../../core/profiles/install-profile.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import type { TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { eventually, fitsWidth, overflowingInCards, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness, fruitFromGuayaquilProfile } from "./harness.js";

const profileDoc = fruitFromGuayaquilProfile("MD-COC", "Cocaine in fruit from Guayaquil");

const DAY = 86_400_000;
/** Noon UTC n days ago: the same calendar day in UTC and in the browser's zone (America/Guayaquil). */
const daysAgo = (n: number): Date => {
  const d = new Date(Date.now() - n * DAY);
  d.setUTCHours(12, 0, 0, 0);
  return d;
};
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
const monthKey = (d: Date) => d.toISOString().slice(0, 7);

let harness: WebHarness;
let services: TestServices;
let baseUrl: string;
let ec: TestUnit;
let be: TestUnit;
let manager: string;

interface Recorded { unit: TestUnit; at: Date; commodity: string; id: string }
const seized: Record<"s1" | "s2" | "s3" | "s4", Recorded> = {} as never;

async function api(user: TestUser, method: "post" | "get", path: string, body?: object) {
  const res = await request(harness.app)[method](path).set(bearer(user)).send(body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body as Record<string, unknown>;
}

/** Inspects a shipment of the unit's manifest, records the seizure and returns its id. */
async function recordSeizure(officer: TestUser, unit: TestUnit, shipmentId: string, at: Date, seizure: Record<string, unknown>): Promise<string> {
  const inspection = await api(officer, "post", `/v1/units/${unit.code}/inspections`, {
    shipmentId, scanned: true, physicallyExamined: true, inspectedBy: "Joint team", inspectedAt: at.toISOString(), outcome: "seizure",
  });
  const recorded = await api(officer, "post", `/v1/units/${unit.code}/seizures`, {
    inspectionId: inspection.id, concealment: "in_cargo", seizedAt: at.toISOString(), ...seizure,
  });
  return recorded.id as string;
}

async function refer(officer: TestUser, unit: TestUnit, seizureId: string, steps: string[]): Promise<void> {
  const referral = await api(officer, "post", `/v1/units/${unit.code}/seizures/${seizureId}/referrals`, { recipient: { kind: "prosecutor", name: "Fiscalía Antidrogas" } });
  for (const to of steps) await api(officer, "post", `/v1/units/${unit.code}/referrals/${String(referral.id)}/transitions`, { to });
}

/** A manifest of four boxes loaded in Guayaquil, scored by MD-COC: box 0 (bananas) is selected, the others only match SRC. */
async function manifestFor(officer: TestUser, unit: TestUnit): Promise<string[]> {
  const posted = await api(officer, "post", `/v1/units/${unit.code}/manifests`, buildManifest(4));
  const manifestId = posted.manifestId as string;
  await waitFor(async () => {
    const r = await services.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status = 'scored'",
      [manifestId],
    );
    return r.rows[0]!.n === 4;
  }, { what: `scoring of ${unit.code}'s manifest` });
  return (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
}

beforeAll(async () => {
  harness = await startWebHarness();
  ({ services, baseUrl } = harness);
  ec = await createTestUnit(services, "ECGYE");
  be = await createTestUnit(services, "BEANR");
  for (const unit of [ec, be]) await installProfile(services, unit.id, profileDoc, { activate: true, createdBy: "e2e" });
  const agency = await createTestAgency(services, "EC");
  const officerEc = await createTestUser(services, [{ role: "officer", unitCode: ec.code }], agency.code);
  const officerBe = await createTestUser(services, [{ role: "officer", unitCode: be.code }], agency.code);
  manager = await harness.userWithPassword([{ role: "manager", unitCode: ec.code }, { role: "manager", unitCode: be.code }], agency.code, "Mona Manager");

  const [ec0, ec1] = await manifestFor(officerEc, ec);
  const [be0, , be2] = await manifestFor(officerBe, be);
  const s1 = await recordSeizure(officerEc, ec, ec0!, daysAgo(125), { commodity: "cocaine", quantity: 120.5, quantityUnit: "kg", detectionMethod: "profile", personsArrested: 2 });
  const s2 = await recordSeizure(officerEc, ec, ec1!, daysAgo(65), { commodity: "cigarettes", quantity: 5000, quantityUnit: "sticks", detectionMethod: "random" });
  const s3 = await recordSeizure(officerBe, be, be0!, daysAgo(1), { commodity: "heroin", quantity: 15, quantityUnit: "kg", detectionMethod: "intelligence", personsArrested: 1 });
  const s4 = await recordSeizure(officerBe, be, be2!, daysAgo(60), { commodity: "cocaine", quantity: 2000, quantityUnit: "g", detectionMethod: "scanner" });
  Object.assign(seized, {
    s1: { unit: ec, at: daysAgo(125), commodity: "cocaine", id: s1 },
    s2: { unit: ec, at: daysAgo(65), commodity: "cigarettes", id: s2 },
    s3: { unit: be, at: daysAgo(1), commodity: "heroin", id: s3 },
    s4: { unit: be, at: daysAgo(60), commodity: "cocaine", id: s4 },
  });
  // s1 referred months late but investigated up to a prosecution; s3 referred the next day and acknowledged; s4 only drafted.
  await refer(officerEc, ec, s1, ["sent", "acknowledged", "investigation_opened", "prosecution"]);
  await refer(officerBe, be, s3, ["sent", "acknowledged"]);
  await refer(officerBe, be, s4, []);
  // What the overdue sweep does, for this file's units only (the sweep itself covers every unit of the shared database).
  await services.pool.query("UPDATE referral SET overdue_since = now() WHERE unit_id = ANY($1::uuid[]) AND due_at < now() AND overdue_since IS NULL", [[ec.id, be.id]]);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const cellsOf = (row: Locator) => row.locator("th, td").allInnerTexts();
const rowsOf = async (table: Locator) => {
  const rows = table.locator("tbody tr");
  const all: string[][] = [];
  for (let i = 0; i < (await rows.count()); i += 1) all.push(await cellsOf(rows.nth(i)));
  return all;
};
const csvOf = async (file: Download) => {
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
};
/** Downloads a block's CSV through its export button ("Export CSV: <block heading>"). */
async function download(page: Page, block: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `Export CSV: ${block}`, exact: true }).click()]);
  return csvOf(file);
}
async function applyFilters(page: Page, set: { from?: string; to?: string; country?: string; units?: string[] }) {
  await page.getByRole("button", { name: "Clear" }).click();
  if (set.from) await page.getByLabel("From", { exact: true }).fill(set.from);
  if (set.to) await page.getByLabel("To", { exact: true }).fill(set.to);
  if (set.country) await page.getByLabel("Country", { exact: true }).selectOption(set.country);
  for (const unit of set.units ?? []) await page.getByRole("checkbox", { name: new RegExp(unit) }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
}

/** The monthly table expected from the seizures: a row per month from the first seizure to this month; columns Belgium's unit, Ecuador's unit. */
function expectedMonthly(): string[][] {
  const first = monthIndex(seized.s1.at);
  const rows = Array.from({ length: monthIndex(new Date()) - first + 1 }, () => [0, 0]);
  for (const s of Object.values(seized)) rows[monthIndex(s.at) - first]![s.unit === be ? 0 : 1]! += 1;
  return rows.map(([b, e]) => [String(b), String(e), String(b! + e!)]);
}

describe("manager dashboard", () => {
  test("seizures over time by unit and by country: chart, text alternative, table, CSV", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, manager);
    await page.getByRole("heading", { name: "Programme dashboard" }).waitFor();
    await eventually(() => page.getByTestId("seizure-summary").locator("caption").innerText()).toBe("4 seizures");

    const trend = page.getByTestId("seizure-trend");
    await eventually(() => trend.getByRole("img", { name: /^Seizures per month by unit/ }).count()).toBe(1);
    // Two units, four seizures on four (unit, month) pairs: four stacked segments.
    expect(await trend.locator(".recharts-bar-rectangle").count()).toBe(4);
    const desc = (await trend.locator("desc").textContent()) ?? "";
    expect(desc).toContain(`(${ec.code} 1)`);
    expect(desc).toContain(`(${be.code} 1)`);
    await eventually(() => trend.getByRole("columnheader").allInnerTexts()).toEqual(["Month", be.code, ec.code, "Total"]);
    expect((await rowsOf(trend)).map((cells) => cells.slice(1))).toEqual(expectedMonthly());
    await shot(page, "md-01-trend-by-unit");

    await page.getByLabel("One series per").selectOption("country");
    await page.getByRole("heading", { name: "Seizures per month by country" }).waitFor();
    await eventually(() => trend.getByRole("columnheader").allInnerTexts()).toEqual(["Month", "Belgium (BE)", "Ecuador (EC)", "Total"]);
    expect((await rowsOf(trend)).map((cells) => cells.slice(1))).toEqual(expectedMonthly());
    expect(page.url()).toContain("series=country");

    const csv = await download(page, "Seizures per month by country");
    expect(csv.name).toBe("seizures-per-month-by-country.csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("month,country,seizures,quantity_kg,quantity_sticks,persons_arrested");
    expect(lines).toContain(`${monthKey(seized.s1.at)},EC,1,120.5,,2`);
    expect(lines).toContain(`${monthKey(seized.s3.at)},BE,1,15,,1`);
    expect(lines).toHaveLength(1 + new Set(Object.values(seized).map((s) => `${monthKey(s.at)}/${s.unit.code}`)).size);
    await page.context().close();
  });

  test("referral funnel overall, by unit and by country, with its CSV", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, manager);
    const funnel = page.getByTestId("referral-funnel");
    await eventually(() => rowsOf(funnel)).toEqual([
      ["Seizures", "4"], ["Referred", "2"], ["Acknowledged", "2"], ["Investigations opened", "1"], ["Controlled deliveries", "0"], ["Prosecutions", "1"],
    ]);
    // Not stages: referred in time, overdue and persons arrested stand beside the funnel.
    expect(await page.getByTestId("referral-side-figures").locator("dd").allInnerTexts()).toEqual(["1", "1", "3"]);
    const by = page.getByTestId("referral-funnel-by");
    await eventually(() => rowsOf(by)).toEqual([
      [be.code, "2", "1", "1 (50%)", "1", "0", "0", "0", "1", "1"],
      [ec.code, "2", "1", "0 (0%)", "1", "1", "0", "1", "2", "0"],
    ]);
    await page.getByLabel("Break the follow-up down by").selectOption("country");
    await page.getByRole("heading", { name: "Follow-up by country" }).waitFor();
    await eventually(() => by.locator("tbody th").allInnerTexts()).toEqual(["Belgium (BE)", "Ecuador (EC)"]);
    const csv = await download(page, "Follow-up by country");
    expect(csv.name).toBe("referral-follow-up-by-country.csv");
    expect(csv.text).toBe(
      "country,seizures,referred,referred_in_time,referred_in_time_percent,acknowledged,acknowledged_percent,investigations_opened,controlled_deliveries,prosecutions,persons_arrested,overdue_referrals\r\n" +
        "BE,2,1,1,50,1,100,0,0,0,1,1\r\nEC,2,1,0,0,1,100,1,0,1,2,0\r\n",
    );
    await shot(page, "md-02-funnel-by-country");
    await page.context().close();
  });

  test("profile performance per indicator, and the pilot list with its filters", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, manager);
    const indicators = page.getByTestId("indicator-performance");
    // Per unit: SRC fired on the 4 boxes (2 inspected, 2 seizures), FRUIT on the selected bananas box (a hit).
    await eventually(() => rowsOf(indicators)).toEqual([
      [be.code, "MD-COC v1", "FRUIT Fresh fruit", "1", "1", "1", "1", "100%", "1"],
      [be.code, "MD-COC v1", "SRC Loaded in a source port", "4", "1", "2", "1", "100%", "2"],
      [ec.code, "MD-COC v1", "FRUIT Fresh fruit", "1", "1", "1", "1", "100%", "1"],
      [ec.code, "MD-COC v1", "SRC Loaded in a source port", "4", "1", "2", "1", "100%", "2"],
    ]);
    const perIndicator = await download(page, "Performance per indicator");
    expect(perIndicator.name).toBe("profile-performance-by-indicator.csv");
    expect(perIndicator.text.split("\r\n")[2]).toBe(`${be.code},MD-COC,1,SRC,Loaded in a source port,4,1,25,1,1,100,2,2`);
    await eventually(() => page.getByTestId("profile-performance").locator("tbody tr").count()).toBe(2);

    const pilot = page.getByTestId("pilot-list");
    const pilotUnits = () => pilot.locator("tbody tr > td:first-of-type").allTextContents();
    await eventually(pilotUnits).toEqual([be.code, be.code, ec.code]);
    expect(await cellsOf(pilot.locator("tbody tr").nth(1))).toEqual([be.code, "Cocaine", "2,000 g", expect.any(String), "Fiscalía Antidrogas: Drafted Overdue", "Not referred; Overdue referrals"]);
    await page.getByLabel("Commodity", { exact: true }).selectOption("heroin");
    await eventually(() => pilot.locator("tbody tr").count()).toBe(1);
    expect(await cellsOf(pilot.locator("tbody tr").first())).toContain("Heroin");
    await page.getByLabel("Follow-up", { exact: true }).selectOption("overdue_referrals");
    await page.getByText("No cocaine or heroin seizure matches these filters.").waitFor();
    await page.getByLabel("Commodity", { exact: true }).selectOption("");
    await eventually(pilotUnits).toEqual([be.code]);
    expect(page.url()).toMatch(/pilotFollowUp=overdue_referrals/);
    const csv = await download(page, "Pilot list: cocaine and heroin seizures");
    expect(csv.name).toBe("pilot-overdue-referrals.csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${seized.s4.id},${be.code},BE,cocaine,2000,g,`));
    expect(lines[1]).toMatch(/,prosecutor:drafted,not_referred overdue_referrals$/);
    await shot(page, "md-03-indicators-pilot");
    await page.context().close();
  });

  test("units, country and period narrow every block; the URL shares the view; CSVs follow", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, manager);
    const caption = page.getByTestId("seizure-summary").locator("caption");
    await eventually(() => caption.innerText()).toBe("4 seizures");
    const trend = page.getByTestId("seizure-trend");
    const funnelSeizures = () => page.getByTestId("referral-funnel").getByRole("row", { name: /^Seizures/ }).locator("td").first().innerText();
    const firstCells = (testId: string) => page.getByTestId(testId).locator("tbody tr > :is(th, td):first-child").allTextContents();

    // One unit (Belgium's): every block shows only its seizures, referrals, profiles and pilot items.
    await applyFilters(page, { units: [be.code] });
    await eventually(() => caption.innerText()).toBe("2 seizures");
    expect(page.url()).toContain(`units=${be.code}`);
    await eventually(() => trend.getByRole("columnheader").allInnerTexts()).toEqual(["Month", be.code, "Total"]);
    expect(await funnelSeizures()).toBe("2");
    expect(await firstCells("referral-funnel-by")).toEqual([be.code]);
    expect(await firstCells("profile-performance")).toEqual([be.code]);
    expect(await firstCells("indicator-performance")).toEqual([be.code, be.code]);
    expect(await firstCells("pilot-list")).toEqual([be.code, be.code]);
    await eventually(() => page.getByTestId("dashboard-scope").innerText()).toBe(`Showing the whole period · ${be.code}`);
    const byCommodity = await download(page, "Seizures by commodity");
    expect(byCommodity.name).toBe(`seizures-by-commodity-${be.code.toLowerCase()}.csv`);
    expect(byCommodity.text).toBe("commodity,seizures,share_percent,quantity_kg,persons_arrested\r\ncocaine,1,50,2,0\r\nheroin,1,50,15,1\r\n");
    await shot(page, "md-04-one-unit");

    // A country: Ecuador's unit only.
    await applyFilters(page, { country: "EC" });
    await eventually(() => caption.innerText()).toBe("2 seizures");
    await eventually(() => firstCells("seizure-summary")).toEqual(["Cigarettes", "Cocaine"]);
    expect(await firstCells("pilot-list")).toEqual([ec.code]);

    // A period that ends a month ago: the recent heroin seizure and today's scoring drop out of every block.
    const from = isoDay(daysAgo(150));
    const to = isoDay(daysAgo(30));
    await applyFilters(page, { from, to });
    await eventually(() => caption.innerText()).toBe("3 seizures");
    await eventually(() => trend.locator("tbody tr").count()).toBe(monthIndex(daysAgo(30)) - monthIndex(daysAgo(150)) + 1);
    expect(await funnelSeizures()).toBe("3");
    await page.getByTestId("pilot-list").waitFor();
    expect(await page.getByText("No shipment scored by a profile in this period.").count()).toBe(2);
    expect(await firstCells("pilot-list")).toEqual([be.code, ec.code]);
    const shared = page.url();
    expect(shared).toBe(`${baseUrl}/dashboard?from=${from}&to=${to}`);
    const funnelCsv = await download(page, "Referral follow-up");
    expect(funnelCsv.name).toBe(`referral-follow-up-${from}-to-${to}.csv`);
    expect(funnelCsv.text.split("\r\n")[1]).toMatch(/^all,3,1,0,0,1,100,1,0,1,2,1$/);

    // A quarter or less is shown per week.
    await applyFilters(page, { from: isoDay(daysAgo(20)) });
    await page.getByRole("heading", { name: "Seizures per week by unit" }).waitFor();
    await eventually(() => trend.getByRole("columnheader").allInnerTexts()).toEqual(["Week", be.code, "Total"]);
    const weeks = await rowsOf(trend);
    expect(weeks.length).toBeGreaterThanOrEqual(3);
    expect(weeks.every(([label]) => /^Week of /.test(label!))).toBe(true);
    expect(weeks.map((cells) => cells.at(-1)).filter((n) => n !== "0")).toEqual(["1"]);
    const weekly = await download(page, "Seizures per week by unit");
    expect(weekly.name).toBe(`seizures-per-week-by-unit-${isoDay(daysAgo(20))}-to-today.csv`);
    expect(weekly.text.split("\r\n")[0]).toBe("week_starting,unit,seizures,quantity_kg,persons_arrested");

    // The form refuses a period that ends before it starts; a URL carrying one says so instead of asking the server.
    await applyFilters(page, { from: to, to: from });
    expect(await page.getByLabel("To", { exact: true }).evaluate((input) => (input as unknown as { validity: { rangeUnderflow: boolean } }).validity.rangeUnderflow)).toBe(true);
    expect(page.url()).toBe(`${baseUrl}/dashboard`);
    await page.goto(`${baseUrl}/dashboard?from=${to}&to=${from}`);
    await page.getByText("The period ends before it starts: change From or To.").waitFor();
    expect(await page.getByTestId("seizure-summary").count()).toBe(0);
    await page.context().close();

    // The shared URL opens the same view for another session.
    const other = await harness.newPage();
    await signIn(other, baseUrl, manager);
    await other.getByRole("heading", { name: "Programme dashboard" }).waitFor();
    await other.goto(shared);
    await eventually(() => other.getByTestId("seizure-summary").locator("caption").innerText()).toBe("3 seizures");
    expect(await other.getByLabel("From", { exact: true }).inputValue()).toBe(from);
    expect(await other.getByLabel("To", { exact: true }).inputValue()).toBe(to);
    await other.context().close();
  });

  test("fits a laptop and a tablet, in English and Spanish; keyboard reaches the filters and exports", async () => {
    const page = await harness.newPage();
    await signIn(page, baseUrl, manager);
    await page.getByTestId("seizure-trend").waitFor();
    await page.getByTestId("pilot-list").waitFor();
    for (const [name, width, height] of [["laptop", 1366, 768], ["tablet", 820, 1180]] as const) {
      await page.setViewportSize({ width, height });
      expect(await fitsWidth(page), `dashboard at ${name}`).toBe(true);
      // The unit checkboxes show every unit: nothing cut off at the fieldset's border (a fixed height once did at 820).
      const unitsBox = page.getByRole("group", { name: "Units", exact: true });
      expect(await unitsBox.evaluate((e: { scrollHeight: number; clientHeight: number }) => e.scrollHeight <= e.clientHeight), `units at ${name}`).toBe(true);
      // Every chart within its card (the referral funnel once reached 1,959 px at 1366).
      await eventually(() => overflowingInCards(page)).toEqual([]);
      await shot(page, `md-05-dashboard-${name}`);
    }
    await page.getByLabel("From", { exact: true }).focus();
    // (A date input holds several tab stops in Chromium: day, month, year.)
    const reached: string[] = [];
    for (let i = 0; i < 30 && !reached.includes("Export CSV: Seizures by commodity"); i += 1) {
      await page.keyboard.press("Tab");
      reached.push(String(await page.evaluate("document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent || ''")));
    }
    expect(reached).toContain("Apply filters");
    expect(reached).toContain("Export CSV: Seizures by commodity");
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("heading", { name: "Tablero del programa" }).waitFor();
    await page.getByRole("heading", { name: "Incautaciones por mes según unidad" }).waitFor();
    expect(await fitsWidth(page), "dashboard in Spanish at tablet width").toBe(true);
    await shot(page, "md-06-dashboard-es");
    await page.getByLabel("Idioma").selectOption("en");
    await page.context().close();
  });

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
