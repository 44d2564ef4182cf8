import { describe, expect, test } from "vitest";
import { buildProfile } from "../../../profiling/builder/build-profile.js";
import type { FeatureGroupSpec, TableGroupSpec } from "../../../profiling/builder/feature-catalog.js";
import { backtestAsOfDay } from "../../../profiling/builder/held-out-backtest.js";
import { prepareHistory } from "../../../profiling/builder/prepare-history.js";
import { UNWEIGHTED } from "../../../profiling/builder/selection-weights.js";
import { modelScore, trainModel } from "../../../profiling/builder/train-model.js";
import { compileProfile } from "../../../profiling/dsl/compile.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import type { ScoringContext } from "../../../profiling/shipment.js";
import { dateOf, seededRandom, shipment, syntheticHistory } from "./synthetic-history.js";

const table = (code: string, key: string[], noun: string): TableGroupSpec => ({ kind: "table", code, label: noun, key, noun });
const GROUPS: FeatureGroupSpec[] = [
  table("IMPORTER", ["consignee.id"], "Importer"),
  table("DECLARANT", ["declarant.id"], "Declarant"),
  table("HS6", ["hs:6"], "HS subheading"),
  table("ORIGIN", ["countryOfOrigin"], "Origin"),
  table("HS6_ORIGIN", ["hs:6", "countryOfOrigin"], "HS code x origin"),
  { kind: "bins", code: "NET_MASS", label: "Net mass", field: "netWeightKg", noun: "Net mass", bins: 4, unit: "kg" },
];

function entries(profile: ReturnType<typeof buildProfile>["profile"], code: string): Record<string, number> {
  const ind = profile.indicators.find((i) => i.code === code);
  if (ind?.table === undefined) throw new Error(`no table indicator ${code}`);
  return ind.table.entries;
}

describe("buildProfile on a history with planted patterns", () => {
  const history = syntheticHistory(3000, 0.15, [
    { plant: { importer: "QLRUBN9" }, count: 60, rate: 0.9 },
    { plant: { hs: "610910", origin: "BD" }, count: 80, rate: 0.8 },
    // The HS code and the origin are ordinary on their own: only the pair is risky.
    { plant: { hs: "610910" }, count: 300, rate: 0.15 },
    { plant: { origin: "BD" }, count: 300, rate: 0.15 },
  ]);
  const { profile, report } = buildProfile(history, { groups: GROUPS, halfLifeDays: Infinity, l2: 1 });

  test("the planted importer and HS x origin pair earn the largest points", () => {
    const all = profile.indicators.flatMap((i) =>
      i.table ? Object.entries(i.table.entries).map(([v, p]) => ({ key: `${i.code}:${v}`, p })) : [{ key: i.code, p: i.points ?? 0 }],
    );
    all.sort((a, b) => b.p - a.p);
    const planted = ["IMPORTER:QLRUBN9", "HS6_ORIGIN:610910|BD"];
    expect(all.slice(0, 2).map((e) => e.key).sort()).toEqual([...planted].sort());
    const noise = all.filter((e) => !planted.includes(e.key));
    expect(entries(profile, "IMPORTER").QLRUBN9!).toBeGreaterThan(25);
    expect(entries(profile, "HS6_ORIGIN")["610910|BD"]!).toBeGreaterThan(20);
    expect(Math.min(entries(profile, "IMPORTER").QLRUBN9!, entries(profile, "HS6_ORIGIN")["610910|BD"]!)).toBeGreaterThan(1.3 * noise[0]!.p);
  });

  test("the report explains the strongest indicators in plain language", () => {
    const imp = report.strongest.find((e) => e.indicator === "IMPORTER" && e.value === "QLRUBN9");
    expect(imp).toBeDefined();
    expect(imp!.count).toBe(60);
    expect(imp!.hits).toBe(54);
    expect(imp!.text).toBe(`Importer QLRUBN9: 54 of 60 past inspections found fraud → +${imp!.points.toFixed(1)} points`);
    expect(report.strongest.slice(0, 3).some((e) => e.indicator === "IMPORTER" && e.value === "QLRUBN9")).toBe(true);
    expect(report.history.records).toBe(3740);
  });

  test("the emitted profile validates and the real scorer adds up the same points", () => {
    const checked = validateProfile(profile);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const compiled = compileProfile(checked.profile);
    const prepared = prepareHistory(history, [], GROUPS);
    const model = trainModel(prepared, prepared.labelled, { halfLifeDays: Infinity, l2: 1, pointsPerLogOdds: 10, selection: UNWEIGHTED });
    // These groups read no party history, watchlist or median: an empty context is all they need.
    const ctx: ScoringContext = { now: new Date("2021-01-01T00:00:00Z"), watchlists: new Map(), partyFirstSeen: () => undefined, partyLinkedToSeizure: () => false, medianValuePerKg: () => undefined };
    history.slice(0, 300).forEach((r, i) => {
      const res = compiled.score(r.shipment, ctx, { shipmentId: r.shipment.id, versionId: "t" });
      expect(res.score).toBeCloseTo(modelScore(model, i), 6);
    });
    expect(profile.thresholds.high).toBeGreaterThanOrEqual(profile.thresholds.medium);
    expect(profile.thresholds.medium).toBeGreaterThanOrEqual(profile.thresholds.low);
  });

  test("it ranks a later period: planted patterns come out on top", () => {
    const rnd = seededRandom(99);
    const later = [
      ...Array.from({ length: 20 }, (_, i) => ({ shipment: shipment(`B${i}`, { importer: "QLRUBN9" }, rnd), label: { hit: true }, date: "2021-01-05" })),
      ...Array.from({ length: 380 }, (_, i) => ({ shipment: shipment(`N${i}`, {}, rnd), label: { hit: false }, date: "2021-01-05" })),
    ];
    const { metrics } = backtestAsOfDay(profile, history, later, [], [5]);
    expect(metrics.topShares[0]).toMatchObject({ percent: 5, count: 20, precision: 1, recall: 1 });
  });
});

describe("shrinkage of rare values", () => {
  test("an importer seen once with fraud earns far fewer points than one seen 50 times at the same rate", () => {
    const history = syntheticHistory(2000, 0.2, [
      { plant: { importer: "ONCE001" }, count: 1, rate: 1 },
      { plant: { importer: "MANY050" }, count: 50, rate: 1 },
    ]);
    const { profile } = buildProfile(history, { groups: [table("IMPORTER", ["consignee.id"], "Importer")], halfLifeDays: Infinity, l2: 1 });
    const imp = entries(profile, "IMPORTER");
    expect(imp.ONCE001!).toBeGreaterThan(0);
    expect(imp.ONCE001!).toBeLessThan(0.25 * imp.MANY050!);
    expect(imp.MANY050!).toBeGreaterThan(25);
  });

  test("values below minCount share the table default instead of getting an entry", () => {
    const history = syntheticHistory(2000, 0.2, [{ plant: { importer: "ONCE001" }, count: 1, rate: 1 }]);
    const { profile } = buildProfile(history, { groups: [{ ...table("IMPORTER", ["consignee.id"], "Importer"), minCount: 2 }] });
    const ind = profile.indicators.find((i) => i.code === "IMPORTER")!;
    expect(ind.table!.entries.ONCE001).toBeUndefined();
    expect(typeof ind.table!.default).toBe("number");
  });
});

describe("time decay", () => {
  // Two importers with the same record overall: RECENT1 defrauded lately,
  // OLDBAD1 only early in the year.
  const rnd = seededRandom(3);
  const history = Array.from({ length: 2000 }, (_, i) => {
    const n = 2000;
    const early = i < n / 2;
    const importer = i % 20 === 0 ? "RECENT1" : i % 20 === 1 ? "OLDBAD1" : undefined;
    const hit = importer === "RECENT1" ? !early : importer === "OLDBAD1" ? early : rnd() < 0.2;
    return { shipment: shipment(`T${i}`, importer ? { importer } : {}, rnd), label: { hit }, date: dateOf(i, n) };
  });
  const groups = [table("IMPORTER", ["consignee.id"], "Importer")];

  test("recent inspections weigh more", () => {
    const imp = entries(buildProfile(history, { groups, halfLifeDays: 60, l2: 1 }).profile, "IMPORTER");
    expect(imp.RECENT1!).toBeGreaterThan(10);
    expect(imp.OLDBAD1!).toBeLessThan(-5);
    expect(imp.RECENT1! - imp.OLDBAD1!).toBeGreaterThan(25);
  });

  test("without decay both records count the same", () => {
    const imp = entries(buildProfile(history, { groups, halfLifeDays: Infinity, l2: 1 }).profile, "IMPORTER");
    expect(Math.abs((imp.RECENT1 ?? 0) - (imp.OLDBAD1 ?? 0))).toBeLessThan(1);
  });
});
