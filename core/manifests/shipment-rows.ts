// Turns a validated manifest into rows for the shipment table (COPY order).
import { uuidV7 } from "../ids.js";
import type { CopyValue } from "../db/copy-rows.js";
import type { PartyRef } from "../parties/upsert-parties.js";
import { partyKey } from "../../profiling/features/normalize.js";
import type { PartyInput, ShipmentInput } from "../../profiling/shipment.js";
import type { ManifestInput, ManifestShipment } from "./manifest-schema.js";

export const SHIPMENT_COLUMNS = [
  "id", "unit_id", "source", "manifest_id", "line_no", "bill_of_lading", "house_bill_of_lading",
  "container_number", "container_type", "seal_numbers", "is_empty", "transport_mode", "port_of_loading",
  "transshipment_ports", "port_of_discharge", "place_of_delivery", "arrival_date", "shipper_id",
  "consignee_id", "notify_id", "forwarder_id", "declarant_id", "parties", "shipper_name", "consignee_name",
  "hs_codes", "goods_description", "packages", "package_type", "gross_weight_kg", "net_weight_kg",
  "declared_value", "currency", "country_of_origin", "country_of_departure", "freight_terms",
  "booking_date", "stuffing_location", "attributes",
] as const;

const ROLE_FIELDS = { shipper: "shipper", consignee: "consignee", notify: "notifyParty", forwarder: "forwarder", declarant: "declarant" } as const;
type Role = keyof typeof ROLE_FIELDS;

export function shipmentParties(shipment: ManifestShipment): Partial<Record<Role, PartyInput>> {
  const parties: Partial<Record<Role, PartyInput>> = {};
  for (const [role, field] of Object.entries(ROLE_FIELDS) as [Role, keyof ManifestShipment][]) {
    const party = shipment[field] as PartyInput | undefined;
    if (party) parties[role] = party;
  }
  return parties;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Booking date and stuffing location arrive either as fields or, as in the
 * published example, inside `attributes`; the typed column takes either, and
 * `attributes` stays exactly as received.
 */
export function lifted(shipment: ManifestShipment, name: "bookingDate" | "stuffingLocation"): string | undefined {
  const own = shipment[name];
  if (own) return own;
  const value = shipment.attributes[name];
  if (typeof value !== "string") return undefined;
  return name === "bookingDate" ? (DATE.test(value) ? value : undefined) : value.slice(0, 200);
}

/** The fields of ShipmentInput a contract shipment gives by itself (no voyage, no parties). */
export type ShipmentOwnFields = Pick<
  ShipmentInput,
  | "placeOfDelivery" | "bookingDate" | "billOfLading" | "houseBillOfLading" | "containerNumber" | "containerType" | "sealNumbers" | "isEmpty"
  | "hsCodes" | "goodsDescription" | "packages" | "packageType" | "grossWeightKg" | "netWeightKg" | "declaredValue" | "currency"
  | "countryOfOrigin" | "countryOfDeparture" | "freightTerms" | "stuffingLocation" | "attributes"
>;

/**
 * A contract shipment's own fields as the scorer reads them, the way
 * ingestion stores them: shared by dry-run samples and imported history
 * lines, whose voyage and parties come from elsewhere.
 */
export function shipmentOwnFields(shipment: ManifestShipment): ShipmentOwnFields {
  return {
    placeOfDelivery: shipment.placeOfDelivery,
    bookingDate: lifted(shipment, "bookingDate"),
    billOfLading: shipment.billOfLading,
    houseBillOfLading: shipment.houseBillOfLading,
    containerNumber: shipment.containerNumber,
    containerType: shipment.containerType,
    sealNumbers: shipment.sealNumbers,
    isEmpty: shipment.isEmpty,
    hsCodes: shipment.hsCodes,
    goodsDescription: shipment.goodsDescription,
    packages: shipment.packages,
    packageType: shipment.packageType,
    grossWeightKg: shipment.grossWeightKg,
    netWeightKg: shipment.netWeightKg,
    declaredValue: shipment.declaredValue?.amount,
    currency: shipment.declaredValue?.currency,
    countryOfOrigin: shipment.countryOfOrigin,
    countryOfDeparture: shipment.countryOfDeparture,
    freightTerms: shipment.freightTerms,
    stuffingLocation: lifted(shipment, "stuffingLocation"),
    attributes: shipment.attributes,
  };
}

export interface ShipmentRowContext {
  unitId: string;
  manifestId: string;
  manifest: ManifestInput;
  parties: Map<string, PartyRef>;
}

export function shipmentRow(shipment: ManifestShipment, lineNo: number, ctx: ShipmentRowContext): CopyValue[] {
  const { manifest } = ctx;
  const parties = shipmentParties(shipment);
  const partyId = (role: Role) => {
    const party = parties[role];
    const key = party ? partyKey(party) : undefined;
    return key ? (ctx.parties.get(key)?.id ?? null) : null;
  };
  return [
    uuidV7(), ctx.unitId, "manifest", ctx.manifestId, lineNo, shipment.billOfLading, shipment.houseBillOfLading,
    shipment.containerNumber, shipment.containerType, shipment.sealNumbers, shipment.isEmpty, manifest.transportMode,
    manifest.portOfLoading, manifest.transshipmentPorts, manifest.portOfDischarge, shipment.placeOfDelivery,
    manifest.arrivalDate, partyId("shipper"), partyId("consignee"), partyId("notify"), partyId("forwarder"),
    partyId("declarant"), parties, shipment.shipper?.name, shipment.consignee?.name, shipment.hsCodes,
    shipment.goodsDescription, shipment.packages, shipment.packageType, shipment.grossWeightKg, shipment.netWeightKg,
    shipment.declaredValue?.amount, shipment.declaredValue?.currency, shipment.countryOfOrigin,
    shipment.countryOfDeparture, shipment.freightTerms, lifted(shipment, "bookingDate"),
    lifted(shipment, "stuffingLocation"), shipment.attributes,
  ];
}
