// The seeded container history as the manifests a unit would have received:
// one manifest per voyage (manifestRef), its lines as the shipments, with no
// outcome (what was found is recorded by officers afterwards).
import type { HistoryLine } from "../../fixtures/container-history/index.js";

const VOYAGE_KEYS = ["manifestRef", "carrier", "vessel", "flight", "portOfLoading", "transshipmentPorts", "portOfDischarge", "departureDate", "arrivalDate", "manifestFiledAt", "manifestAmendedAt"] as const;

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

export function manifestsOf(lines: readonly HistoryLine[]): Record<string, unknown>[] {
  const byRef = new Map<string, { doc: Record<string, unknown>; shipments: Record<string, unknown>[] }>();
  for (const line of lines) {
    const raw = line as unknown as Record<string, unknown>;
    const shipment: Record<string, unknown> = { ...raw };
    for (const k of [...VOYAGE_KEYS, "outcome"]) delete shipment[k];
    let m = byRef.get(line.manifestRef);
    if (m === undefined) {
      const voyage = withoutNulls(Object.fromEntries(VOYAGE_KEYS.map((k) => [k, raw[k]])));
      // A history line may omit the vessel; a sea manifest may not.
      voyage.vessel ??= { imo: "9074729", name: "MSC AURORA" };
      byRef.set(line.manifestRef, (m = { doc: voyage, shipments: [] }));
    }
    m.shipments.push(withoutNulls(shipment));
  }
  return [...byRef.values()].map((m) => ({ ...m.doc, shipments: m.shipments }));
}
