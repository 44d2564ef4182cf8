// The voyage part of a manifest as the API shows it, in the manifest answer
// and inside each shipment's answer.
import type { Manifest } from "../../generated/prisma/client.js";

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function voyageView(manifest: Manifest) {
  return {
    id: manifest.id,
    manifestRef: manifest.manifestRef,
    transportMode: manifest.transportMode,
    carrier: { scac: manifest.carrierScac, name: manifest.carrierName },
    vessel: { imo: manifest.vesselImo, name: manifest.vesselName, voyage: manifest.voyage },
    flightNumber: manifest.flightNumber,
    portOfLoading: manifest.portOfLoading,
    transshipmentPorts: manifest.transshipmentPorts,
    portOfDischarge: manifest.portOfDischarge,
    departureDate: manifest.departureDate ? isoDay(manifest.departureDate) : null,
    arrivalDate: isoDay(manifest.arrivalDate),
    manifestFiledAt: manifest.manifestFiledAt,
    manifestAmendedAt: manifest.manifestAmendedAt,
  };
}
