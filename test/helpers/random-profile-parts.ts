// Seeded random draws shared by the scorer equivalence tests
// (test/unit/profiling/scorer-*.test.ts): pick, maybe, some, a party
// built from each test's own vocabulary of names, and a condition tree over
// each test's own leaves. The same seed draws the
// same sequence, so a failing case can be replayed.
import type { PartyInput } from "../../profiling/shipment.js";
import { seededRandom } from "../../fixtures/seeded-random.js";

/** A profile condition as the tests draw it (validated later by the DSL). */
export type RandomCondition = Record<string, unknown> & { op: string };

export interface RandomParts {
  /** A draw in [0, 1). */
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  /** v() with probability p, else undefined. */
  maybe: <T>(p: number, v: () => T) => T | undefined;
  /** 1 to max picks, repeats allowed. */
  some: <T>(xs: readonly T[], max: number) => T[];
  /** A party (or none, one time in ten) named from `names`, with an address, a country, an id and a pipeline key each sometimes missing. */
  party: (names: readonly string[]) => PartyInput | undefined;
  /** A tree of all/any/not over `leaf()`: a leaf six times in ten at each level, at most two levels above the leaves. */
  condition: (leaf: () => RandomCondition, depth?: number) => RandomCondition;
}

export function randomParts(seed: number): RandomParts {
  const random = seededRandom(seed);
  const r = () => random.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
  const some = <T>(xs: readonly T[], max: number): T[] => Array.from({ length: 1 + Math.floor(r() * max) }, () => pick(xs));
  const party = (names: readonly string[]): PartyInput | undefined =>
    maybe(0.9, () => ({
      name: maybe(0.95, () => pick(names)),
      address: maybe(0.6, () => pick(["P.O. Box 12", "po box 7", "Calle 5"])),
      country: maybe(0.8, () => pick(["EC", "BE", "nl"])),
      id: maybe(0.4, () => pick(["A1", "b2", "C3"])),
      key: maybe(0.3, () => pick(["K1", "K2", "K3"])),
    }));
  const condition = (leaf: () => RandomCondition, depth = 0): RandomCondition => {
    const x = r();
    if (depth >= 2 || x < 0.6) return leaf();
    if (x < 0.85) return { op: pick(["all", "any"]), of: Array.from({ length: 1 + Math.floor(r() * 3) }, () => condition(leaf, depth + 1)) };
    return { op: "not", of: condition(leaf, depth + 1) };
  };
  return { r, pick, maybe, some, party, condition };
}
