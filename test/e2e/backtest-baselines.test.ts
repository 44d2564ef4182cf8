// A seaport's analyst back-tests BASELINE-SEA v1 (10 indicators) on a small
// maritime history: the indicator chart's caption says it counts those that
// matched a record and how many of the profile's 10 matched none (it read
// "of 4" as if the profile had 4). Comparing with an active version offers
// BASELINE-AIR apart, as for other transport modes, and once compared says
// that the air baseline scored none of the history instead of a bare "0 %".
import { afterAll, beforeAll, expect, test } from "vitest";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { insertSeaHistory } from "../helpers/sea-history.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { createTestAgency } from "../helpers/test-users.js";
import { eventually, sessionToken, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "BEANR");
  await installBaselineProfiles(harness.services, unit.id, "test");
  const agency = await createTestAgency(harness.services, "BE");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "analyst.baselines");
  const outcomes = ["seizure", "nothing_found", "seizure", "nothing_found", "nothing_found", "nothing_found"] as const;
  await insertSeaHistory(harness.services, unit.id, outcomes);
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

test("the caption counts the indicators that matched, and an air baseline for a sea profile is set apart and said to score nothing", async () => {
  const page = await harness.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, harness.baseUrl, analyst);
  await eventually(() => sessionToken(page)).not.toBe("");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/profiles/BASELINE-SEA/versions/1`);
  await page.getByRole("button", { name: "Start back-test" }).click();
  const chart = page.getByTestId("backtest-result").getByTestId("indicator-chart");
  const caption = chart.getByText(/indicators with the most points on hits/);
  await caption.waitFor();
  const text = (await caption.textContent()) ?? "";
  const found = /of the (\d+) that matched at least one record; .* (\d+) of the profile's 10 indicators matched no record/.exec(text);
  expect(found, text).not.toBeNull();
  expect(Number(found![1]) + Number(found![2])).toBe(10);
  expect(Number(found![1])).toBeGreaterThan(0);

  // The only other active version is the air baseline: offered, but under other transport modes.
  const groups = page.getByLabel("Baseline").locator("optgroup");
  expect(await groups.count()).toBe(1);
  expect(await groups.getAttribute("label")).toBe("For other transport modes (they may score none of these records)");
  expect(await groups.textContent()).toBe("BASELINE-AIR v1");
  await page.getByRole("button", { name: "Start the comparison" }).click();
  await page.getByTestId("comparison").waitFor();
  const said = page.getByTestId("comparison-unscored-baseline");
  await eventually(() => said.textContent()).toBe(
    "Baseline: BASELINE-AIR v1 This profile scored none of these records: its scope (Air) does not match the unit's history (Sea). The figures below say nothing about it.",
  );
  // The candidate scored some of them: nothing said about it.
  expect(await page.getByTestId("comparison-unscored-candidate").count()).toBe(0);
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
}, 150_000);
