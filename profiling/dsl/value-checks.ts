// Checks of the identifiers analysts write into profiles. Country, UN/LOCODE
// and HS checks come from features/ (shared with manifest validation).
import { validateHsPrefix } from "../features/hs.js";

export { isCountryCode } from "../features/countries.js";
export { isLocode } from "../features/locode.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds of an ISO date or timestamp, NaN when it is not one. A bare date is midnight UTC. */
export function parseIsoDate(s: string): number {
  if (!ISO_DATE.test(s)) return NaN;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return NaN;
  // Date.parse rolls 2026-02-30 over to March; a profile date must exist.
  const day = s.slice(0, 10);
  return new Date(Date.parse(day)).toISOString().slice(0, 10) === day ? ms : NaN;
}

export function isIsoDate(s: string): boolean {
  return !Number.isNaN(parseIsoDate(s));
}


/** An HS code or prefix as profiles write them: 2 to 10 digits of a used chapter. */
export function isHsCode(code: string): boolean {
  return validateHsPrefix(code) === null;
}
