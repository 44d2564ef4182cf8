// Single-segment readers for CUSCAR: a party from NAD, a weight from MEA, a
// date from DTM. Each returns the value or a problem that names the element,
// so the message's reply can point the sender at it.
import { componentsOf, type Element, type Segment } from "./edifact-syntax.js";
import { value } from "./cuscar-groups.js";

export interface Problem {
  segment: Segment;
  element?: number;
  component?: number;
  /** CUSRES ERC 9321: 12 invalid value, 13 missing, 14 not supported in this position, 26 conflict with what is stored. */
  code: "12" | "13" | "14" | "26";
  message: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface PartyValue {
  name: string;
  address?: string;
  country?: string;
  id?: string;
}

/** NAD: C082 party id (element 2), C058 name and address (3), C080 name (4), C059 street (5), city (6), postcode (8), country (9). */
export function readParty(segment: Segment): Read<PartyValue> {
  const names = joinedComponents(segment.elements[3]);
  const unstructured = segment.elements[2];
  const name = names || firstComponent(unstructured);
  if (!name) return { ok: false, problem: { segment, element: 4, code: "13", message: `NAD+${value(segment, 1)}: party name (C080) is missing` } };
  let address = [joinedComponents(segment.elements[4]), value(segment, 6), value(segment, 8)].filter(Boolean).join(", ");
  // C058 is the whole name and address when C080 is absent, only the address lines when it is present.
  if (!address && unstructured !== undefined) address = componentsOf(unstructured).map((part) => part.trim()).filter(Boolean).slice(names ? 0 : 1).join(", ");
  const party: PartyValue = { name };
  if (address) party.address = address;
  const country = value(segment, 9).toUpperCase();
  if (country) party.country = country;
  const id = value(segment, 2);
  if (id) party.id = id;
  return { ok: true, value: party };
}

/** An element's non-empty components, trimmed and joined by a space (no array for the usual single component). */
function joinedComponents(element: Element | undefined): string {
  if (element === undefined) return "";
  if (typeof element === "string") return element.trim();
  return element.map((part) => part.trim()).filter(Boolean).join(" ");
}

function firstComponent(element: Element | undefined): string {
  if (typeof element === "string") return element.trim();
  return element?.map((part) => part.trim()).find(Boolean) ?? "";
}

const KILOGRAMS_PER: Record<string, number> = { KGM: 1, TNE: 1000, LBR: 0.45359237, GRM: 0.001 };

/** A number in the interchange's own decimal notation (full stop or comma). */
export function readNumber(text: string, decimalMark: string): number | null {
  const normalised = decimalMark === "," ? text.replace(",", ".") : text;
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : null;
}

export interface Weight {
  kind: "gross" | "net";
  kg: number;
}

/**
 * MEA with purpose WT or AAE (element 1), dimension G gross or AAL/N net (C502,
 * element 2), and C174 unit:value (element 3). Other measurements (volume,
 * temperature) are not weights: null.
 */
export function readWeight(segment: Segment, decimalMark: string): Read<Weight> | null {
  const dimension = value(segment, 2);
  const kind = dimension === "G" || dimension === "AAB" ? "gross" : dimension === "AAL" || dimension === "N" ? "net" : null;
  if (!kind) return null;
  const unit = value(segment, 3, 1).toUpperCase();
  const amount = value(segment, 3, 2);
  const factor = KILOGRAMS_PER[unit];
  if (factor === undefined) {
    return { ok: false, problem: { segment, element: 3, component: 1, code: "14", message: `MEA weight unit ${unit || "(missing)"} is not supported: KGM, TNE, LBR or GRM` } };
  }
  const number = readNumber(amount, decimalMark);
  if (number === null) return { ok: false, problem: { segment, element: 3, component: 2, code: "12", message: `MEA weight ${amount || "(missing)"} is not a number` } };
  return { ok: true, value: { kind, kg: Math.round(number * factor * 1000) / 1000 } };
}

/** DTM 2379 formats read: the date, the time, and where given the zone (ZHHMM offset, or ZZZ as in 303/304). */
const DATE_FORMATS = new Map<string, { shape: RegExp; text: string }>([
  ["102", { shape: /^(\d{4})(\d{2})(\d{2})$/, text: "CCYYMMDD" }],
  ["203", { shape: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/, text: "CCYYMMDDHHMM" }],
  ["204", { shape: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, text: "CCYYMMDDHHMMSS" }],
  ["205", { shape: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})()([+-]\d{4})$/, text: "CCYYMMDDHHMMZHHMM" }],
  ["303", { shape: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})()(\S{1,5})$/, text: "CCYYMMDDHHMMZZZ" }],
  ["304", { shape: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\S{1,5})$/, text: "CCYYMMDDHHMMSSZZZ" }],
]);

/**
 * A time zone as guides write it after the time: an offset from UTC (+01,
 * -0500, +05:30 has no colon in EDIFACT: +0530) or UTC/GMT/Z. Minutes east of
 * UTC, or null when it is none of these.
 */
export function zoneOffsetMinutes(zone: string): number | null {
  const upper = zone.toUpperCase();
  if (upper === "UTC" || upper === "GMT" || upper === "Z" || upper === "UT") return 0;
  const match = /^([+-])(\d{2})(\d{2})?$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * DTM C507: qualifier (2005), value (2380), format (2379). The date is the
 * calendar date as written (a vessel's local arrival day); the date-time is
 * the instant in UTC, the zone applied when the format carries one (205, 303,
 * 304), so dates of different zones compare (amended after departure).
 */
export function readDate(segment: Segment): Read<{ qualifier: string; date: string; dateTime: string }> {
  const [qualifier = "", text = "", format = "102"] = componentsOf(segment.elements[0]).map((part) => part.trim());
  // A manifest repeats few dates (10,000 booking dates of a mega-vessel are a few hundred days): each read once.
  const key = `${qualifier}:${text}:${format}`;
  const known = readDates.get(key);
  if (known) return known;
  const read = readDateOf(segment, qualifier, text, format);
  if (read.ok) {
    if (readDates.size >= 4096) readDates.clear();
    readDates.set(key, read);
  }
  return read;
}

/** Dates read well, by qualifier, value and format (frozen: shared by every segment that writes them so). */
const readDates = new Map<string, Read<{ qualifier: string; date: string; dateTime: string }>>();

function readDateOf(segment: Segment, qualifier: string, text: string, format: string): Read<{ qualifier: string; date: string; dateTime: string }> {
  const known = DATE_FORMATS.get(format || "102");
  if (!known) {
    return { ok: false, problem: { segment, element: 1, component: 3, code: "14", message: `DTM+${qualifier}: date format ${format} is not supported (${[...DATE_FORMATS.keys()].join(", ")})` } };
  }
  const match = known.shape.exec(text);
  if (!match) return { ok: false, problem: { segment, element: 1, component: 2, code: "12", message: `DTM+${qualifier}: ${text || "(missing)"} does not match format ${format || "102"} (${known.text})` } };
  const [, year, month, day, hour = "00", minute = "00", second = "", zone] = match;
  const date = `${year}-${month}-${day}`;
  const local = new Date(`${date}T${hour}:${minute}:${second || "00"}Z`);
  if (Number.isNaN(local.getTime()) || local.toISOString().slice(0, 10) !== date) {
    return { ok: false, problem: { segment, element: 1, component: 2, code: "12", message: `DTM+${qualifier}: ${text} is not a calendar date` } };
  }
  const offset = zone === undefined ? 0 : zoneOffsetMinutes(zone);
  if (offset === null) {
    return { ok: false, problem: { segment, element: 1, component: 2, code: "12", message: `DTM+${qualifier}: time zone ${zone} is not an offset from UTC (+HH, +HHMM, -HHMM) or UTC` } };
  }
  const dateTime = new Date(local.getTime() - offset * 60_000).toISOString().replace(".000Z", "Z");
  return Object.freeze({ ok: true, value: Object.freeze({ qualifier, date, dateTime }) });
}

export interface MoneyValue {
  amount: number;
  currency: string;
}

/** MOA C516: qualifier (5025), amount (5004) in the interchange's decimal notation, currency (6345). */
export function readMoney(segment: Segment, decimalMark: string): Read<MoneyValue> {
  const qualifier = value(segment, 1, 1);
  const text = value(segment, 1, 2);
  const amount = readNumber(text, decimalMark);
  if (amount === null) {
    return { ok: false, problem: { segment, element: 1, component: 2, code: text ? "12" : "13", message: `MOA+${qualifier}: amount ${text || "(missing)"} is not a number` } };
  }
  const currency = value(segment, 1, 3).toUpperCase();
  if (!currency) return { ok: false, problem: { segment, element: 1, component: 3, code: "13", message: `MOA+${qualifier}: currency (6345) is missing` } };
  return { ok: true, value: { amount, currency } };
}

export type FreightTerms = "prepaid" | "collect";

/** 4237 payment arrangement: P prepaid, C collect; A (payable elsewhere) is neither. */
const ARRANGEMENTS = new Map<string, FreightTerms | null>([["P", "prepaid"], ["C", "collect"], ["A", null]]);
/** 4215 transport charges payment method, read when 4237 is absent: the codes that say prepaid or collect. */
const METHODS = new Map<string, FreightTerms>([["PP", "prepaid"], ["PO", "prepaid"], ["PA", "prepaid"], ["PC", "prepaid"], ["CC", "collect"], ["CA", "collect"], ["CF", "collect"]]);

/**
 * CPI: the payment arrangement (4237, element 3), else the method of payment
 * (C231 4215, element 2). Null when the segment says neither prepaid nor
 * collect (payable elsewhere, mixed...); a problem when 4237 is not a code.
 */
export function readFreightTerms(segment: Segment): Read<FreightTerms | null> {
  const arrangement = value(segment, 3).toUpperCase();
  if (arrangement) {
    const terms = ARRANGEMENTS.get(arrangement);
    if (terms === undefined) {
      return { ok: false, problem: { segment, element: 3, code: "12", message: `CPI payment arrangement (4237) ${arrangement} is not P (prepaid), C (collect) or A (payable elsewhere)` } };
    }
    return { ok: true, value: terms };
  }
  return { ok: true, value: METHODS.get(value(segment, 2, 1).toUpperCase()) ?? null };
}
