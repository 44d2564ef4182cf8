// The frame of the browser tests that re-score a vessel after a profile change
// (random-after-rescore, retired-reasons): a new version of the vessel's
// profile activated with a re-score of the upcoming shipments, awaited until
// every container has the new version's assessment; then an officer opens one
// container's "Why it was flagged".
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import type { TestUnit } from "../helpers/test-units.js";
import { waitFor } from "../helpers/wait-for.js";
import { eventually, signIn, type WebHarness } from "./harness.js";

/**
 * Installs `definition` as a new version of its profile in `unit` and activates it with a re-score of the `containers`
 * containers of `manifestId` (vesselTomorrow's); resolves with the new version's id once each of them has its assessment
 * and none waits to be scored. `what` names the re-score in a time-out's message.
 */
export async function activateAndRescore<Definition extends { code: string }>(
  harness: WebHarness,
  unit: TestUnit,
  manifestId: string,
  definition: Definition,
  containers: number,
  what: string,
): Promise<string> {
  const draft = await installProfile(harness.services, unit.id, definition, { activate: false, createdBy: "e2e" });
  const activated = await activateVersion(harness.services, { id: unit.id, code: unit.code, country: "EC", programme: "CCP" },
    { profileCode: definition.code, version: draft.version }, { rescoreUpcoming: true }, { name: "e2e" });
  expect(activated.shipmentsRescored).toBe(containers);
  await waitFor(
    async () => {
      const r = await harness.services.pool.query<{ assessed: number; open: number }>(
        `SELECT (SELECT count(*)::int FROM assessment WHERE profile_version_id = $2) AS assessed,
                (SELECT count(*)::int FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = $1 AND st.status <> 'scored') AS open`,
        [manifestId, draft.versionId],
      );
      return r.rows[0]!.assessed === containers && r.rows[0]!.open === 0;
    },
    { what, timeoutMs: 120_000 },
  );
  return draft.versionId;
}

/** Signs `officer` in (the queue first, as after a sign-in) and opens the container's page once it lists `assessments` assessments or more. */
export async function openWhyFlagged(harness: WebHarness, officer: string, unitCode: string, shipmentId: string, assessments: number): Promise<Page> {
  const page = await harness.newPage();
  await signIn(page, harness.baseUrl, officer);
  await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
  await page.goto(`${harness.baseUrl}/units/${unitCode}/shipments/${shipmentId}`);
  await page.getByRole("heading", { name: "Why it was flagged" }).waitFor();
  await eventually(() => page.locator("#why-h ~ .assessment").count()).toBeGreaterThanOrEqual(assessments);
  return page;
}
