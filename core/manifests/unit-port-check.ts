// Does a manifest concern the unit it was sent to? A unit profiles the cargo
// of its own port: its LOCODE (control_unit.locode, one per unit; several
// units may share one, e.g. ECGYE and ECGYE-AIR) should be the port of
// discharge (an import), the port of loading (an export) or a transhipment
// port on the route. A manifest for another port is still stored (refusing
// could break a feed), but the answer says so, never silently.
import type { ManifestInput } from "./manifest-schema.js";

export interface ManifestWarning {
  /** The field of the manifest contract the warning is about. */
  path: string;
  message: string;
}

type Route = Pick<ManifestInput, "portOfLoading" | "portOfDischarge" | "transshipmentPorts">;

/** No warning when the unit's LOCODE is on the manifest's route; one, on portOfDischarge, when it is not. */
export function unitPortWarnings(manifest: Route, unitLocode: string): ManifestWarning[] {
  const port = unitLocode.toUpperCase();
  const route = [manifest.portOfDischarge, manifest.portOfLoading, ...(manifest.transshipmentPorts ?? [])];
  if (route.some((p) => p.toUpperCase() === port)) return [];
  return [
    {
      path: "portOfDischarge",
      message: `${manifest.portOfDischarge} is not this unit's port (${port}): neither discharge, loading nor a transhipment port; check the manifest was sent to the right unit`,
    },
  ];
}
