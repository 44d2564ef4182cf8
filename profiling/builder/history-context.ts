// What a unit knew on each day of its history, as a scoring context: when
// each party was first seen, which parties were linked to a seizure before
// that day (directly, or by sharing a shipment with such a party), and the
// value-per-kg medians. The builder learns novelty and link indicators from
// these contexts, and the CLI scores a later file with them, so both see a
// party exactly as the live pipeline does (core/scoring/scoring-context.ts):
// the live sighting table dates a party by its earliest shipment, and the
// live link sets grow as seizures are recorded.
import { partyKey } from "../features/normalize.js";
import type { ScoringContext, ShipmentInput } from "../shipment.js";
import { PARTY_ROLES } from "../shipment.js";
import { dayNumber } from "./time-decay.js";
import { GrowingValueMedians, ValueMedians } from "./value-medians.js";

/** A shipment the unit received, inspected or not; `seizure` when its inspection found one. */
export interface Sighting {
  shipment: ShipmentInput;
  /** YYYY-MM-DD. */
  date: string;
  seizure?: boolean;
  /** When the seizure was recorded (YYYY-MM-DD or ISO date-time), if after `date`: it is known from the next day on. */
  seizureRecorded?: string | undefined;
}

const DAY_MS = 86_400_000;

/** A history's sightings: inspected records first (a seizure links their parties), then shipments nobody opened. */
export function sightingsOf(
  records: readonly { shipment: ShipmentInput; date: string; label: { critical?: boolean | undefined }; inspectedAt?: string | undefined }[],
  unlabelled: readonly { shipment: ShipmentInput; date: string }[] = [],
): Sighting[] {
  return [
    ...records.map((r) => ({ shipment: r.shipment, date: r.date, seizure: r.label.critical === true, seizureRecorded: r.label.critical === true ? r.inspectedAt : undefined })),
    ...unlabelled.map((u) => ({ shipment: u.shipment, date: u.date })),
  ];
}

/** The identity keys of a shipment's parties, as ShipmentFacts.partyKey reads them. */
export function partyKeysOf(s: ShipmentInput): string[] {
  const keys: string[] = [];
  for (const role of PARTY_ROLES) {
    const key = partyKey(s[role]);
    if (key !== undefined && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Parties linked to seizures, grown in date order. Degree 1: a party of a
 * shipment whose inspection found a seizure. Degree 2: also a party that
 * shared any shipment with a degree-1 party. A seizure becomes known the
 * day after its shipment's date, never on it, so a record is never linked
 * through its own outcome; or, when it was recorded later (the inspection's
 * date), the day after that: a unit cannot know a seizure before it is made.
 */
export class SeizureLinks {
  private readonly degree1 = new Set<string>();
  private readonly degree2 = new Set<string>();
  private readonly coParties = new Map<string, Set<string>>();
  private pending: { day: number; keys: string[] }[] = [];

  /** Makes known the seizures of days before `day` (a day number). */
  advanceTo(day: number): void {
    if (this.pending.length === 0) return;
    const due = this.pending.filter((p) => p.day < day);
    if (due.length === 0) return;
    this.pending = this.pending.filter((p) => p.day >= day);
    for (const { keys } of due) for (const key of keys) this.markDirect(key);
  }

  /** Records that these parties shared a shipment (received on or before the current day). */
  observe(keys: readonly string[]): void {
    if (keys.length < 2) return;
    let linked = false;
    for (const key of keys) {
      let set = this.coParties.get(key);
      if (set === undefined) this.coParties.set(key, (set = new Set()));
      for (const other of keys) if (other !== key) set.add(other);
      if (this.degree1.has(key)) linked = true;
    }
    if (linked) for (const key of keys) this.degree2.add(key);
  }

  /** A seizure on a shipment of day `day`: known from the next day on. */
  seizure(day: number, keys: readonly string[]): void {
    if (keys.length > 0) this.pending.push({ day, keys: [...keys] });
  }

  /** Seeds the sets with what an earlier history established (see history-summary.ts). */
  seed(direct: Iterable<string>, associates: Iterable<string>): void {
    for (const key of direct) {
      this.degree1.add(key);
      this.degree2.add(key);
    }
    for (const key of associates) this.degree2.add(key);
  }

  /** Parties of degree 1, and of degree 2 only. */
  sets(): { direct: string[]; associates: string[] } {
    return { direct: [...this.degree1], associates: [...this.degree2].filter((k) => !this.degree1.has(k)) };
  }

  linked(key: string, degree: 1 | 2 = 1): boolean {
    return this.degree1.has(key) || (degree === 2 && this.degree2.has(key));
  }

  private markDirect(key: string): void {
    if (this.degree1.has(key)) return;
    this.degree1.add(key);
    this.degree2.add(key);
    for (const other of this.coParties.get(key) ?? []) this.degree2.add(other);
  }
}

/** Earliest day each party was seen in the sightings (epoch ms of that day). */
export function firstSightings(sightings: readonly Sighting[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const { shipment, date } of sightings) {
    const t = dayNumber(date) * DAY_MS;
    for (const key of partyKeysOf(shipment)) {
      const known = first.get(key);
      if (known === undefined || t < known) first.set(key, t);
    }
  }
  return first;
}

export interface TimelineVisit<T> {
  item: T;
  ctx: ScoringContext;
}

/**
 * Walks the sightings in date order, one day at a time: seizures of earlier
 * days are made known, the day's shipments are observed (as the live
 * pipeline has ingested them before scoring), then `visit` sees each of the
 * day's sightings with the context of that day. First sightings and medians
 * are taken over the whole history: the earliest sighting of a party is the
 * same whichever later day asks, and medians are what the live unit holds.
 */
export interface WalkOptions {
  firstSeen?: Map<string, number>;
  medians?: ValueMedians;
  /**
   * Medians as they stood on each day (the day's own shipments included,
   * later ones never), as a back-test reads them, instead of the whole
   * history's; `medians` is then unused.
   */
  mediansAsOfDay?: boolean;
  /** Links carried over from an earlier history (and grown by this walk); a fresh set otherwise. */
  links?: SeizureLinks;
}

export function walkHistory(sightings: readonly Sighting[], visit: (sighting: Sighting, index: number, ctx: ScoringContext) => void, options: WalkOptions = {}): SeizureLinks {
  const order = sightings.map((_, i) => i).sort((a, b) => (sightings[a]!.date < sightings[b]!.date ? -1 : sightings[a]!.date > sightings[b]!.date ? 1 : a - b));
  const firstSeen = options.firstSeen ?? firstSightings(sightings);
  const growing = options.mediansAsOfDay ? new GrowingValueMedians() : undefined;
  const medians = growing ?? options.medians ?? ValueMedians.of(sightings.map((s) => s.shipment));
  const links = options.links ?? new SeizureLinks();
  const base = {
    watchlists: new Map<string, ReadonlySet<string>>(),
    partyFirstSeen: (key: string) => {
      const t = firstSeen.get(key);
      return t === undefined ? undefined : new Date(t);
    },
    partyLinkedToSeizure: (key: string, degree?: 1 | 2) => links.linked(key, degree ?? 1),
    medianValuePerKg: (hs: string, origin: string | undefined, currency?: string) => medians.lookup(hs, origin, currency),
  };
  let k = 0;
  while (k < order.length) {
    const date = sightings[order[k]!]!.date;
    const day = dayNumber(date);
    let end = k;
    while (end < order.length && sightings[order[end]!]!.date === date) end++;
    links.advanceTo(day);
    const keys = order.slice(k, end).map((i) => partyKeysOf(sightings[i]!.shipment));
    for (const ks of keys) links.observe(ks);
    if (growing) for (let j = k; j < end; j++) growing.add(sightings[order[j]!]!.shipment);
    const ctx: ScoringContext = { ...base, now: new Date((day + 1) * DAY_MS - 1) };
    for (let j = k; j < end; j++) visit(sightings[order[j]!]!, order[j]!, ctx);
    for (let j = k; j < end; j++) {
      const s = sightings[order[j]!]!;
      // Known from the day after it was recorded (as the service's back-test and live scoring see it), never before the day after arrival.
      if (s.seizure) links.seizure(s.seizureRecorded === undefined ? day : Math.max(day, dayNumber(s.seizureRecorded)), keys[j - k]!);
    }
    k = end;
  }
  // Seizures of the last day are known once the history is over.
  links.advanceTo(Infinity);
  return links;
}
