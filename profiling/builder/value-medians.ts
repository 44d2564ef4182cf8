// Median declared value per kg by HS subheading (else heading), origin and
// currency, over a unit's shipments: the same groups and the same minimum
// sample as the live context (core/scoring/scoring-context.ts), so a ratio
// the builder learns from is the ratio the scorer will compute.
import type { ShipmentInput } from "../shipment.js";

/** Below this many priced shipments a median says little; the ratio stays silent. */
export const MIN_MEDIAN_SAMPLES = 5;

/** Value per kg as derived.valuePerKg reads it: net mass, else gross. */
export function valuePerKgOf(s: ShipmentInput): number | undefined {
  const kg = s.netWeightKg !== undefined && s.netWeightKg > 0 ? s.netWeightKg : s.grossWeightKg;
  return s.declaredValue !== undefined && s.declaredValue > 0 && kg !== undefined && kg > 0 ? s.declaredValue / kg : undefined;
}

/** Interpolated median (PostgreSQL's percentile_cont(0.5)). */
function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = (values.length - 1) / 2;
  const lo = values[Math.floor(mid)]!;
  const hi = values[Math.ceil(mid)]!;
  return lo + (hi - lo) * (mid - Math.floor(mid));
}

const groupKey = (hs: string, origin: string | undefined, currency: string | undefined) => `${hs}|${origin ?? ""}|${currency ?? ""}`;

/** Median of values already in ascending order (interpolated as percentile_cont(0.5)). */
function sortedMedian(values: readonly number[]): number {
  const mid = (values.length - 1) / 2;
  const lo = values[Math.floor(mid)]!;
  const hi = values[Math.ceil(mid)]!;
  return lo + (hi - lo) * (mid - Math.floor(mid));
}

/**
 * Medians that grow as shipments are added, day by day: what a unit's
 * back-test reads on a past day (core/profiles/medians-as-of.ts), the median
 * of the priced shipments dated on or before it, never of later ones. The
 * builder's held-out scoring reads these, so its figures are the back-test's.
 */
export class GrowingValueMedians {
  private readonly sorted = new Map<string, number[]>();

  add(s: ShipmentInput): void {
    const hs = s.hsCodes[0]?.replace(/[\s.]/g, "");
    const vpk = valuePerKgOf(s);
    if (hs === undefined || hs.length < 4 || vpk === undefined) return;
    if (hs.length >= 6) this.insert(groupKey(hs.slice(0, 6), s.countryOfOrigin, s.currency), vpk);
    this.insert(groupKey(hs.slice(0, 4), s.countryOfOrigin, s.currency), vpk);
  }

  private insert(key: string, v: number): void {
    let list = this.sorted.get(key);
    if (list === undefined) this.sorted.set(key, (list = []));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, v);
  }

  private median(key: string): number | undefined {
    const list = this.sorted.get(key);
    return list !== undefined && list.length >= MIN_MEDIAN_SAMPLES ? sortedMedian(list) : undefined;
  }

  /** As ValueMedians.lookup, over the shipments added so far. */
  lookup(hsCode: string, origin: string | undefined, currency?: string): number | undefined {
    const hs = hsCode.replace(/[\s.]/g, "");
    return this.median(groupKey(hs.slice(0, 6), origin, currency)) ?? this.median(groupKey(hs.slice(0, 4), origin, currency));
  }
}

export class ValueMedians {
  private constructor(private readonly medians: ReadonlyMap<string, number>) {}

  static of(shipments: Iterable<ShipmentInput>): ValueMedians {
    const samples = new Map<string, number[]>();
    const add = (key: string, v: number) => {
      const list = samples.get(key);
      if (list === undefined) samples.set(key, [v]);
      else list.push(v);
    };
    for (const s of shipments) {
      const hs = s.hsCodes[0]?.replace(/[\s.]/g, "");
      const vpk = valuePerKgOf(s);
      if (hs === undefined || hs.length < 4 || vpk === undefined) continue;
      if (hs.length >= 6) add(groupKey(hs.slice(0, 6), s.countryOfOrigin, s.currency), vpk);
      add(groupKey(hs.slice(0, 4), s.countryOfOrigin, s.currency), vpk);
    }
    const medians = new Map<string, number>();
    for (const [key, values] of samples) if (values.length >= MIN_MEDIAN_SAMPLES) medians.set(key, median(values));
    return new ValueMedians(medians);
  }

  /** The medians as entries ("080390|EC|USD" → median), to keep beside a profile. */
  entries(): [string, number][] {
    return [...this.medians];
  }

  /** Medians kept with entries(), with `fallback` where they have no group (e.g. one only a later file has). */
  static fromEntries(entries: Iterable<[string, number]>, fallback?: ValueMedians): ValueMedians {
    const medians = new Map(fallback?.medians ?? []);
    for (const [key, median] of entries) if (Number.isFinite(median)) medians.set(key, median);
    return new ValueMedians(medians);
  }

  /** The subheading's median, else the heading's; undefined where the history is too thin. */
  lookup(hsCode: string, origin: string | undefined, currency?: string): number | undefined {
    const hs = hsCode.replace(/[\s.]/g, "");
    return this.medians.get(groupKey(hs.slice(0, 6), origin, currency)) ?? this.medians.get(groupKey(hs.slice(0, 4), origin, currency));
  }
}
