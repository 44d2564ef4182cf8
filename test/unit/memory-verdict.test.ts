// The load bench's memory verdict (bench/memory-verdict.ts, issue 17 point 6): the second minute's median RSS
// after GC against the last minute's, each minute's spread printed.
import { describe, expect, it } from "vitest";
import { memoryVerdict, type MemoryProbe } from "../../bench/memory-verdict.js";

const probe = (atSecond: number, rssMb: number): MemoryProbe => ({ atSecond, rssMb, heapUsedMb: 40, heapTotalMb: 80, externalMb: 6, arrayBuffersMb: 0.2 });
/** A probe every 10 s for 5 minutes at `base` MB, with `overrides` by second. */
const run = (base: number, overrides: Record<number, number> = {}) =>
  Array.from({ length: 31 }, (_, i) => probe(i * 10, overrides[i * 10] ?? base));

describe("memory verdict of a load run", () => {
  it("is not decided by one probe taken at a high point", () => {
    // One probe of the last minute 24 % up (a young generation grown for a burst): the median stays at 190.
    const verdict = memoryVerdict(run(190, { 300: 236 }), 300);
    expect(verdict).toMatchObject({ secondMinuteRssMb: 190, lastMinuteRssMb: 190, rssGrowthPct: 0, under10Pct: true });
    expect(verdict.rssGrowthRangePct).toEqual([0, 24.2]);
  });

  it("fails a steady growth", () => {
    const growing = Array.from({ length: 31 }, (_, i) => probe(i * 10, 180 + i * 2));
    const verdict = memoryVerdict(growing, 300);
    expect(verdict).toMatchObject({ under10Pct: false });
    expect(verdict.perMinute?.map((m) => m.probes)).toEqual([6, 6, 6, 6, 6]);
  });

  it("needs three minutes of load", () => {
    expect(memoryVerdict(run(190).slice(0, 13), 120)).toMatchObject({ note: expect.stringContaining("180") });
  });
});
