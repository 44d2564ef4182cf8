// The demo's manifests concern the units they are loaded into: none of them
// draws the "not this unit's port" warning (unit-port-check.ts) when seeded.
import { expect, test } from "vitest";
import { fastManifest } from "../../core/manifests/fast-manifest.js";
import { unitPortWarnings } from "../../core/manifests/unit-port-check.js";
import { loadDemoManifests, loadUnits } from "../../fixtures/index.js";

test("every demo manifest's route touches its unit's LOCODE", () => {
  const locodes = new Map(loadUnits().map((unit) => [unit.code, unit.locode]));
  const manifests = loadDemoManifests();
  expect(manifests.length).toBeGreaterThan(0);
  for (const { unitCode, manifest } of manifests) {
    const locode = locodes.get(unitCode);
    expect(locode, unitCode).toBeDefined();
    const parsed = fastManifest(manifest, 50_000);
    expect(parsed, unitCode).not.toBeNull();
    expect(unitPortWarnings(parsed!, locode!), unitCode).toEqual([]);
  }
});
