// The frame of the manifests screen's browser tests with a failed manifest
// (manifest-failed-state, manifest-list-paging): a unit with an officer who
// signs in and a feeder who posts, and a manifest whose expansion the database
// refuses (test/helpers/expansion-fault.ts) once, which marks it failed.
import request from "supertest";
import { expect } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import { stageFailing, type ExpansionFault } from "../helpers/expansion-fault.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import type { WebHarness } from "./harness.js";

/** startWebHarness's environment: manifests of 5 containers or more expand in the workers only, one attempt each. */
export const ONE_EXPANSION_ATTEMPT = { MANIFEST_STAGED_FROM: "5", MANIFEST_EXPAND_IN_API: "false", MANIFEST_EXPAND_MAX_ATTEMPTS: "1" };

/** A unit, its officer (signs in as `officerName`) and a feeder. */
export async function unitWithFeeder(harness: WebHarness, officerName: string): Promise<{ unit: TestUnit; officer: string; feeder: TestUser }> {
  const unit = await createTestUnit(harness.services);
  const agency = await createTestAgency(harness.services);
  const officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, officerName);
  const feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }]);
  return { unit, officer, feeder };
}

/** Posts a manifest of 6 containers (`overrides` on buildManifest's) whose expansion the database refuses. */
export async function postFailingManifest(harness: WebHarness, unit: TestUnit, feeder: TestUser, overrides: Record<string, unknown> = {}): Promise<{ manifestId: string; manifestRef: string; fault: ExpansionFault }> {
  const failing = buildManifest(6, overrides);
  const staged = await stageFailing(
    harness.services,
    async () => ({ manifestId: (await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(failing)).body.manifestId as string }),
    1_000,
  );
  return { ...staged, manifestRef: failing.manifestRef as string };
}

/** Posts a manifest the API accepts (202). */
export async function postManifest(harness: WebHarness, unit: TestUnit, feeder: TestUser, manifest: Record<string, unknown>): Promise<void> {
  expect((await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(manifest)).status).toBe(202);
}

/** Resolves once the API says the manifest failed. */
export async function manifestFailed(harness: WebHarness, unit: TestUnit, feeder: TestUser, manifestId: string): Promise<void> {
  await waitFor(async () => (await request(harness.app).get(`/v1/units/${unit.code}/manifests/${manifestId}`).set(bearer(feeder))).body.state === "failed", { what: "the manifest marked failed" });
}
