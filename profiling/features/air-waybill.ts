// Air cargo identifiers: air waybill numbers (IATA Resolution 600a) and unit
// load device ids. Air manifests carry these where sea manifests carry bills
// of lading and container numbers.

const AWB = /^(\d{3})-?(\d{8})$/;

/** The serial's check digit: its first 7 digits mod 7. */
export function awbCheckDigit(first7: string): number {
  if (!/^\d{7}$/.test(first7)) throw new RangeError(`expected 7 digits, got "${first7}"`);
  return Number(first7) % 7;
}

/** "15712345675" or "157 1234 5675" → "157-12345675"; null when it is not 11 digits. */
export function normalizeAirWaybill(s: string): string | null {
  const digits = s.replace(/[\s-]/g, "");
  return /^\d{11}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : null;
}

/** Null when `s` is NNN-NNNNNNNN (hyphen optional) with a correct check digit, else why not. */
export function validateAirWaybill(s: string): string | null {
  const m = AWB.exec(s);
  if (!m) return "air waybill must be a 3-digit airline prefix and an 8-digit serial (e.g. 074-12345675)";
  const serial = m[2] ?? "";
  const expected = awbCheckDigit(serial.slice(0, 7));
  return serial.charCodeAt(7) - 48 === expected ? null : `check digit should be ${expected}`;
}

export function isAirWaybill(s: string): boolean {
  return validateAirWaybill(s) === null;
}

/** A few airline prefixes seen on programme air cargo, for display; not a validation list. */
export const AIRLINE_PREFIXES: Readonly<Record<string, { iata: string; name: string }>> = {
  "001": { iata: "AA", name: "American Airlines" },
  "006": { iata: "DL", name: "Delta Air Lines" },
  "014": { iata: "AC", name: "Air Canada" },
  "016": { iata: "UA", name: "United Airlines" },
  "020": { iata: "LH", name: "Lufthansa Cargo" },
  "023": { iata: "FX", name: "FedEx" },
  "045": { iata: "LA", name: "LATAM Airlines" },
  "057": { iata: "AF", name: "Air France" },
  "071": { iata: "ET", name: "Ethiopian Airlines" },
  "074": { iata: "KL", name: "KLM Royal Dutch Airlines" },
  "075": { iata: "IB", name: "Iberia" },
  "125": { iata: "BA", name: "British Airways" },
  "134": { iata: "AV", name: "Avianca" },
  "145": { iata: "UC", name: "LATAM Cargo Chile" },
  "157": { iata: "QR", name: "Qatar Airways" },
  "160": { iata: "CX", name: "Cathay Pacific" },
  "172": { iata: "CV", name: "Cargolux" },
  "176": { iata: "EK", name: "Emirates" },
  "180": { iata: "KE", name: "Korean Air" },
  "230": { iata: "CM", name: "Copa Airlines" },
  "235": { iata: "TK", name: "Turkish Airlines" },
  "369": { iata: "5Y", name: "Atlas Air" },
  "406": { iata: "5X", name: "UPS Airlines" },
  "607": { iata: "EY", name: "Etihad Airways" },
  "618": { iata: "SQ", name: "Singapore Airlines" },
  "729": { iata: "QT", name: "Avianca Cargo" },
};

// ---- Unit load devices ----

// First letter of the ULD type: what kind of device it is.
const ULD_CATEGORIES: Readonly<Record<string, string>> = {
  A: "certified aircraft container",
  D: "non-certified aircraft container",
  F: "non-certified aircraft pallet",
  G: "non-certified pallet net",
  H: "horse stall",
  J: "thermal non-structural igloo",
  K: "cattle stall",
  M: "thermal non-certified container",
  N: "certified pallet net",
  P: "certified aircraft pallet",
  R: "thermal certified container",
  U: "non-structural container",
  V: "vehicle transport equipment",
  X: "airline-specific equipment",
  Y: "airline-specific equipment",
  Z: "airline-specific equipment",
};

/** Common ULD types by their industry names, for display. */
export const ULD_TYPES: Readonly<Record<string, string>> = {
  AKE: "LD3 container", AKN: "LD3 container (forkliftable)", AKH: "LD3-45 container",
  DPE: "LD2 container", DQF: "LD8 container", ALF: "LD6 container", AMJ: "main-deck container (96x125 in)",
  AMA: "main-deck container (96x125 in)", RKN: "LD3 active temperature-controlled container",
  RAP: "LD9 active temperature-controlled container", PMC: "96x125 in pallet", PAG: "88x125 in pallet",
  PLA: "60.4x125 in pallet", PGA: "96x238.5 in (20 ft) pallet",
};

const ULD = /^([A-Z]{3})(\d{4,5})([A-Z0-9]{2})$/;

/** Null when `s` is a ULD id like AKE12345EK (type, 4-5 digit serial, airline code), else why not. */
export function validateUld(s: string): string | null {
  const m = ULD.exec(s);
  if (!m) return "ULD id must be a 3-letter type, a 4- or 5-digit serial and a 2-character airline code (e.g. AKE12345EK)";
  const type = m[1] ?? "";
  const owner = m[3] ?? "";
  if (!(type.charAt(0) in ULD_CATEGORIES)) {
    return `ULD type "${type}" must start with a known category letter (A, D, F, P, R...)`;
  }
  if (/^\d{2}$/.test(owner)) return "ULD owner must be an airline code with at least one letter";
  return null;
}

export function isUld(s: string): boolean {
  return validateUld(s) === null;
}

/** What a ULD id designates, or null when invalid: "LD3 container" or its category. */
export function describeUld(s: string): { type: string; owner: string; description: string } | null {
  if (validateUld(s) !== null) return null;
  const type = s.slice(0, 3);
  const owner = s.slice(-2);
  return { type, owner, description: ULD_TYPES[type] ?? ULD_CATEGORIES[type.charAt(0)] ?? "unit load device" };
}
