// Field paths resolved once, at compile time, into direct accessors: the
// scorer never parses "consignee.name" per shipment.
import type { ShipmentFacts } from "../../derived.js";
import type { PartyInput, PartyRole } from "../../shipment.js";
import { PARTY_ROLES } from "../../shipment.js";

export type FieldValue = string | number | boolean | null | undefined | readonly string[];
export type Getter = (facts: ShipmentFacts) => FieldValue;

const GETTERS: ReadonlyMap<string, Getter> = new Map<string, Getter>([
  ["transportMode", (f) => f.s.transportMode],
  ["manifestRef", (f) => f.s.manifestRef],
  ["carrierScac", (f) => f.s.carrierScac],
  ["vesselImo", (f) => f.s.vesselImo],
  ["vesselName", (f) => f.s.vesselName],
  ["voyage", (f) => f.s.voyage],
  ["portOfLoading", (f) => f.s.portOfLoading],
  ["transshipmentPorts", (f) => f.s.transshipmentPorts],
  ["portOfDischarge", (f) => f.s.portOfDischarge],
  ["placeOfDelivery", (f) => f.s.placeOfDelivery],
  ["departureDate", (f) => f.s.departureDate],
  ["arrivalDate", (f) => f.s.arrivalDate],
  ["manifestFiledAt", (f) => f.s.manifestFiledAt],
  ["manifestAmendedAt", (f) => f.s.manifestAmendedAt],
  ["bookingDate", (f) => f.s.bookingDate],
  ["billOfLading", (f) => f.s.billOfLading],
  ["houseBillOfLading", (f) => f.s.houseBillOfLading],
  ["containerNumber", (f) => f.s.containerNumber],
  ["containerType", (f) => f.s.containerType],
  ["sealNumbers", (f) => f.s.sealNumbers],
  ["isEmpty", (f) => f.s.isEmpty],
  ["hsCodes", (f) => f.s.hsCodes],
  ["goodsDescription", (f) => f.s.goodsDescription],
  ["packages", (f) => f.s.packages],
  ["packageType", (f) => f.s.packageType],
  ["grossWeightKg", (f) => f.s.grossWeightKg],
  ["netWeightKg", (f) => f.s.netWeightKg],
  ["declaredValue", (f) => f.s.declaredValue],
  ["currency", (f) => f.s.currency],
  ["countryOfOrigin", (f) => f.s.countryOfOrigin],
  ["countryOfDeparture", (f) => f.s.countryOfDeparture],
  ["freightTerms", (f) => f.s.freightTerms],
  ["stuffingLocation", (f) => f.s.stuffingLocation],
  ["derived.valuePerKg", (f) => f.valuePerKg()],
  ["derived.valuePerKgRatio", (f) => f.valuePerKgRatio()],
  ["derived.sealCount", (f) => f.sealCount()],
  ["derived.hsCount", (f) => f.s.hsCodes.length],
  ["derived.route", (f) => f.route()],
  ["derived.routeCountries", (f) => f.routeCountries()],
  ["derived.transshipmentCount", (f) => f.transshipmentCount()],
  ["derived.loadingCountry", (f) => f.loadingCountry()],
  ["derived.dischargeCountry", (f) => f.dischargeCountry()],
  ["derived.daysBookingToDeparture", (f) => f.daysBookingToDeparture()],
  ["derived.hoursFiledBeforeArrival", (f) => f.hoursFiledBeforeArrival()],
  ["derived.hoursAmendedBeforeArrival", (f) => f.hoursAmendedBeforeArrival()],
  ["derived.containerSizeFt", (f) => f.containerSizeFt()],
  ["derived.isReefer", (f) => f.isReefer()],
  ["derived.maxPayloadKg", (f) => f.maxPayloadKg()],
  ["derived.kgPerPackage", (f) => f.kgPerPackage()],
  ["derived.containerNumberValid", (f) => f.containerNumberValid()],
  ["derived.airWaybillValid", (f) => f.airWaybillValid()],
  ...PARTY_ROLES.flatMap((role) => partyGetters(role)),
]);

function partyGetters(role: PartyRole): [string, Getter][] {
  const index = PARTY_ROLES.indexOf(role);
  const party = (f: ShipmentFacts): PartyInput | undefined => f.party(index);
  return [
    [`${role}.name`, (f) => party(f)?.name],
    [`${role}.address`, (f) => party(f)?.address],
    [`${role}.country`, (f) => party(f)?.country],
    [`${role}.id`, (f) => party(f)?.id],
    [`${role}.key`, (f) => f.partyKey(role, index)],
  ];
}

/** The accessor of a validated field path. */
export function fieldGetter(path: string): Getter {
  const known = GETTERS.get(path);
  if (known !== undefined) return known;
  if (path.startsWith("attributes.")) {
    const name = path.slice("attributes.".length);
    // Own properties only: a shipment's attributes object must never lend a
    // profile its prototype's members.
    return (f) => (Object.hasOwn(f.s.attributes, name) ? f.s.attributes[name] : undefined);
  }
  throw new Error(`no accessor for field ${path} (validate the profile first)`);
}

/** Absent, null, blank text, NaN or an empty list. */
export function isEmptyValue(v: FieldValue): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.length === 0 || v.trim().length === 0;
  if (typeof v === "number") return Number.isNaN(v);
  if (typeof v === "boolean") return false;
  for (const x of v) if (x.trim().length > 0) return false;
  return true;
}
