// Issue 17 point 6's verdict on the memory probes of a load run: RSS after a
// full GC must grow less than 10 % between the second and the last minute.
// Each minute holds several probes (one every --gc-every seconds): the
// verdict compares their medians, so one probe taken in the middle of a burst
// of allocations (or a GC that happened to return pages) cannot decide it,
// and it prints each minute's spread and the growth from the second minute's
// extremes to the last's, so a reader sees how much the figure could move.

export interface MemoryProbe {
  atSecond: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  newSpaceMb?: number;
  anonymousMb?: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
export const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const growthPct = (from: number, to: number) => round1(((to - from) / from) * 100);

/** The probes of minute m of the load: taken after (m - 1) minutes and up to m minutes (the start's probe, at 0 s, is in none). */
const inMinute = (probes: MemoryProbe[], m: number) => probes.filter((p) => p.atSecond > (m - 1) * 60 && p.atSecond <= m * 60);

export interface MinuteSummary {
  minute: number;
  probes: number;
  rssMedianMb?: number;
  rssMinMb?: number;
  rssMaxMb?: number;
  heapUsedMedianMb?: number;
  outsideHeapMedianMb?: number;
  externalMedianMb?: number;
  arrayBuffersMedianMb?: number;
  heapTotalMedianMb?: number;
  newSpaceMedianMb?: number;
  anonymousMedianMb?: number;
}

function minuteSummary(probes: MemoryProbe[], m: number): MinuteSummary {
  const xs = inMinute(probes, m);
  if (xs.length === 0) return { minute: m, probes: 0 };
  const rss = xs.map((p) => p.rssMb);
  const anonymous = xs.flatMap((p) => (p.anonymousMb === undefined ? [] : [p.anonymousMb]));
  const newSpace = xs.flatMap((p) => (p.newSpaceMb === undefined ? [] : [p.newSpaceMb]));
  return {
    minute: m,
    probes: xs.length,
    rssMedianMb: round1(median(rss)),
    rssMinMb: Math.min(...rss),
    rssMaxMb: Math.max(...rss),
    heapUsedMedianMb: round1(median(xs.map((p) => p.heapUsedMb))),
    heapTotalMedianMb: round1(median(xs.map((p) => p.heapTotalMb))),
    ...(newSpace.length > 0 ? { newSpaceMedianMb: round1(median(newSpace)) } : {}),
    // RSS outside V8's heap: malloc'd memory (Buffers, the allocator's arenas, native modules) and code.
    outsideHeapMedianMb: round1(median(xs.map((p) => p.rssMb - p.heapTotalMb))),
    externalMedianMb: round1(median(xs.map((p) => p.externalMb))),
    arrayBuffersMedianMb: round1(median(xs.map((p) => p.arrayBuffersMb))),
    ...(anonymous.length > 0 ? { anonymousMedianMb: round1(median(anonymous)) } : {}),
  };
}

/** The second minute against the last, by medians, with every minute's summary; `seconds` is the load's length. */
export function memoryVerdict(probes: MemoryProbe[], seconds: number) {
  const minutes = Math.floor(seconds / 60);
  const perMinute = Array.from({ length: minutes }, (_, i) => minuteSummary(probes, i + 1));
  const second = perMinute[1];
  const last = perMinute[minutes - 1];
  if (minutes < 3 || !second?.probes || !last?.probes) {
    return { note: "needs --seconds 180 or more, with at least one probe in the second and the last minute", perMinute };
  }
  // Both minutes have probes, so every figure of theirs is set.
  const [s, l] = [second as Required<MinuteSummary>, last as Required<MinuteSummary>];
  const rssGrowthPct = growthPct(s.rssMedianMb, l.rssMedianMb);
  return {
    secondMinuteRssMb: s.rssMedianMb,
    lastMinuteRssMb: l.rssMedianMb,
    rssGrowthPct,
    // The growth the extremes allow: the second minute's highest to the last's lowest, and lowest to highest.
    rssGrowthRangePct: [growthPct(s.rssMaxMb, l.rssMinMb), growthPct(s.rssMinMb, l.rssMaxMb)],
    heapGrowthPct: growthPct(s.heapUsedMedianMb, l.heapUsedMedianMb),
    outsideHeapGrowthMb: round1(l.outsideHeapMedianMb - s.outsideHeapMedianMb),
    under10Pct: rssGrowthPct < 10,
    perMinute,
  };
}
