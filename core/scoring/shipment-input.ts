// Loads shipments with their voyage and party identities and turns them into
// the plain ShipmentInput the pure scorer takes.
import type { PartyInput, ShipmentInput, TransportMode } from "../../profiling/shipment.js";
import type { PoolClient } from "../db/pool.js";

interface Row {
  id: string;
  transport_mode: TransportMode;
  manifest_ref: string | null;
  carrier_scac: string | null;
  vessel_imo: string | null;
  vessel_name: string | null;
  voyage: string | null;
  port_of_loading: string | null;
  transshipment_ports: string[];
  port_of_discharge: string | null;
  place_of_delivery: string | null;
  departure_date: string | null;
  arrival_date: string | null;
  manifest_filed_at: Date | null;
  manifest_amended_at: Date | null;
  booking_date: string | null;
  bill_of_lading: string;
  house_bill_of_lading: string | null;
  container_number: string | null;
  container_type: string | null;
  seal_numbers: string[];
  is_empty: boolean;
  parties: Record<string, PartyInput>;
  party_keys: Record<string, string | null>;
  party_ids: string[];
  hs_codes: string[];
  goods_description: string | null;
  packages: number | null;
  package_type: string | null;
  gross_weight_kg: number | null;
  net_weight_kg: number | null;
  declared_value: number | null;
  currency: string | null;
  country_of_origin: string | null;
  country_of_departure: string | null;
  freight_terms: "prepaid" | "collect" | null;
  stuffing_location: string | null;
  attributes: Record<string, string | number | boolean | null>;
}

const SELECT_SHIPMENTS = `
  SELECT s.id, s.transport_mode, m.manifest_ref, m.carrier_scac, m.vessel_imo, m.vessel_name, m.voyage,
         s.port_of_loading, s.transshipment_ports, s.port_of_discharge, s.place_of_delivery,
         m.departure_date, s.arrival_date, m.manifest_filed_at, m.manifest_amended_at, s.booking_date,
         s.bill_of_lading, s.house_bill_of_lading, s.container_number, s.container_type, s.seal_numbers, s.is_empty,
         s.parties,
         json_build_object('shipper', ps.identity_key, 'consignee', pc.identity_key, 'notify', pn.identity_key,
                           'forwarder', pf.identity_key, 'declarant', pd.identity_key) AS party_keys,
         array_remove(ARRAY[s.shipper_id, s.consignee_id, s.notify_id, s.forwarder_id, s.declarant_id]::text[], NULL) AS party_ids,
         s.hs_codes, s.goods_description, s.packages, s.package_type, s.gross_weight_kg, s.net_weight_kg,
         s.declared_value, s.currency, s.country_of_origin, s.country_of_departure, s.freight_terms,
         s.stuffing_location, s.attributes
    FROM shipment s
    LEFT JOIN manifest m ON m.id = s.manifest_id
    LEFT JOIN party ps ON ps.id = s.shipper_id
    LEFT JOIN party pc ON pc.id = s.consignee_id
    LEFT JOIN party pn ON pn.id = s.notify_id
    LEFT JOIN party pf ON pf.id = s.forwarder_id
    LEFT JOIN party pd ON pd.id = s.declarant_id
   WHERE s.id = ANY($1::uuid[])`;

export interface LoadedShipment {
  id: string;
  row: ShipmentRow;
  partyIds: string[];
}

export type ShipmentRow = Row;

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function withKey(party: PartyInput | undefined, key: string | null): PartyInput | undefined {
  if (!party) return undefined;
  return key ? { ...party, key } : party;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Throws when a stored row is malformed (hand-edited data): that shipment fails, not its batch. */
export function toShipmentInput(row: Row): ShipmentInput {
  if (!isPlainObject(row.parties)) throw new Error("stored shipment is malformed: parties is not an object");
  if (!isPlainObject(row.attributes)) throw new Error("stored shipment is malformed: attributes is not an object");
  const parties = row.parties;
  const keys = row.party_keys;
  return {
    id: row.id,
    transportMode: row.transport_mode,
    manifestRef: opt(row.manifest_ref),
    carrierScac: opt(row.carrier_scac),
    vesselImo: opt(row.vessel_imo),
    vesselName: opt(row.vessel_name),
    voyage: opt(row.voyage),
    portOfLoading: opt(row.port_of_loading),
    transshipmentPorts: row.transshipment_ports,
    portOfDischarge: opt(row.port_of_discharge),
    placeOfDelivery: opt(row.place_of_delivery),
    departureDate: opt(row.departure_date),
    arrivalDate: opt(row.arrival_date),
    manifestFiledAt: row.manifest_filed_at?.toISOString(),
    manifestAmendedAt: row.manifest_amended_at?.toISOString(),
    bookingDate: opt(row.booking_date),
    billOfLading: row.bill_of_lading,
    houseBillOfLading: opt(row.house_bill_of_lading),
    containerNumber: opt(row.container_number),
    containerType: opt(row.container_type),
    sealNumbers: row.seal_numbers,
    isEmpty: row.is_empty,
    shipper: withKey(parties.shipper, keys.shipper ?? null),
    consignee: withKey(parties.consignee, keys.consignee ?? null),
    notify: withKey(parties.notify, keys.notify ?? null),
    forwarder: withKey(parties.forwarder, keys.forwarder ?? null),
    declarant: withKey(parties.declarant, keys.declarant ?? null),
    hsCodes: row.hs_codes,
    goodsDescription: opt(row.goods_description),
    packages: opt(row.packages),
    packageType: opt(row.package_type),
    grossWeightKg: opt(row.gross_weight_kg),
    netWeightKg: opt(row.net_weight_kg),
    declaredValue: opt(row.declared_value),
    currency: opt(row.currency),
    countryOfOrigin: opt(row.country_of_origin),
    countryOfDeparture: opt(row.country_of_departure),
    freightTerms: opt(row.freight_terms),
    stuffingLocation: opt(row.stuffing_location),
    attributes: row.attributes,
  };
}

export async function loadShipmentInputs(client: PoolClient, ids: readonly string[]): Promise<LoadedShipment[]> {
  if (ids.length === 0) return [];
  const result = await client.query<Row>(SELECT_SHIPMENTS, [ids]);
  return result.rows.map((row) => ({ id: row.id, row, partyIds: row.party_ids }));
}
