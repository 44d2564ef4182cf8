// The profile bench/backtest-speed.ts runs: a learned profile cut to the size
// the issue names (65 indicators, 6,000+ table entries). Tables first, largest
// first, then the learned conditions in the builder's order (seizure links,
// first sightings, value and weight bands...). Where the learned tables hold
// fewer entries than asked, the largest party table gets more rows of
// never-seen parties with tiny points: a unit with a longer history would have
// them, and they cost the scorer what real entries cost (a map of that size).
import type { Profile } from "../profiling/dsl/profile-types.js";

type Indicator = Profile["indicators"][number];

const entriesOf = (indicator: Indicator): number => (indicator.table ? Object.keys(indicator.table.entries).length : 0);

export function benchProfile(built: Profile, size: { indicators: number; minEntries: number }): { definition: Profile; tableEntries: number } {
  const tables = built.indicators.filter((i) => i.table !== undefined).sort((a, b) => entriesOf(b) - entriesOf(a) || a.code.localeCompare(b.code));
  const conditions = built.indicators.filter((i) => i.table === undefined);
  const kept = [...tables, ...conditions].slice(0, size.indicators);
  if (kept.length < size.indicators) throw new Error(`the learned profile has ${kept.length} indicators, fewer than ${size.indicators}`);
  let total = kept.reduce((n, i) => n + entriesOf(i), 0);
  const largest = kept[0];
  if (total < size.minEntries && largest?.table) {
    const entries = { ...largest.table.entries };
    for (let k = 0; total < size.minEntries; k += 1, total += 1) entries[`BENCH PARTY ${k}`] = (k % 7) / 10 - 0.3;
    kept[0] = { ...largest, table: { ...largest.table, entries } };
  }
  return { definition: { ...built, indicators: kept }, tableEntries: total };
}
