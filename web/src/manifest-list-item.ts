// One manifest as GET /v1/units/{code}/manifests lists it, with its state
// (the manifests screen's list, screens/ManifestList.tsx). A module of its own,
// without JSX, so the list's unit test imports the type as the screen does.

export interface ManifestListItem {
  id: string;
  manifestRef: string;
  vesselName: string | null;
  flightNumber: string | null;
  portOfLoading: string;
  portOfDischarge: string;
  arrivalDate: string;
  shipmentCount: number;
  receivedAt: string;
  state: "stored" | "expanding" | "failed";
  /** With state "failed": the last error, safe to show, and after how many attempts. */
  failure?: { reason: string; attempts: number; failedAt: string };
}
