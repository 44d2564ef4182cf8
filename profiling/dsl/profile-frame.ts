// What a profile says around its indicators, read once when it is compiled:
// its band thresholds, its selection threshold and random rate, the transport
// modes and units it applies to, and its validity window. Shared by the
// per-shipment compiler (compile.ts) and the batch scorer (profiling/batch/),
// so both apply a profile's scope and validity the same way.
import type { Profile } from "./profile-types.js";
import { parseIsoDate } from "./value-checks.js";

const DAY_MS = 86_400_000;

export interface ProfileFrame {
  high: number;
  medium: number;
  low: number;
  /** Selected at or above: the profile's own `select`, else its high threshold. */
  select: number;
  randomRate: number;
  /** Undefined: every transport mode (or unit). */
  modes: ReadonlySet<string> | undefined;
  units: ReadonlySet<string> | undefined;
  /** Epoch ms; validTo is a whole day: the profile still applies on that date. */
  validFrom: number;
  validTo: number;
  /** Whether either validity bound is set (a shipment's date then matters). */
  timeBound: boolean;
}

export function profileFrame(profile: Profile): ProfileFrame {
  const { high, medium, low } = profile.thresholds;
  return {
    high,
    medium,
    low,
    select: profile.thresholds.select ?? high,
    randomRate: profile.randomRate ?? 0,
    modes: profile.scope?.transportModes === undefined ? undefined : new Set<string>(profile.scope.transportModes),
    units: profile.scope?.units === undefined ? undefined : new Set(profile.scope.units),
    validFrom: profile.validFrom === undefined ? -Infinity : parseIsoDate(profile.validFrom),
    validTo: profile.validTo === undefined ? Infinity : parseIsoDate(profile.validTo) + DAY_MS - 1,
    timeBound: profile.validFrom !== undefined || profile.validTo !== undefined,
  };
}
