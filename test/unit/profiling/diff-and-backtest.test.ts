import { describe, expect, it } from "vitest";
import { backtest, precisionAtTopShare, type BacktestRecord } from "../../../profiling/backtest.js";
import { diffProfiles } from "../../../profiling/diff.js";
import type { Profile } from "../../../profiling/dsl/profile-types.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import { profileDoc } from "./support.js";

function valid(doc: unknown): Profile {
  const r = validateProfile(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profile;
}

describe("diffProfiles", () => {
  const before = valid(profileDoc([
    { code: "A", label: "a", points: 10, when: { op: "sealIssue" } },
    { code: "B", label: "b", points: 5, when: { op: "all", of: [{ op: "sealIssue" }, { op: "genericDescription" }] } },
    { code: "C", label: "c", points: 5, when: { op: "routeVia", ports: ["ECGYE"], legs: "any" } },
  ]));

  it("lists added, removed and changed indicators with their points, and changed settings", () => {
    const after = valid(profileDoc([
      { code: "A", label: "a", points: 15, when: { op: "sealIssue" } },
      { code: "C", label: "c", points: 5, when: { legs: "any", ports: ["ECGYE"], op: "routeVia" } },
      { code: "D", label: "d", table: { key: ["consignee.id"], entries: { X: 1 } } },
    ], { randomRate: 0.02, thresholds: { high: 70, medium: 35, low: 15 }, scope: { transportModes: ["sea"] } }));
    const d = diffProfiles(before, after);
    expect(d.added).toEqual([{ code: "D", label: "d", points: null, kind: "table" }]);
    expect(d.removed).toEqual([{ code: "B", label: "b", points: 5, kind: "rule" }]);
    expect(d.changed).toEqual([{ code: "A", changes: ["points"], before: { code: "A", label: "a", points: 10, kind: "rule" }, after: { code: "A", label: "a", points: 15, kind: "rule" } }]);
    expect(d.unchanged).toBe(1); // C: same condition, keys in another order
    expect(d.settings.randomRate).toEqual({ before: 0, after: 0.02 });
    expect(d.settings.thresholds).toEqual({ before: { high: 60, medium: 35, low: 15, select: 60 }, after: { high: 70, medium: 35, low: 15, select: 70 } });
    expect(d.settings.scope).toEqual({ before: null, after: { transportModes: ["sea"] } });
    expect(d.identical).toBe(false);
  });

  it("reports identical versions as identical", () => {
    expect(diffProfiles(before, before)).toMatchObject({ added: [], removed: [], changed: [], unchanged: 3, settings: {}, identical: true });
  });

  it("notices a changed condition", () => {
    const after = valid(profileDoc([...before.indicators.slice(0, 2), { code: "C", label: "c", points: 5, when: { op: "routeVia", ports: ["COCTG"] } }]));
    expect(diffProfiles(before, after).changed.map((c) => [c.code, c.changes])).toEqual([["C", ["when"]]]);
  });
});

describe("backtest", () => {
  const rec = (score: number, selected: boolean, hit: boolean, codes: [string, number][] = [], random = false): BacktestRecord => ({ score, selected, hit, random, indicators: codes.map(([code, points]) => ({ code, points })) });
  const records: BacktestRecord[] = [
    rec(90, true, true, [["SRC", 40], ["NEW", 50]]),
    rec(70, true, false, [["SRC", 40], ["SEAL", 30]]),
    rec(60, true, true, [["NEW", 50], ["SEAL", 10]]),
    rec(20, false, false, [["SRC", 20]]),
    rec(10, true, true, [["SEAL", 10]], true),
    ...Array.from({ length: 15 }, () => rec(0, false, false)),
  ];

  it("computes selection, precision, recall and lift", () => {
    const r = backtest(records, { topK: [5, 10, 50] });
    expect(r).toMatchObject({ records: 20, hits: 3, baseRate: 0.15, selected: 4, selectionRate: 0.2, selectedHits: 3, precision: 0.75, recall: 1, random: { selected: 1, hits: 1, hitRate: 1 } });
    expect(r.lift).toBeCloseTo(5);
    expect(r.topShares.map((t) => [t.percent, t.count, t.hits, t.precision])).toEqual([[5, 1, 1, 1], [10, 2, 1, 0.5], [50, 10, 3, 0.3]]);
    expect(r.topShares[0]?.lift).toBeCloseTo(1 / 0.15);
    expect(r.topShares[2]?.recall).toBe(1);
  });

  it("counts per-indicator matches, hits and points contribution", () => {
    const byCode = Object.fromEntries(backtest(records).indicators.map((i) => [i.code, i]));
    expect(byCode.SRC).toEqual({ code: "SRC", matched: 3, matchedHits: 1, hitRate: 1 / 3, pointsOnHits: 40, pointsTotal: 100, contribution: 0.4 });
    expect(byCode.NEW).toMatchObject({ matched: 2, matchedHits: 2, hitRate: 1, contribution: 1 });
    expect(byCode.SEAL).toMatchObject({ matched: 3, matchedHits: 2, pointsOnHits: 20, pointsTotal: 50 });
  });

  it("shares tied places at the cut pro rata, whatever the input order", () => {
    const tied = [{ score: 5, hit: true }, { score: 5, hit: false }, { score: 5, hit: false }, { score: 5, hit: false }];
    expect(precisionAtTopShare(tied, 0.5)).toEqual({ count: 2, hits: 0.5, precision: 0.25, recall: 0.5 });
    expect(precisionAtTopShare([...tied].reverse(), 0.5).hits).toBe(0.5);
    expect(precisionAtTopShare([], 0.1)).toEqual({ count: 0, hits: 0, precision: null, recall: null });
  });

  it("returns nulls, not NaN, where a ratio has no denominator", () => {
    const r = backtest([rec(0, false, false)], { topK: [1] });
    expect([r.precision, r.recall, r.lift, r.random.hitRate]).toEqual([null, null, null, null]);
    expect(r.topShares[0]).toEqual({ percent: 1, count: 1, hits: 0, precision: 0, recall: null, lift: null });
  });
});
