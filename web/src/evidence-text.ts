// What an indicator's evidence says, in the reader's words: the field a value
// came from by its name (en, es) rather than its path, and dates, "never
// seen" and the like in the reader's language. The raw path stays available
// to analysts (the list shows it as the name's title).
import type { Formatters } from "./format.js";
import type { MessageKey, Translate } from "./i18n.js";
import type { PartyRole } from "../../profiling/shipment.js";
import { PARTY_ROLE } from "./terms.js";

const FIELD: Readonly<Record<string, MessageKey>> = {
  "transportMode": "ev.field.transportMode",
  "manifestRef": "ev.field.manifestRef",
  "carrierScac": "ev.field.carrierScac",
  "vesselImo": "ev.field.vesselImo",
  "vesselName": "ev.field.vesselName",
  "voyage": "ev.field.voyage",
  "portOfLoading": "ev.field.portOfLoading",
  "transshipmentPorts": "ev.field.transshipmentPorts",
  "portOfDischarge": "ev.field.portOfDischarge",
  "placeOfDelivery": "ev.field.placeOfDelivery",
  "departureDate": "ev.field.departureDate",
  "arrivalDate": "ev.field.arrivalDate",
  "manifestFiledAt": "ev.field.manifestFiledAt",
  "manifestAmendedAt": "ev.field.manifestAmendedAt",
  "bookingDate": "ev.field.bookingDate",
  "billOfLading": "ev.field.billOfLading",
  "houseBillOfLading": "ev.field.houseBillOfLading",
  "containerNumber": "ev.field.containerNumber",
  "containerType": "ev.field.containerType",
  "sealNumbers": "ev.field.sealNumbers",
  "isEmpty": "ev.field.isEmpty",
  "hsCodes": "ev.field.hsCodes",
  "goodsDescription": "ev.field.goodsDescription",
  "packages": "ev.field.packages",
  "packageType": "ev.field.packageType",
  "grossWeightKg": "ev.field.grossWeightKg",
  "netWeightKg": "ev.field.netWeightKg",
  "declaredValue": "ev.field.declaredValue",
  "currency": "ev.field.currency",
  "countryOfOrigin": "ev.field.countryOfOrigin",
  "countryOfDeparture": "ev.field.countryOfDeparture",
  "freightTerms": "ev.field.freightTerms",
  "stuffingLocation": "ev.field.stuffingLocation",
  "derived.valuePerKg": "ev.field.derived.valuePerKg",
  "derived.valuePerKgRatio": "ev.field.derived.valuePerKgRatio",
  "derived.sealCount": "ev.field.derived.sealCount",
  "derived.hsCount": "ev.field.derived.hsCount",
  "derived.route": "ev.field.derived.route",
  "derived.routeCountries": "ev.field.derived.routeCountries",
  "derived.transshipmentCount": "ev.field.derived.transshipmentCount",
  "derived.loadingCountry": "ev.field.derived.loadingCountry",
  "derived.dischargeCountry": "ev.field.derived.dischargeCountry",
  "derived.daysBookingToDeparture": "ev.field.derived.daysBookingToDeparture",
  "derived.hoursFiledBeforeArrival": "ev.field.derived.hoursFiledBeforeArrival",
  "derived.hoursAmendedBeforeArrival": "ev.field.derived.hoursAmendedBeforeArrival",
  "derived.containerSizeFt": "ev.field.derived.containerSizeFt",
  "derived.isReefer": "ev.field.derived.isReefer",
  "derived.maxPayloadKg": "ev.field.derived.maxPayloadKg",
  "derived.kgPerPackage": "ev.field.derived.kgPerPackage",
  "derived.containerNumberValid": "ev.field.derived.containerNumberValid",
  "derived.airWaybillValid": "ev.field.derived.airWaybillValid",
};

/** What a party-scoped path (`consignee.firstSeen`) says of the party. */
const PARTY_ATTRIBUTE: Readonly<Record<string, MessageKey>> = {
  name: "ev.partyAttr.name",
  address: "ev.partyAttr.address",
  country: "ev.partyAttr.country",
  id: "ev.partyAttr.id",
  key: "ev.partyAttr.key",
  firstSeen: "ev.partyAttr.firstSeen",
  seizureLinked: "ev.partyAttr.seizureLinked",
};

/** The readable name of an evidence field path; an unknown path is shown as it is. */
export function evidenceFieldLabel(t: Translate, path: string): string {
  if (Object.hasOwn(FIELD, path)) return t(FIELD[path]!);
  if (path.startsWith("attributes.")) return t("ev.attribute", { name: path.slice("attributes.".length) });
  const dot = path.indexOf(".");
  const role = path.slice(0, dot);
  const attribute = path.slice(dot + 1);
  if (dot > 0 && Object.hasOwn(PARTY_ROLE, role) && Object.hasOwn(PARTY_ATTRIBUTE, attribute)) {
    return t("ev.party", { role: t(PARTY_ROLE[role as PartyRole]), what: t(PARTY_ATTRIBUTE[attribute]!) });
  }
  return path;
}

/** The words the scorer writes as evidence values, read in the reader's language. */
const VALUE_WORD: Readonly<Record<string, MessageKey>> = {
  "never seen": "ev.value.neverSeen",
  missing: "ev.value.missing",
  direct: "ev.value.direct",
  "shared shipment": "ev.value.sharedShipment",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An evidence value as the reader reads it: numbers, yes/no and dates in their locale, the scorer's words translated. */
export function evidenceValueText(t: Translate, fmt: Formatters, value: string | number | boolean | null): string {
  if (typeof value === "number") return fmt.number(value);
  if (typeof value === "boolean") return t(value ? "app.yes" : "app.no");
  if (value === null || value === "") return t("app.none");
  if (Object.hasOwn(VALUE_WORD, value)) return t(VALUE_WORD[value]!);
  if (ISO_DATE.test(value)) return value.length === 10 ? fmt.date(value) : fmt.dateTime(value);
  return value;
}

/** A value whose words depend on its field (freight terms: "prepaid" in the reader's language), or null. */
export function evidenceFieldValueText(t: Translate, field: string, value: string | number | boolean | null): string | null {
  if (field === "freightTerms" && (value === "prepaid" || value === "collect")) return t("cw.freight", { terms: value });
  return null;
}
