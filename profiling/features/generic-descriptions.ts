// Goods descriptions that say nothing about the goods. Concealment loads hide
// behind them ("general cargo", "said to contain", FAK), and a real importer
// of real goods usually names them. Matched as whole words on normalised text.
import { memoize, normalizeText } from "./normalize.js";

export const GENERIC_DESCRIPTION_PHRASES: readonly string[] = [
  "GENERAL CARGO", "GENERAL MERCHANDISE", "FAK", "FREIGHT ALL KINDS", "SAID TO CONTAIN", "STC",
  "VARIOUS", "VARIOUS GOODS", "MIXED GOODS", "MIXED CARGO", "PERSONAL EFFECTS", "HOUSEHOLD GOODS",
  "CONSOLIDATED CARGO", "CONSOL", "MISC", "MISCELLANEOUS", "SUNDRIES", "ASSORTED GOODS", "DRY GOODS",
  "GOODS", "CARGO", "MERCHANDISE", "NO DESCRIPTION", "AS PER INVOICE", "AS PER ATTACHED", "SAMPLES",
  "MERCANCIA GENERAL", "CARGA GENERAL", "MARCHANDISES DIVERSES", "EFFETS PERSONNELS",
];

const PADDED = GENERIC_DESCRIPTION_PHRASES.map((p) => ` ${p} `);

/** Description reduced to words: normalised, punctuation as spaces ("S.T.C." → "STC"). */
function words(description: string): string {
  return normalizeText(description).replace(/\./g, "").replace(/[^A-Z0-9]+/g, " ").trim();
}

// Descriptions repeat across a manifest's lines; "" stands for "specific".
const memo = memoize((d) => reasonUncached(d) ?? "");

/** The generic phrase found, or the whole description when it has fewer than 3 words; undefined if specific. */
export function genericDescriptionReason(description: string): string | undefined {
  const reason = memo(description);
  return reason === "" ? undefined : reason;
}

function reasonUncached(description: string): string | undefined {
  const w = words(description);
  if (w.length === 0) return undefined;
  const padded = ` ${w} `;
  for (let i = 0; i < PADDED.length; i++) {
    const phrase = PADDED[i];
    if (phrase !== undefined && padded.includes(phrase)) return GENERIC_DESCRIPTION_PHRASES[i];
  }
  return w.split(" ").length < 3 ? w : undefined;
}
