// Loads shipments with their voyage (from the manifest, or for a history
// record from its own `voyage` column) and turns them into the plain
// ShipmentInput the pure scorer takes. Party identity keys are derived from
// the stored party data with the same partyKey() that keyed the party table at
// ingestion, so the hot scoring read needs no join per party role.
import { partyKey } from "../../profiling/features/normalize.js";
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
  /** A nullable TEXT[] column: rows loaded by COPY (the demo year) may hold NULL. */
  transshipment_ports: string[] | null;
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
  seal_numbers: string[] | null;
  is_empty: boolean;
  parties: Record<string, PartyInput>;
  party_ids: string[];
  hs_codes: string[] | null;
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

/**
 * The columns of a ShipmentInput row over `shipment s LEFT JOIN manifest m ON m.id = s.manifest_id` (also read in
 * bulk by prepared-history.ts). The list columns come as JSON (to_json): V8's JSON.parse reads them where pg's
 * array parser went character by character in JavaScript, 15.9 -> 4.4 ms of a worker's CPU per chunk of 500
 * shipments read (bench/queue-at-scale's 1M unit); the values are the same.
 */
export const SHIPMENT_INPUT_COLUMNS = `
  s.id, s.transport_mode,
         COALESCE(m.manifest_ref, s.voyage->>'manifestRef') AS manifest_ref,
         COALESCE(m.carrier_scac, s.voyage->>'carrierScac') AS carrier_scac,
         COALESCE(m.vessel_imo, s.voyage->>'vesselImo') AS vessel_imo,
         COALESCE(m.vessel_name, s.voyage->>'vesselName') AS vessel_name,
         COALESCE(m.voyage, s.voyage->>'voyage') AS voyage,
         s.port_of_loading, to_json(s.transshipment_ports) AS transshipment_ports, s.port_of_discharge, s.place_of_delivery,
         COALESCE(m.departure_date, (s.voyage->>'departureDate')::date) AS departure_date, s.arrival_date,
         COALESCE(m.manifest_filed_at, (s.voyage->>'manifestFiledAt')::timestamptz) AS manifest_filed_at,
         COALESCE(m.manifest_amended_at, (s.voyage->>'manifestAmendedAt')::timestamptz) AS manifest_amended_at, s.booking_date,
         s.bill_of_lading, s.house_bill_of_lading, s.container_number, s.container_type, to_json(s.seal_numbers) AS seal_numbers, s.is_empty,
         s.parties,
         to_json(array_remove(ARRAY[s.shipper_id, s.consignee_id, s.notify_id, s.forwarder_id, s.declarant_id]::text[], NULL)) AS party_ids,
         to_json(s.hs_codes) AS hs_codes, s.goods_description, s.packages, s.package_type, s.gross_weight_kg, s.net_weight_kg,
         s.declared_value, s.currency, s.country_of_origin, s.country_of_departure, s.freight_terms,
         s.stuffing_location, s.attributes`;

const SELECT_SHIPMENTS = `
  SELECT ${SHIPMENT_INPUT_COLUMNS}
    FROM shipment s
    LEFT JOIN manifest m ON m.id = s.manifest_id
   WHERE s.id = ANY($1::uuid[])`;

export interface LoadedShipment {
  id: string;
  row: ShipmentRow;
  partyIds: string[];
}

export type ShipmentRow = Row;

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
/** A NULL list column is an empty list: the pure profiling code iterates these without checking. */
const list = (value: readonly string[] | null): string[] => (value === null ? [] : [...value]);

function withKey(party: PartyInput | undefined): PartyInput | undefined {
  if (!party) return undefined;
  const key = partyKey(party);
  return key ? { ...party, key } : party;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Throws when a stored row is malformed (hand-edited data): that shipment fails, not its batch. */
export function toShipmentInput(row: Row): ShipmentInput {
  if (!isPlainObject(row.parties)) throw new Error("stored shipment is malformed: parties is not an object");
  if (!isPlainObject(row.attributes)) throw new Error("stored shipment is malformed: attributes is not an object");
  const parties = row.parties;
  return {
    id: row.id,
    transportMode: row.transport_mode,
    manifestRef: opt(row.manifest_ref),
    carrierScac: opt(row.carrier_scac),
    vesselImo: opt(row.vessel_imo),
    vesselName: opt(row.vessel_name),
    voyage: opt(row.voyage),
    portOfLoading: opt(row.port_of_loading),
    transshipmentPorts: list(row.transshipment_ports),
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
    sealNumbers: list(row.seal_numbers),
    // NULL: the source never reported seals (unknown); '{}': none reported (missing).
    ...(row.seal_numbers === null ? { sealsReported: false as const } : {}),
    isEmpty: row.is_empty,
    shipper: withKey(parties.shipper),
    consignee: withKey(parties.consignee),
    notify: withKey(parties.notify),
    forwarder: withKey(parties.forwarder),
    declarant: withKey(parties.declarant),
    hsCodes: list(row.hs_codes),
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
