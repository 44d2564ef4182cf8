// UN/LOCODE: ISO 3166 country + 3 characters from A-Z and 2-9 (0 and 1 are
// left out so they are never read as O and I). Any well-formed code with a
// real country is accepted: the full list has over 100,000 places and new
// ones appear every year; the known-ports table only adds names and regions.
import { isCountryCode } from "./countries.js";
import { KNOWN_PORTS, type PortInfo } from "./known-ports.js";

export type { PortInfo, PortKind, PortRegion } from "./known-ports.js";

const LOCATION = /^[A-Z2-9]{3}$/;

/** "ec gye" or "EC GYE" → "ECGYE". Does not validate. */
export function normalizeLocode(s: string): string {
  return s.replace(/[\s-]/g, "").toUpperCase();
}

/** Null when `code` is a well-formed UN/LOCODE of an ISO 3166 country, else why not. */
export function validateLocode(code: string): string | null {
  if (code.length !== 5) return `UN/LOCODE must be 5 characters (country + 3-character location, e.g. ECGYE), got ${code.length}`;
  const country = code.slice(0, 2);
  if (!isCountryCode(country)) return `${country} is not an ISO 3166 country code`;
  if (!LOCATION.test(code.slice(2))) return "location part must be 3 characters from A-Z and 2-9";
  return null;
}

export function isLocode(code: string): boolean {
  return validateLocode(code) === null;
}

/** Name, country, kind and region of a known port or airport; undefined for others. */
export function portInfo(code: string): PortInfo | undefined {
  return KNOWN_PORTS.get(code);
}

/** All known ports of a region, e.g. the source ports "south-america-pacific". */
export function portsInRegion(region: PortInfo["region"]): PortInfo[] {
  return [...KNOWN_PORTS.values()].filter((p) => p.region === region);
}
