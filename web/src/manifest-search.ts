// The queue's voyage picker: what it sends as the manifests list's `q` for
// what the officer typed, and how it names a voyage. A date typed the way the
// user's locale writes dates ("14/03/2026", "3/14/2026" in en-US, "14 Mar
// 2026", "mar 2026", "2026-03-14") is sent as that day or month (YYYY-MM-DD,
// YYYY-MM), which the server matches on the arrival date; anything else is
// sent as typed, matched in the vessel name, voyage, reference or flight.
import type { Formatters } from "./format.js";

export interface VoyageNaming {
  manifestRef: string;
  vesselName: string | null;
  voyage?: string | null;
  flightNumber: string | null;
  arrivalDate: string;
}

/** "MSC AURORA B1N · MSCU-NA547R · 8 Dec 2026": the vessel (or flight) and voyage, the reference, the arrival. */
export function voyageLabel(m: VoyageNaming, fmt: Pick<Formatters, "date">): string {
  const vessel = [m.vesselName ?? m.flightNumber, m.voyage].filter(Boolean).join(" ");
  return [vessel, m.manifestRef, fmt.date(m.arrivalDate)].filter(Boolean).join(" · ");
}

const pad = (n: number) => String(n).padStart(2, "0");

/** YYYY-MM-DD when year, month and day make a real day, else null. */
function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? `${year}-${pad(month)}-${pad(day)}` : null;
}

const isoMonth = (year: number, month: number) => (month >= 1 && month <= 12 ? `${year}-${pad(month)}` : null);

/** Whether the locale writes the day before the month in a numeric date (en-GB, es: 14/03/2026; en-US: 3/14/2026). */
function dayFirst(locale: string): boolean {
  const parts = new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC" }).formatToParts(new Date(Date.UTC(2026, 10, 22)));
  const order = parts.filter((p) => p.type === "day" || p.type === "month").map((p) => p.type);
  return order[0] !== "month";
}

/** The locale's month names, long and short, lower case without dots: index 0 is January. */
function monthNames(locale: string): string[][] {
  const long = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  const short = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const clean = (s: string) => s.toLocaleLowerCase(locale).replace(/\./g, "");
  return Array.from({ length: 12 }, (_, m) => {
    const day = new Date(Date.UTC(2026, m, 15));
    return [clean(long.format(day)), clean(short.format(day))];
  });
}

/** The month a word names (its long name, short name, or the long name's first 3 letters or more), 1-12, else null. */
function monthOf(word: string, locale: string): number | null {
  const w = word.toLocaleLowerCase(locale).replace(/\./g, "");
  if (w.length < 3) return null;
  const index = monthNames(locale).findIndex(([long = "", short = ""]) => w === short || long.startsWith(w));
  return index < 0 ? null : index + 1;
}

/** A typed day or month as YYYY-MM-DD or YYYY-MM, when it reads as one in this locale; else null. */
export function typedArrival(typed: string, locale: string): string | null {
  const text = typed.trim();
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(text)) return text;
  const numeric = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  if (numeric) {
    const [a, b, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    return dayFirst(locale) ? isoDay(year, b, a) : isoDay(year, a, b);
  }
  const monthYear = /^(\d{1,2})[./-](\d{4})$/.exec(text);
  if (monthYear) return isoMonth(Number(monthYear[2]), Number(monthYear[1]));
  // Words: a month name, a 4-digit year, perhaps a day ("14 Mar 2026", "Mar 14, 2026", "14 de marzo de 2026").
  const words = text.split(/[\s,]+/).filter((w) => w !== "" && w.toLocaleLowerCase(locale) !== "de");
  if (words.length < 2 || words.length > 3) return null;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  for (const word of words) {
    const w = word.replace(/\.$/, "");
    if (/^\d{4}$/.test(w) && year === null) year = Number(w);
    else if (/^\d{1,2}$/.test(w) && day === null) day = Number(w);
    else if (month === null && (month = monthOf(w, locale)) !== null) continue;
    else return null;
  }
  if (year === null || month === null) return null;
  return day === null ? isoMonth(year, month) : isoDay(year, month, day);
}

/** The `q` of the manifests list for what was typed: a date as its day or month, else the text itself (trimmed). */
export function manifestSearchQuery(typed: string, locale: string): string {
  return typedArrival(typed, locale) ?? typed.trim();
}
