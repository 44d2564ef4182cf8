// The manifests screen of a unit with more manifests than a page (53, 50 a
// page): the alert counts the failed manifest although it is the oldest and
// not on the first page, the caption says 53 and how many are shown, and
// "Load more" brings the rest, the failed one with its reason. The failure is
// a real expansion refused by the database (test/helpers/expansion-fault.ts).
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import { stageFailing, type ExpansionFault } from "../helpers/expansion-fault.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { eventually, sessionToken, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let fault: ExpansionFault | undefined;
let failedRef: string;

beforeAll(async () => {
  harness = await startWebHarness({ MANIFEST_STAGED_FROM: "5", MANIFEST_EXPAND_IN_API: "false", MANIFEST_EXPAND_MAX_ATTEMPTS: "1" });
  const { services, app } = harness;
  unit = await createTestUnit(services);
  const agency = await createTestAgency(services);
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, "officer.paging");
  const feeder = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  // The oldest arrival, so the last on the list.
  const failing = buildManifest(6, { departureDate: "2026-09-15", arrivalDate: "2026-10-01" });
  failedRef = failing.manifestRef as string;
  const staged = await stageFailing(
    services,
    async () => ({ manifestId: (await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(failing)).body.manifestId as string }),
    1_000,
  );
  fault = staged.fault;
  for (let i = 0; i < 52; i += 1) {
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(buildManifest(1, { departureDate: "2026-11-01", arrivalDate: `2026-11-${String(10 + (i % 6)).padStart(2, "0")}` }));
    expect(posted.status).toBe(202);
  }
  await waitFor(async () => (await request(app).get(`/v1/units/${unit.code}/manifests/${staged.manifestId}`).set(bearer(feeder))).body.state === "failed", { what: "the manifest marked failed" });
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
