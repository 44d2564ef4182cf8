// How written values and shipment values are normalised before they are
// compared for equality (eq, in, table keys). One function for both sides, so
// "Acme Ltd." in a profile meets "ACME LIMITED" on a manifest.
import { normalizePartyName, normalizeText } from "../features/normalize.js";
import { lookupField, parseHsKey, type FieldDef } from "./fields.js";

export function normalizeForField(def: FieldDef, value: string): string {
  if (def.partyName) return normalizePartyName(value);
  if (def.kind === "hs") return value.replace(/[\s.]/g, "");
  return normalizeText(value);
}

/** Scalars of free attributes compare as text: 5 and "5" are the same entry. */
export function scalarText(value: string | number | boolean): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : value ? "TRUE" : "FALSE";
}

function normalizePart(keyPath: string | undefined, part: string): string {
  if (keyPath === undefined || parseHsKey(keyPath) !== undefined) return part.replace(/[\s.]/g, "");
  const def = lookupField(keyPath);
  return typeof def === "string" ? normalizeText(part) : normalizeForField(def, part);
}

/** A table entry's key as written ("440890|be") in the form the scorer builds ("440890|BE"). */
export function normalizeTableKey(raw: string, keyPaths: readonly string[]): string {
  return raw.split("|").map((part, i) => normalizePart(keyPaths[i], part)).join("|");
}
