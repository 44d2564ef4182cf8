// The manifests screen of a unit with more manifests than a page (53, 50 a
// page): the alert counts the failed manifest although it is the oldest and
// not on the first page, the caption says 53 and how many are shown, and
// "Load more" brings the rest, the failed one with its reason. The failure is
// a real expansion refused by the database (test/helpers/expansion-fault.ts).
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import type { ExpansionFault } from "../helpers/expansion-fault.js";
import type { TestUnit } from "../helpers/test-units.js";
import type { TestUser } from "../helpers/test-users.js";
import { manifestFailed, ONE_EXPANSION_ATTEMPT, postFailingManifest, postManifest, unitWithFeeder } from "./failed-manifest.js";
import { eventually, sessionToken, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let fault: ExpansionFault | undefined;
let failedRef: string;

beforeAll(async () => {
  harness = await startWebHarness(ONE_EXPANSION_ATTEMPT);
  let feeder: TestUser;
  ({ unit, officer, feeder } = await unitWithFeeder(harness, "officer.paging"));
  // The oldest arrival, so the last on the list.
  let manifestId: string;
  ({ manifestId, manifestRef: failedRef, fault } = await postFailingManifest(harness, unit, feeder, { departureDate: "2026-09-15", arrivalDate: "2026-10-01" }));
  for (let i = 0; i < 52; i += 1) {
    await postManifest(harness, unit, feeder, buildManifest(1, { departureDate: "2026-11-01", arrivalDate: `2026-11-${String(10 + (i % 6)).padStart(2, "0")}` }));
  }
  await manifestFailed(harness, unit, feeder, manifestId);
}, 120_000);
afterAll(async () => {
  await fault?.drop();
  await harness?.close();
});

test("the failed manifest beyond the first page is announced, the caption counts all 53, and Load more shows it", async () => {
  const page = await harness.newPage();
  await signIn(page, harness.baseUrl, officer);
  await eventually(() => sessionToken(page)).not.toBe("");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/manifests`);
  const rows = page.getByTestId("manifest-list").locator("tr[data-state]");
  await eventually(() => rows.count()).toBe(50);
  expect(await page.locator('tr[data-state="failed"]').count()).toBe(0);
  expect(await page.getByTestId("manifests-failed").textContent()).toBe("One manifest could not be stored: its containers are not in the queue. Nothing received is lost; ask an administrator to retry it.");
  expect(await page.getByTestId("manifest-list").locator("caption").textContent()).toContain("53 manifests, latest arrival first");
  expect(await page.getByTestId("manifests-shown").textContent()).toBe("50 of 53 manifests shown.");
  await shot(page, "mp-01-first-page");
  await page.getByRole("button", { name: "Load more" }).click();
  await eventually(() => rows.count()).toBe(53);
  expect(await page.locator('tr[data-state="failed"]').textContent()).toContain(failedRef);
  expect(await page.getByTestId("manifests-shown").count()).toBe(0);
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  await page.context().close();
}, 120_000);
