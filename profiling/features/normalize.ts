// Text normalisation shared by the profile compiler (values written by
// analysts) and the pipeline (values read from manifests), so both sides of
// every comparison, watchlist look-up and table key are normalised the same
// way. Manifests are typed by hand in many languages: "Exportadora Bananera
// S.A." and "EXPORTADORA  BANANERA SA" must meet.
import type { PartyInput } from "../shipment.js";

// Letters that Unicode decomposition leaves whole but that manifests spell
// without the diacritic.
const FOLD: Readonly<Record<string, string>> = {
  "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Ł": "L", "ł": "l",
  "Đ": "D", "đ": "d", "Þ": "TH", "þ": "th", "ı": "i",
};
const FOLD_RE = /[ØøÆæŒœŁłĐđÞþı]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const SPACES = /\s+/g;

/**
 * True when `s` is already in normal form: printable ASCII, no lowercase, no
 * leading, trailing or doubled spaces. Most manifest codes and many names
 * are; returning them untouched keeps the scorer's hot path allocation-free.
 */
function isNormalAscii(s: string): boolean {
  let previousSpace = true; // a leading space is not normal
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c >= 0x61 && c <= 0x7a)) return false;
    const space = c === 0x20;
    if (space && previousSpace) return false;
    previousSpace = space;
  }
  return !previousSpace || s.length === 0;
}

/** Trimmed and uppercased, returning `s` itself when it already is (codes, ports). */
export function upperCode(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x61 && c <= 0x7a) || c > 0x7e) return s.trim().toUpperCase();
  }
  return s;
}

function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** Uppercase, accents stripped, whitespace collapsed and trimmed. */
export function normalizeText(s: string): string {
  if (isNormalAscii(s)) return s;
  let t = s;
  if (!isPlainAscii(t)) t = t.replace(FOLD_RE, (c) => FOLD[c] ?? c).normalize("NFKD").replace(COMBINING_MARKS, "");
  return t.toUpperCase().replace(SPACES, " ").trim();
}

/**
 * A bounded memo for normalisations of values that repeat across shipments
 * (party names, descriptions): a look-up instead of regex work. Cleared when
 * full, so memory stays bounded whatever the input.
 */
export function memoize(fn: (s: string) => string, capacity = 20_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let out = cache.get(s);
    if (out === undefined) {
      if (cache.size >= capacity) cache.clear();
      out = fn(s);
      cache.set(s, out);
    }
    return out;
  };
}

// Legal-form suffixes seen on manifests, longest first per length. Dots are
// removed before matching, so "S.A. de C.V." arrives here as "SA DE CV".
const SUFFIXES: readonly (readonly string[])[] = [
  ["SA", "DE", "CV"], ["S", "DE", "RL"], ["SA", "DE", "RL"], ["SRL", "DE", "CV"],
  ["CO", "LTD"], ["PVT", "LTD"], ["PTY", "LTD"], ["PRIVATE", "LIMITED"], ["DE", "CV"],
  ["LTD"], ["LIMITED"], ["LLC"], ["INC"], ["INCORPORATED"], ["CORP"], ["CORPORATION"], ["CO"], ["COMPANY"],
  ["SA"], ["SAS"], ["SARL"], ["SRL"], ["SPA"], ["SL"], ["SLU"], ["SAC"], ["SAA"], ["LTDA"], ["CIA"], ["EIRL"],
  ["GMBH"], ["AG"], ["KG"], ["BV"], ["NV"], ["PLC"], ["LLP"], ["LP"], ["PTE"], ["PTY"], ["PVT"], ["OY"], ["AB"], ["AS"], ["SE"], ["JSC"], ["OOO"],
];

const SUFFIXES_BY_LAST_WORD = new Map<string, (readonly string[])[]>();
for (const suffix of SUFFIXES) {
  const last = suffix[suffix.length - 1] ?? "";
  const list = SUFFIXES_BY_LAST_WORD.get(last) ?? [];
  list.push(suffix);
  SUFFIXES_BY_LAST_WORD.set(last, list);
}

/** A party name reduced to its distinctive words: normalised, punctuation and legal-form suffixes removed. */
export const normalizePartyName: (name: string) => string = memoize(partyNameUncached);

function partyNameUncached(name: string): string {
  const base = normalizeText(name).replace(/\./g, "").replace(/[,;:'"()&/\\\-_+]/g, " ").replace(SPACES, " ").trim();
  const tokens = base.length === 0 ? [] : base.split(" ");
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const suffix of SUFFIXES_BY_LAST_WORD.get(tokens[tokens.length - 1] ?? "") ?? []) {
      // Never strip a name down to nothing ("AB" alone stays "AB").
      if (tokens.length <= suffix.length) continue;
      const start = tokens.length - suffix.length;
      if (suffix.every((word, i) => tokens[start + i] === word)) {
        tokens.length = start;
        stripped = true;
        break;
      }
    }
  }
  return tokens.join(" ");
}

/**
 * The identity linking the same party across shipments: the pipeline's key
 * when set, else the registered id, else the normalised name, each qualified
 * by country. Undefined when the party carries neither id nor name.
 */
export function partyKey(party: PartyInput | undefined): string | undefined {
  if (party === undefined) return undefined;
  const key = party.key?.trim();
  if (key !== undefined && key.length > 0) return key;
  const country = party.country !== undefined ? normalizeText(party.country) : "";
  const id = party.id !== undefined ? normalizeText(party.id).replace(/[\s.\-/]/g, "") : "";
  if (id.length > 0) return `ID|${country}|${id}`;
  const name = party.name !== undefined ? normalizePartyName(party.name) : "";
  if (name.length > 0) return `NM|${country}|${name}`;
  return undefined;
}

/** Watchlist kinds as the data model stores them. */
export type WatchlistKind = "party" | "address" | "port" | "hs" | "text";

/**
 * The form a watchlist entry is stored in, so that `inList` finds it: party
 * names without legal-form suffixes, everything else normalised text. A
 * party entry that is already an identity key (from partyKey) is kept as is.
 */
export function normalizeWatchlistEntry(kind: WatchlistKind, value: string): string {
  if (kind === "party") return /^(ID|NM)\|/.test(value) ? value : normalizePartyName(value);
  if (kind === "hs") return value.replace(/[\s.]/g, "");
  return normalizeText(value);
}
