// A posted sample (manifest voyage fields + shipments in the manifest's
// shipment shape) as the scorer's ShipmentInput, built the way ingestion
// stores a manifest line (core/manifests/shipment-rows.ts), so a dry-run on
// a sample scores what the pipeline would score.
import { partyKey } from "../../profiling/features/normalize.js";
import type { PartyInput, ShipmentInput } from "../../profiling/shipment.js";
import type { ManifestShipment } from "../manifests/manifest-schema.js";
import { shipmentOwnFields, shipmentParties } from "../manifests/shipment-rows.js";
import type { SampleVoyage } from "./profile-schemas.js";

const keyed = (party: PartyInput | undefined): PartyInput | undefined => {
  if (!party) return undefined;
  const key = partyKey(party);
  return key ? { ...party, key } : party;
};

export function sampleShipmentInput(voyage: SampleVoyage, shipment: ManifestShipment, index: number): ShipmentInput {
  const parties = shipmentParties(shipment);
  return {
    id: `sample-${index}`,
    transportMode: voyage.transportMode,
    manifestRef: voyage.manifestRef,
    carrierScac: voyage.carrierScac?.toUpperCase(),
    vesselImo: voyage.vesselImo,
    vesselName: voyage.vesselName,
    voyage: voyage.voyage,
    portOfLoading: voyage.portOfLoading,
    transshipmentPorts: voyage.transshipmentPorts,
    portOfDischarge: voyage.portOfDischarge,
    departureDate: voyage.departureDate,
    arrivalDate: voyage.arrivalDate,
    manifestFiledAt: voyage.manifestFiledAt,
    manifestAmendedAt: voyage.manifestAmendedAt,
    ...shipmentOwnFields(shipment),
    shipper: keyed(parties.shipper),
    consignee: keyed(parties.consignee),
    notify: keyed(parties.notify),
    forwarder: keyed(parties.forwarder),
    declarant: keyed(parties.declarant),
  };
}

/** Identity keys of the sample's parties, to look up what the unit knows of them. */
export function samplePartyKeys(inputs: readonly ShipmentInput[]): string[] {
  const keys = new Set<string>();
  for (const s of inputs) {
    for (const party of [s.shipper, s.consignee, s.notify, s.forwarder, s.declarant]) if (party?.key) keys.add(party.key);
  }
  return [...keys];
}
