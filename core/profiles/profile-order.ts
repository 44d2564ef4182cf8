// The order a unit's profiles are listed in: those that apply to the unit's
// own transport mode first (a seaport sees the maritime baseline before the
// air one, an air cargo unit the other way round), then the rest; by code
// within each group. A profile applies to a mode when its scope names that
// mode, or names no mode at all.

/** The transport modes a unit's shipments arrive by, from its kind. */
export const UNIT_TRANSPORT_MODES: Record<string, readonly string[]> = {
  seaport: ["sea"],
  air_cargo: ["air"],
  // An inland container terminal: its boxes come in by rail and road.
  dry_port: ["rail", "road"],
};

/** Whether a profile scoped to `profileModes` (null: every mode) applies to a unit receiving `unitModes`. */
export function appliesToModes(profileModes: readonly string[] | null, unitModes: readonly string[]): boolean {
  return profileModes === null || profileModes.some((mode) => unitModes.includes(mode));
}

/** Profiles that apply to the unit's modes first, then the others; each group by code. */
export function orderForUnit<P extends { code: string; transportModes: readonly string[] | null }>(profiles: readonly P[], unitKind: string): P[] {
  const unitModes = UNIT_TRANSPORT_MODES[unitKind] ?? [];
  const byCode = (a: P, b: P) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const applying = profiles.filter((p) => appliesToModes(p.transportModes, unitModes)).sort(byCode);
  const others = profiles.filter((p) => !appliesToModes(p.transportModes, unitModes)).sort(byCode);
  return [...applying, ...others];
}
