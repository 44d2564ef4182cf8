// The analyst's other long jobs stay on the path, as a profile build does
// since ?build= (b551617). A history import's id and a back-test's and a
// comparison's job ids were held in the page's memory: an analyst who went to
// another screen and came back, or reloaded, found the empty card, the counts
// or the figures gone, and a link could not show them to a colleague. Now
// they are in the URL (?import=, ?backtest=, ?comparison=; beside ?build= on
// the history screen, each kept when the other changes), so Back, a reload and
// a shared link show the job's progress and result; an id of another unit, of
// another kind of job or of nothing says so in the reader's language. And the
// unit's recent builds list reads older builds a page at a time ("More builds").
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { declarationsCsv, plantedHistory } from "../helpers/declarations-csv.js";
import { insertSeaHistory } from "../helpers/sea-history.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { eventually, navLink, shot, signedInPage, startWebHarness, unexpectedErrors, urlOf, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let otherUnit: TestUnit;
let analyst: string;
let colleague: string;
let otherUnitsImport: string;

/** Builds listed before this test's own: more than the list's first page of 10. */
const EARLIER_BUILDS = 12;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "BEANR");
  otherUnit = await createTestUnit(harness.services, "NLRTM");
  await installBaselineProfiles(harness.services, unit.id, "test");
  const agency = await createTestAgency(harness.services, "BE");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Ana Analista");
  colleague = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Carlos Colega");
  await insertSeaHistory(harness.services, unit.id, ["seizure", "nothing_found", "seizure", "nothing_found", "nothing_found", "nothing_found"]);
  // Earlier builds of the unit, failed long ago, one a day.
  for (let n = 0; n < EARLIER_BUILDS; n++) {
    await harness.services.pool.query(
      `INSERT INTO analysis_job (id, unit_id, kind, status, progress, params, error, created_at, finished_at)
       VALUES (gen_random_uuid(), $1, 'build', 'failed', 0, $2, $3, now() - make_interval(days => $4), now() - make_interval(days => $4))`,
      [unit.id, JSON.stringify({ from: "2020-01-01", to: "2020-12-31", sources: "all" }), `earlier build ${n + 1}`, 30 + n],
    );
  }
  // An import of another unit, whose id a link to this unit's history screen may carry.
  const theirs = await createTestUser(harness.services, [{ role: "analyst", unitCode: otherUnit.code }], agency.code);
  const res = await request(harness.app).post(`/v1/units/${otherUnit.code}/history-imports`).query({ format: "customs-declarations" }).set(bearer(theirs)).set("Content-Type", "text/csv").send(declarationsCsv(plantedHistory(20, 10)));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  otherUnitsImport = res.body.importId as string;
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const IMPORT_URL = new RegExp(`/analysis\\?import=(${UUID})$`);
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const countsOf = (page: Page) => page.getByTestId("import-counts").locator("dd").allInnerTexts();
const buildRows = (page: Page) => page.getByTestId("recent-builds").locator("tbody tr");

// First: the next test starts a build of its own.
test("the recent builds list ten, then the older ones on asking ('More builds')", async () => {
  const page = await signedInPage(harness, analyst);
  await page.goto(`${harness.baseUrl}/units/${unit.code}/analysis`);
  await eventually(() => buildRows(page).count()).toBe(10);
  expect(await buildRows(page).last().locator("td").last().innerText()).toBe("earlier build 10");
  await page.getByRole("button", { name: "More builds" }).click();
  await eventually(() => buildRows(page).count()).toBe(EARLIER_BUILDS);
  expect(await page.getByRole("button", { name: "More builds" }).count()).toBe(0);
  expect(await buildRows(page).last().locator("td").last().innerText()).toBe(`earlier build ${EARLIER_BUILDS}`);
  // A row still opens its build, the older pages' too.
  await buildRows(page).last().getByRole("link").click();
  await eventually(() => urlOf(page)).toMatch(new RegExp(`/analysis\\?build=${UUID}$`));
  await eventually(() => page.locator("p.error").first().innerText()).toBe(`earlier build ${EARLIER_BUILDS}`);
}, 120_000);

test("a history import's id is in the URL: Back, a reload and a shared link show its counts; another unit's or no import's id is said", async () => {
  const page = await signedInPage(harness, analyst);
  await page.goto(`${harness.baseUrl}/units/${unit.code}/analysis`);

  await page.locator("#import-file").setInputFiles({ name: "history-2020.csv", mimeType: "text/csv", buffer: Buffer.from(declarationsCsv(plantedHistory(120, 60))) });
  await page.getByRole("button", { name: "Upload and import" }).click();
  await eventually(() => urlOf(page)).toMatch(IMPORT_URL);
  const importId = IMPORT_URL.exec(page.url())![1]!;
  await page.getByTestId("import-counts").waitFor({ timeout: 90_000 });
  const counts = await countsOf(page);
  expect(counts).toEqual(["120", "120", "0", "0"]);
  expect(await page.locator("#import-progress").innerText()).toBe("Finished: 100% done");

  // Away to another screen and Back: the same import and its counts.
  await navLink(page, "Profiles").click();
  await eventually(() => urlOf(page)).toMatch(/\/profiles$/);
  await page.goBack();
  await eventually(() => urlOf(page)).toBe(`${harness.baseUrl}/units/${unit.code}/analysis?import=${importId}`);
  await page.getByTestId("import-counts").waitFor();
  expect(await countsOf(page)).toEqual(counts);

  // Reloaded: the same.
  await page.reload();
  await page.getByTestId("import-counts").waitFor();
  expect(await countsOf(page)).toEqual(counts);
  expect(await page.locator("#import-progress").innerText()).toBe("Finished: 100% done");

  // A build started beside it keeps the import in the URL, and the import keeps the build.
  await page.locator("#build-from").fill("2020-01-01");
  await page.locator("#build-to").fill("2020-12-31");
  await page.getByRole("button", { name: "Start the build" }).click();
  await eventually(() => urlOf(page)).toMatch(new RegExp(`/analysis\\?(?=.*\\bimport=${importId}\\b)(?=.*\\bbuild=${UUID}\\b)`));
  expect(await countsOf(page)).toEqual(counts);
  await shot(page, "h1-import-and-build-in-url");

  // A shared link, opened by the colleague in a browser of their own, in Spanish.
  const other = await signedInPage(harness, colleague);
  await other.goto(`${harness.baseUrl}/units/${unit.code}/analysis?import=${importId}`);
  await other.getByTestId("import-counts").waitFor();
  await other.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  expect(await countsOf(other)).toEqual(counts);
  await eventually(() => other.locator("#import-progress").innerText()).toMatch(/^Terminado/);

  // Another unit's import, and no import at all: said, not an error.
  const notFound = "Esta unidad no tiene ninguna importación de historial con el identificador de este enlace.";
  await other.goto(`${harness.baseUrl}/units/${unit.code}/analysis?import=${otherUnitsImport}`);
  await eventually(() => other.getByTestId("import-not-found").innerText()).toBe(notFound);
  expect(await other.getByTestId("import-counts").count()).toBe(0);
  await other.goto(`${harness.baseUrl}/units/${unit.code}/analysis?import=${NO_SUCH_ID}`);
  await eventually(() => other.getByTestId("import-not-found").innerText()).toBe(notFound);
  await other.getByRole("combobox", { name: /^Idioma/ }).selectOption("en");
  await eventually(() => other.getByTestId("import-not-found").innerText()).toBe("This unit has no history import with the id in this link.");
  expect(unexpectedErrors(harness.browserErrors).filter((e) => !/404 \(Not Found\)/.test(e))).toEqual([]);
}, 300_000);

test("a back-test's and a comparison's job ids are in the URL: Back, a reload and a shared link show their figures; an id of no back-test of this version is said", async () => {
  const page = await signedInPage(harness, analyst);
  const versionUrl = `${harness.baseUrl}/units/${unit.code}/profiles/BASELINE-SEA/versions/1`;
  await page.goto(versionUrl);
  await page.getByRole("button", { name: "Start back-test" }).click();
  await eventually(() => urlOf(page)).toMatch(new RegExp(`/versions/1\\?backtest=${UUID}$`));
  const backtestId = new URL(page.url()).searchParams.get("backtest")!;
  const result = page.getByTestId("backtest-result");
  await result.waitFor({ timeout: 90_000 });
  const figures = await result.locator("dl.facts").innerText();
  await page.getByRole("button", { name: "Start the comparison" }).click();
  await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get("comparison"))).toMatch(new RegExp(`^${UUID}$`));
  const comparisonId = new URL(page.url()).searchParams.get("comparison")!;
  expect(new URL(page.url()).searchParams.get("backtest")).toBe(backtestId);
  const comparison = page.getByTestId("comparison");
  await comparison.waitFor({ timeout: 90_000 });
  const compared = await comparison.innerText();
  expect(compared).toContain("BASELINE-AIR v1");

  // Away to another screen and Back: both results again.
  await navLink(page, "Profiles").click();
  await eventually(() => urlOf(page)).toMatch(/\/profiles$/);
  await page.goBack();
  await eventually(() => urlOf(page)).toBe(`${versionUrl}?backtest=${backtestId}&comparison=${comparisonId}`);
  await result.waitFor();
  expect(await result.locator("dl.facts").innerText()).toBe(figures);
  await comparison.waitFor();
  expect(await comparison.innerText()).toBe(compared);

  // Reloaded: the same, with their progress said finished.
  await page.reload();
  await result.waitFor();
  expect(await result.locator("dl.facts").innerText()).toBe(figures);
  await comparison.waitFor();
  expect(await comparison.innerText()).toBe(compared);
  expect(await page.locator("#bt-progress").innerText()).toBe("Finished: 100% done");
  await shot(page, "h1-backtest-in-url");

  // The colleague's browser, in Spanish, from the link.
  const other = await signedInPage(harness, colleague);
  await other.goto(`${versionUrl}?backtest=${backtestId}&comparison=${comparisonId}`);
  await other.getByTestId("backtest-result").waitFor();
  await other.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  await other.getByTestId("comparison").waitFor();
  expect(await other.getByTestId("comparison").innerText()).toContain("BASELINE-AIR v1");

  // The comparison's id as a back-test, a back-test of another version, and no job: said, not shown as figures.
  await other.goto(`${versionUrl}?backtest=${comparisonId}`);
  await eventually(() => other.getByTestId("backtest-not-found").innerText()).toBe("Esta versión no tiene ninguna prueba retrospectiva con el identificador de este enlace.");
  expect(await other.getByTestId("backtest-result").count()).toBe(0);
  await other.goto(`${harness.baseUrl}/units/${unit.code}/profiles/BASELINE-AIR/versions/1?backtest=${backtestId}`);
  await eventually(() => other.getByTestId("backtest-not-found").innerText()).toBe("Esta versión no tiene ninguna prueba retrospectiva con el identificador de este enlace.");
  await other.goto(`${versionUrl}?comparison=${NO_SUCH_ID}`);
  await eventually(() => other.getByTestId("comparison-not-found").innerText()).toBe("Esta versión no tiene ninguna comparación con el identificador de este enlace.");
  await other.getByRole("combobox", { name: /^Idioma/ }).selectOption("en");
  await eventually(() => other.getByTestId("comparison-not-found").innerText()).toBe("This version has no comparison with the id in this link.");
  expect(unexpectedErrors(harness.browserErrors).filter((e) => !/404 \(Not Found\)/.test(e))).toEqual([]);
}, 300_000);
