// Active ISO 4217 alphabetic codes (List One as of 2026: BGN gone with
// Bulgaria's move to the euro, ANG replaced by XCG), including
// funds codes (BOV, CHE, USN...) and the X-codes for precious metals and
// supranational units, because declarations do use them. Codes withdrawn in
// recent years are kept apart so the reason can name their successor: old
// systems still send HRK or VEF.

const ACTIVE: readonly string[] = [
  "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
  "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
  "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK",
  "DJF", "DKK", "DOP", "DZD",
  "EGP", "ERN", "ETB", "EUR",
  "FJD", "FKP",
  "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
  "HKD", "HNL", "HTG", "HUF",
  "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
  "JMD", "JOD", "JPY",
  "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
  "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
  "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN",
  "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
  "OMR",
  "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
  "QAR",
  "RON", "RSD", "RUB", "RWF",
  "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
  "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
  "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS",
  "VED", "VES", "VND", "VUV",
  "WST",
  "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS",
  "XUA", "XXX",
  "YER",
  "ZAR", "ZMW", "ZWG",
];

export const ACTIVE_CURRENCIES: ReadonlySet<string> = new Set(ACTIVE);

/** Withdrawn codes still seen in old data, with what replaced them. */
export const WITHDRAWN_CURRENCIES: Readonly<Record<string, string>> = {
  ANG: "XCG", BGN: "EUR", CUC: "CUP", HRK: "EUR", LTL: "EUR", LVL: "EUR", EEK: "EUR", MRO: "MRU", SLL: "SLE", STD: "STN",
  VEF: "VES", ZWL: "ZWG", BYR: "BYN", ZMK: "ZMW",
};

/** True for an active ISO 4217 alphabetic code, upper case. */
export function isCurrencyCode(code: string): boolean {
  return ACTIVE_CURRENCIES.has(code);
}

/**
 * Active or recently withdrawn: for historical records, where a 2024 invoice in
 * BGN or HRK is correct for its day.
 */
export function isKnownCurrencyCode(code: string): boolean {
  return ACTIVE_CURRENCIES.has(code) || Object.hasOwn(WITHDRAWN_CURRENCIES, code);
}

/** Null when `code` is an active ISO 4217 code, else why not (naming the successor of a withdrawn one). */
export function validateCurrencyCode(code: string): string | null {
  if (isCurrencyCode(code)) return null;
  const successor = Object.hasOwn(WITHDRAWN_CURRENCIES, code) ? WITHDRAWN_CURRENCIES[code] : undefined;
  if (successor) return `${code} was withdrawn from ISO 4217; use ${successor}`;
  return "not an ISO 4217 currency code";
}
