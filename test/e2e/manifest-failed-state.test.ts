// The manifests screen with a large manifest whose expansion failed
// (core/manifests/expansion-failures.ts; the fault: a trigger refusing its
// shipment rows, test/helpers/expansion-fault.ts): the officer reads an alert
// that one manifest could not be stored and nothing is lost, and its row says
// Failed with the reason; a stored manifest reads Stored; in Spanish too; no
// serious accessibility violation.
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import { EXPANSION_FAULT, type ExpansionFault } from "../helpers/expansion-fault.js";
import type { TestUnit } from "../helpers/test-units.js";
import type { TestUser } from "../helpers/test-users.js";
import { axePage, axeViolations } from "./axe.js";
import { manifestFailed, ONE_EXPANSION_ATTEMPT, postFailingManifest, postManifest, unitWithFeeder } from "./failed-manifest.js";
import { eventually, sessionToken, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let fault: ExpansionFault | undefined;
let failedRef: string;
let storedRef: string;

beforeAll(async () => {
  // One failed expansion marks it failed; only the workers' job expands (the fault is installed before it runs).
  harness = await startWebHarness(ONE_EXPANSION_ATTEMPT);
  let feeder: TestUser;
  ({ unit, officer, feeder } = await unitWithFeeder(harness, "officer.manifests"));
  let manifestId: string;
  ({ manifestId, manifestRef: failedRef, fault } = await postFailingManifest(harness, unit, feeder));
  const small = buildManifest(2);
  storedRef = small.manifestRef as string;
  await postManifest(harness, unit, feeder, small);
  await manifestFailed(harness, unit, feeder, manifestId);
}, 120_000);
afterAll(async () => {
  await fault?.drop();
  await harness?.close();
});

test("a failed manifest is announced and explained on the manifests screen, in English and Spanish", async () => {
  const page = await axePage(harness);
  await signIn(page, harness.baseUrl, officer);
  await eventually(() => sessionToken(page)).not.toBe("");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/manifests`);
  const alert = page.getByTestId("manifests-failed");
  await alert.waitFor();
  expect(await alert.textContent()).toBe("One manifest could not be stored: its containers are not in the queue. Nothing received is lost; ask an administrator to retry it.");
  const failedRow = page.locator('[data-state="failed"]');
  expect(await failedRow.textContent()).toContain(failedRef);
  expect(await failedRow.textContent()).toContain(`FailedIts containers could not be written (1 attempt): ${EXPANSION_FAULT}. The manifest is kept as received; an administrator can retry it.`);
  const storedRow = page.locator('[data-state="stored"]');
  expect(await storedRow.textContent()).toContain(storedRef);
  expect(await storedRow.textContent()).toContain("Stored");
  expect(await axeViolations(page)).toEqual([]);

  await page.evaluate(`localStorage.setItem('portcullis.language', 'es')`);
  await page.reload();
  await page.getByText("Un manifiesto no se pudo almacenar").waitFor();
  expect(await page.locator('[data-state="failed"]').textContent()).toContain(`No se pudieron escribir sus contenedores (1 intento): ${EXPANSION_FAULT}.`);
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  await page.context().close();
}, 120_000);
