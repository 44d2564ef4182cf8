// normalizeText(raw) === target without building normalizeText(raw): the
// scorer compares many short lower-case values ("collect", "prepaid") with
// one written value, and uppercasing them allocated a string per shipment.

import { normalizeText } from "../../features/normalize.js";

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * True when normalizeText(raw) equals `target` (itself normalised text). ASCII
 * text is compared in place, uppercasing letters and collapsing and trimming
 * white space as normalizeText does; anything else takes normalizeText.
 */
export function equalsNormalizedText(raw: string, target: string): boolean {
  let j = 0;
  let pendingSpace = false;
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c > 0x7e) return normalizeText(raw) === target;
    if (isSpace(c)) {
      // Leading spaces vanish; a run between words becomes one space.
      if (j > 0) pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      if (target.charCodeAt(j) !== 0x20) return false;
      j++;
      pendingSpace = false;
    }
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (target.charCodeAt(j) !== c) return false;
    j++;
  }
  return j === target.length;
}
