// What a history tells about the shipments that come after it, kept beside a
// built profile so a later file can be scored with the unit's knowledge even
// when the history itself is not at hand: when each party was first seen,
// which parties are linked to a seizure (directly or by a shared shipment),
// and the value-per-kg medians. `profiles build` writes it; `score` reads it.
import type { Sighting } from "./history-context.js";
import { firstSightings, SeizureLinks, walkHistory } from "./history-context.js";
import { ValueMedians } from "./value-medians.js";

export const HISTORY_SUMMARY_FORMAT = "portcullis/history-summary@1";

export interface HistorySummary {
  format: typeof HISTORY_SUMMARY_FORMAT;
  /** YYYY-MM-DD span of the history summarised. */
  from: string;
  to: string;
  /** Party identity key → first day seen (YYYY-MM-DD). */
  firstSeen: Record<string, string>;
  /** Parties of a seized shipment. */
  seizureParties: string[];
  /** Parties that shared a shipment with one of those (degree 2 only). */
  seizureAssociates: string[];
  /** "HS|origin|currency" → median value per kg. */
  medians: [string, number][];
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function summariseHistory(sightings: readonly Sighting[]): HistorySummary {
  const first = firstSightings(sightings);
  const links = walkHistory(sightings, () => undefined, { firstSeen: first });
  const { direct, associates } = links.sets();
  let from = sightings[0]?.date ?? "";
  let to = from;
  for (const s of sightings) {
    if (s.date < from) from = s.date;
    if (s.date > to) to = s.date;
  }
  return {
    format: HISTORY_SUMMARY_FORMAT,
    from,
    to,
    firstSeen: Object.fromEntries([...first].map(([key, ms]) => [key, day(ms)])),
    seizureParties: direct.sort(),
    seizureAssociates: associates.sort(),
    medians: ValueMedians.of(sightings.map((s) => s.shipment)).entries(),
  };
}

/** Checks the shape of a summary read from a file; the reason when it is not one. */
export function checkHistorySummary(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const v = value as Partial<HistorySummary>;
  if (v.format !== HISTORY_SUMMARY_FORMAT) return `format: expected ${HISTORY_SUMMARY_FORMAT}`;
  if (typeof v.firstSeen !== "object" || v.firstSeen === null) return "firstSeen: expected an object";
  if (!Array.isArray(v.seizureParties) || !Array.isArray(v.seizureAssociates)) return "seizureParties, seizureAssociates: expected lists";
  if (!Array.isArray(v.medians)) return "medians: expected a list";
  return undefined;
}

/**
 * The walk options that start a later file where the summarised history
 * ended: its first sightings (the file's own parties added), its links, and
 * its medians (the file's own where the history has none).
 */
export function continueFrom(summary: HistorySummary, later: readonly Sighting[]): { firstSeen: Map<string, number>; links: SeizureLinks; medians: ValueMedians } {
  const firstSeen = firstSightings(later);
  for (const [key, date] of Object.entries(summary.firstSeen)) {
    const t = Date.parse(`${date}T00:00:00Z`);
    const known = firstSeen.get(key);
    if (Number.isFinite(t) && (known === undefined || t < known)) firstSeen.set(key, t);
  }
  const links = new SeizureLinks();
  links.seed(summary.seizureParties, summary.seizureAssociates);
  return { firstSeen, links, medians: ValueMedians.fromEntries(summary.medians, ValueMedians.of(later.map((s) => s.shipment))) };
}
