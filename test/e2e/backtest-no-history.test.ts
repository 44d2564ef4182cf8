// Issue 15, item 5: a back-test on a unit with no inspected history says what
// to do (import history first, with the way there) instead of "Finished:
// 100%" over an empty chart.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { createTestAgency } from "../helpers/test-users.js";
import { eventually, sessionToken, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createUnitWithBaseline(harness.services, "KRPUS");
  const agency = await createTestAgency(harness.services, "KR");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "analyst.empty");
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

test("a back-test with no history says to import history first, and shows no chart", async () => {
  const page = await harness.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, harness.baseUrl, analyst);
  await eventually(() => sessionToken(page)).not.toBe("");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/profiles/BASELINE-SEA/versions/1`);
  await page.getByRole("button", { name: "Start back-test" }).click();
  const empty = page.getByTestId("backtest-no-history");
  await empty.waitFor();
  expect(await empty.textContent()).toMatch(/no inspected history .*import its history of inspections first/);
  const link = page.getByRole("link", { name: "Import history" });
  expect(await link.getAttribute("href")).toBe(`/units/${unit.code}/analysis`);
  expect(await page.getByTestId("backtest-result").count()).toBe(0);
  await link.click();
  await page.waitForURL(new RegExp(`/units/${unit.code}/analysis$`));
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
}, 120_000);
