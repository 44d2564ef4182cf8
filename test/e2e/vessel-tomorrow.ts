// The frame the officer triage browser tests share (officer-triage,
// officer-confirmations): two units of one agency at Guayaquil, the first with
// a fruit-from-Guayaquil profile active, a feeder (API token user) in each,
// and in the first a vessel of `containers` containers leaving Guayaquil
// tomorrow (inside the triage board's 72 h), every container scored before a browser opens.
import request from "supertest";
import { expect } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { fruitFromGuayaquilProfile, twoUnits, type WebHarness } from "./harness.js";

export interface VesselTomorrow {
  unitA: TestUnit;
  unitB: TestUnit;
  agencyCode: string;
  feederA: TestUser;
  feederB: TestUser;
  /** The vessel's manifest, in unit A. */
  manifestId: string;
}

export async function vesselTomorrow(harness: WebHarness, profileCode: string, containers: number, scoringTimeoutMs: number): Promise<VesselTomorrow> {
  const { unitA, unitB, agencyCode } = await twoUnits(harness, fruitFromGuayaquilProfile(profileCode));
  const feederA = await createTestUser(harness.services, [{ role: "officer", unitCode: unitA.code }], agencyCode);
  const feederB = await createTestUser(harness.services, [{ role: "officer", unitCode: unitB.code }], agencyCode);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  // Loaded at Guayaquil, the unit's own port: an export it screens, on the board by its departure day.
  const posted = await request(harness.app).post(`/v1/units/${unitA.code}/manifests`).set(bearer(feederA)).send(buildManifest(containers, { arrivalDate: tomorrow, departureDate: tomorrow }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  await waitFor(
    async () => {
      const r = await harness.services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status = 'scored'", [manifestId]);
      return r.rows[0]!.n === containers;
    },
    { what: `scoring of the ${containers.toLocaleString("en")} containers`, timeoutMs: scoringTimeoutMs },
  );
  return { unitA, unitB, agencyCode, feederA, feederB, manifestId };
}
