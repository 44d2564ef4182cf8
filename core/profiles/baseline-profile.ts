// The built-in baseline profiles every unit starts with: maritime
// (fixtures/profiles/baseline.json) and air cargo (baseline-air.json), each
// scoped to its transport mode, so a unit's sea and air shipments are both
// assessed from day one.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Services } from "../services.js";
import { installProfile } from "./install-profile.js";

const BASELINE = fileURLToPath(new URL("../../fixtures/profiles/baseline.json", import.meta.url));
const BASELINE_AIR = fileURLToPath(new URL("../../fixtures/profiles/baseline-air.json", import.meta.url));

/** The maritime baseline (BASELINE-SEA). */
export async function loadBaselineProfile(): Promise<unknown> {
  return JSON.parse(await readFile(BASELINE, "utf8")) as unknown;
}

/** The air cargo baseline (BASELINE-AIR). */
export async function loadAirBaselineProfile(): Promise<unknown> {
  return JSON.parse(await readFile(BASELINE_AIR, "utf8")) as unknown;
}

/** Every built-in baseline, maritime first. */
export async function loadBaselineProfiles(): Promise<unknown[]> {
  return [await loadBaselineProfile(), await loadAirBaselineProfile()];
}

/**
 * Installs and activates every built-in baseline in a unit; returns the version ids, maritime first.
 * `versionIdOf` names a version's id by its profile code (the demo data's, so its random picks are the same every load).
 */
export async function installBaselineProfiles(services: Pick<Services, "pool">, unitId: string, createdBy: string, versionIdOf?: (profileCode: string) => string): Promise<string[]> {
  const versionIds: string[] = [];
  for (const definition of await loadBaselineProfiles()) {
    const code = (definition as { code: string }).code;
    versionIds.push((await installProfile(services, unitId, definition, { activate: true, createdBy, ...(versionIdOf ? { versionId: versionIdOf(code) } : {}) })).versionId);
  }
  return versionIds;
}
