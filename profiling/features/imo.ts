// IMO ship identification numbers: 7 digits, the last a check digit over the
// first six weighted 7..2. Carriers write them as "9074729", "IMO9074729" or
// "IMO 9074729"; all three mean the same ship.

const PREFIX = /^IMO[\s:-]*/i;

/** Check digit for the first six digits. @throws RangeError when `first6` is not 6 digits. */
export function imoCheckDigit(first6: string): number {
  if (!/^\d{6}$/.test(first6)) throw new RangeError(`expected 6 digits, got "${first6}"`);
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (first6.charCodeAt(i) - 48) * (7 - i);
  return sum % 10;
}

/** The 7 digits without any "IMO" prefix or surrounding spaces. Does not validate. */
export function normalizeImo(s: string): string {
  return s.trim().replace(PREFIX, "");
}

/** Null when `s` (optionally prefixed "IMO") is a valid IMO ship number, else why not. */
export function validateImo(s: string): string | null {
  const digits = normalizeImo(s);
  if (!/^\d{7}$/.test(digits)) return "IMO number must be 7 digits, optionally prefixed IMO";
  const expected = imoCheckDigit(digits.slice(0, 6));
  return digits.charCodeAt(6) - 48 === expected ? null : `check digit should be ${expected}`;
}

export function isImo(s: string): boolean {
  return validateImo(s) === null;
}
