// The catalogue of field paths a profile may name, with the kind of value
// each holds. Validation uses the kind to reject comparisons that can never
// be true (a country code compared with a number) and to check written
// values (`values[0]: not an ISO 3166 country code`); the compiler uses it to
// pick a comparison once, at compile time.
import { PARTY_ROLES } from "../shipment.js";

export type FieldKind =
  | "text" // free text: descriptions, names, addresses
  | "code" // identifiers compared case-insensitively (SCAC, container number, seal)
  | "country" // ISO 3166 alpha-2
  | "port" // UN/LOCODE
  | "hs" // HS code, 2–10 digits
  | "date" // ISO date or timestamp
  | "number"
  | "boolean"
  | "any"; // free attributes: string, number or boolean

export interface FieldDef {
  readonly kind: FieldKind;
  /** Array fields match when any element matches. */
  readonly array: boolean;
  /** Party names are normalised with their legal-form suffixes stripped. */
  readonly partyName: boolean;
  /** The only values the field can take, where the shipment type fixes them. */
  readonly allowed?: readonly string[];
}

function def(kind: FieldKind, extra: Partial<FieldDef> = {}): FieldDef {
  return { kind, array: false, partyName: false, ...extra };
}

const STATIC_FIELDS: ReadonlyMap<string, FieldDef> = new Map<string, FieldDef>([
  ["transportMode", def("code", { allowed: ["sea", "air", "road", "rail"] })],
  ["manifestRef", def("code")],
  ["carrierScac", def("code")],
  ["vesselImo", def("code")],
  ["vesselName", def("text")],
  ["voyage", def("code")],
  ["portOfLoading", def("port")],
  ["transshipmentPorts", def("port", { array: true })],
  ["portOfDischarge", def("port")],
  ["placeOfDelivery", def("text")],
  ["departureDate", def("date")],
  ["arrivalDate", def("date")],
  ["manifestFiledAt", def("date")],
  ["manifestAmendedAt", def("date")],
  ["bookingDate", def("date")],
  ["billOfLading", def("code")],
  ["houseBillOfLading", def("code")],
  ["containerNumber", def("code")],
  ["containerType", def("code")],
  ["sealNumbers", def("code", { array: true })],
  ["isEmpty", def("boolean")],
  ["hsCodes", def("hs", { array: true })],
  ["goodsDescription", def("text")],
  ["packages", def("number")],
  ["packageType", def("code")],
  ["grossWeightKg", def("number")],
  ["netWeightKg", def("number")],
  ["declaredValue", def("number")],
  ["currency", def("code")],
  ["countryOfOrigin", def("country")],
  ["countryOfDeparture", def("country")],
  ["freightTerms", def("code", { allowed: ["prepaid", "collect"] })],
  ["stuffingLocation", def("text")],
  ["derived.valuePerKg", def("number")],
  ["derived.valuePerKgRatio", def("number")],
  ["derived.sealCount", def("number")],
  ["derived.hsCount", def("number")],
  ["derived.route", def("port", { array: true })],
  ["derived.routeCountries", def("country", { array: true })],
  ["derived.transshipmentCount", def("number")],
  ["derived.loadingCountry", def("country")],
  ["derived.dischargeCountry", def("country")],
  ["derived.daysBookingToDeparture", def("number")],
  ["derived.hoursFiledBeforeArrival", def("number")],
  ["derived.hoursAmendedBeforeArrival", def("number")],
  ["derived.containerSizeFt", def("number")],
  ["derived.isReefer", def("boolean")],
  ["derived.maxPayloadKg", def("number")],
  ["derived.kgPerPackage", def("number")],
  ["derived.containerNumberValid", def("boolean")],
  ["derived.airWaybillValid", def("boolean")],
  ...PARTY_ROLES.flatMap((role): [string, FieldDef][] => [
    [`${role}.name`, def("text", { partyName: true })],
    [`${role}.address`, def("text")],
    [`${role}.country`, def("country")],
    [`${role}.id`, def("code")],
    [`${role}.key`, def("code")],
  ]),
]);

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
// Names that would reach Object.prototype through a plain property read.
const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"]);
const ANY_ATTRIBUTE: FieldDef = def("any");

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** The definition of a field path, or an explanation of why it is not one. */
export function lookupField(path: string): FieldDef | string {
  const known = STATIC_FIELDS.get(path);
  if (known !== undefined) return known;
  if (path.startsWith("attributes.")) {
    const name = path.slice("attributes.".length);
    if (!ATTRIBUTE_NAME.test(name)) return "attribute names are 1–64 letters, digits, '_', '.' or '-'";
    if (RESERVED_NAMES.has(name)) return `'${name}' is a reserved name`;
    return ANY_ATTRIBUTE;
  }
  return "unknown field path";
}

/** Every fixed field path (attributes.<name> excluded), for documentation and tests. */
export function knownFieldPaths(): string[] {
  return [...STATIC_FIELDS.keys()];
}

/** Table keys may also name `hs:N`, the first N digits of the first HS code. */
export function parseHsKey(path: string): number | undefined {
  const m = /^hs:(\d{1,2})$/.exec(path);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n >= 2 && n <= 10 ? n : undefined;
}
