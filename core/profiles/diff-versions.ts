// Use case: what changed between two versions of a profile (the review
// screen before activation): indicators added, removed, changed, settings.
import { diffProfiles } from "../../profiling/diff.js";
import type { UnitScope } from "../auth/principal.js";
import type { Services } from "../services.js";
import { checkDefinition, findProfile, findVersion } from "./profile-store.js";

export async function diffVersions(services: Pick<Services, "pool">, unit: UnitScope, profileCode: string, from: number, to: number) {
  const profile = await findProfile(services.pool, unit.id, profileCode);
  const [before, after] = await Promise.all([findVersion(services.pool, profile, from), findVersion(services.pool, profile, to)]);
  return {
    profileCode: profile.code,
    from: { version: before.version, status: before.status },
    to: { version: after.version, status: after.status },
    ...diffProfiles(checkDefinition(before.definition), checkDefinition(after.definition)),
  };
}
