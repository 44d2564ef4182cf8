// A small synthetic inspection history for builder tests: noise everywhere,
// plus whatever patterns a test plants. Seeded, so a failure reproduces.
import type { HistoryRecord } from "../../../profiling/builder/train-model.js";
import type { ShipmentInput } from "../../../profiling/shipment.js";
import { seededRandom as fixtureRandom } from "../../../fixtures/seeded-random.js";

/** The fixtures' seeded PRNG (mulberry32), as a bare draw function. */
export const seededRandom = (seed: number): (() => number) => {
  const random = fixtureRandom(seed);
  return () => random.next();
};

export interface Plant {
  importer?: string;
  declarant?: string;
  hs?: string;
  origin?: string;
}

const HS = ["392690", "950300", "071080", "440890", "690722", "847130", "852872", "620342"];
const ORIGINS = ["CN", "JP", "US", "DE", "VN", "KR", "IT", "TH"];

export function shipment(id: string, p: Plant, rnd: () => number): ShipmentInput {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return {
    id,
    transportMode: "sea",
    transshipmentPorts: [],
    sealNumbers: [],
    isEmpty: false,
    consignee: { id: p.importer ?? `IMP${Math.floor(rnd() * 400)}` },
    declarant: { id: p.declarant ?? `DEC${Math.floor(rnd() * 30)}` },
    hsCodes: [p.hs ?? pick(HS)],
    countryOfOrigin: p.origin ?? pick(ORIGINS),
    netWeightKg: Math.round(1 + rnd() * 5000),
    declaredValue: Math.round(1000 + rnd() * 1e7),
    attributes: {},
  };
}

/** Dates spread evenly over 2020. */
export function dateOf(i: number, n: number): string {
  const day = Math.floor((i * 366) / n);
  return new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
}

/**
 * `n` noise records at `baseRate`, with the planted groups mixed in at random
 * positions (so they span the whole period).
 */
export function syntheticHistory(
  n: number,
  baseRate: number,
  plants: { plant: Plant; count: number; rate: number }[],
  seed = 7,
): HistoryRecord[] {
  const rnd = seededRandom(seed);
  const specs: { plant: Plant; rate: number }[] = [];
  for (let i = 0; i < n; i++) specs.push({ plant: {}, rate: baseRate });
  for (const { plant, count, rate } of plants) {
    // Exact share of hits in each planted group: the test states the rate.
    const hits = Math.round(count * rate);
    for (let k = 0; k < count; k++) specs.splice(Math.floor(rnd() * specs.length), 0, { plant, rate: k < hits ? 1 : 0 });
  }
  return specs.map((s, i) => ({
    shipment: shipment(`S${i}`, s.plant, rnd),
    label: { hit: s.rate === 1 ? true : s.rate === 0 ? false : rnd() < s.rate },
    date: dateOf(i, specs.length),
  }));
}
