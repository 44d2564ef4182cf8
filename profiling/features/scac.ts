// Standard Carrier Alpha Codes (NMFTA): 2 to 4 capital letters. Ocean
// carriers' SCACs often end in U (MSCU, MAEU, HLCU) because they match their
// ISO 6346 owner codes, so a trailing U is not an error. Air manifests put the
// 2-character IATA airline code here; it passes when it is letters only.

/** Null when `s` is 2-4 capital letters, else why not. */
export function validateScac(s: string): string | null {
  if (s.length < 2 || s.length > 4) return `SCAC must be 2 to 4 letters, got ${s.length} characters`;
  if (!/^[A-Z]+$/.test(s)) return "SCAC must be capital letters only";
  return null;
}

export function isScac(s: string): boolean {
  return validateScac(s) === null;
}
