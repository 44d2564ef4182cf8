// The builder on a unit's container history: what it may learn (no exact
// amounts, minimum support), what each record may know on its day (novelty,
// links to seizures), how selection is corrected, and how the result is named.
import { describe, expect, test } from "vitest";
import { addToBuilderHistory, type BuilderHistory } from "../../../core/history/builder-records.js";
import { mapHistoryLine } from "../../../core/history/manifest-history-line.js";
import { generateContainerHistory } from "../../../fixtures/container-history/index.js";
import { buildProfile, type HistoryRecord } from "../../../profiling/builder/build-profile.js";
import { candidateGroups } from "../../../profiling/builder/candidate-groups.js";
import { discoverGroups } from "../../../profiling/builder/discover-groups.js";
import { scoreAsOfDay } from "../../../profiling/builder/held-out-backtest.js";
import { SeizureLinks, walkHistory } from "../../../profiling/builder/history-context.js";
import { FLAG_TRUE, FLAG_UNKNOWN } from "../../../profiling/builder/feature-extract.js";
import { buildFeatureSpace } from "../../../profiling/builder/feature-space.js";
import { prepareHistory } from "../../../profiling/builder/prepare-history.js";
import { selectionWeights, DEFAULT_SELECTION_WEIGHTING } from "../../../profiling/builder/selection-weights.js";
import { modelScore, trainModel } from "../../../profiling/builder/train-model.js";
import { compileProfile } from "../../../profiling/dsl/compile.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import type { ShipmentInput } from "../../../profiling/shipment.js";

function box(id: string, over: Partial<ShipmentInput> = {}): ShipmentInput {
  return {
    id, transportMode: "sea", portOfLoading: "ECGYE", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR", containerNumber: "CSQU3054383", containerType: "45R1",
    sealNumbers: ["S1"], isEmpty: false, hsCodes: ["080390"], countryOfOrigin: "EC", currency: "USD", declaredValue: 18_000, grossWeightKg: 21_000, packages: 1_000,
    shipper: { name: "FRUTAS DEL SUR S.A.", country: "EC" }, consignee: { name: "VERSHANDEL NOORD BV", country: "BE" }, attributes: {}, ...over,
  };
}

const world = (() => {
  const w = generateContainerHistory({ seed: 41, perMonth: 1_200, trainMonths: 12, laterMonths: 1, baseRate: 0.02 });
  const history: BuilderHistory = { records: [], unlabelled: [] };
  w.history.forEach((line, i) => {
    const mapped = mapHistoryLine(JSON.parse(JSON.stringify(line)), i + 1);
    if (!mapped.ok) throw new Error(mapped.reasons.join("; "));
    addToBuilderHistory(history, mapped.row);
  });
  return history;
})();
const built = buildProfile(world.records, { unlabelled: world.unlabelled });

describe("what the builder may learn", () => {
  test("no candidate is keyed on an exact amount, weight or package count", () => {
    const numeric = /^(grossWeightKg|netWeightKg|declaredValue|packages|derived\.valuePerKg|derived\.kgPerPackage)$/;
    for (const g of candidateGroups("USD")) {
      if (g.kind === "table") expect(g.key.filter((k) => numeric.test(k)), g.code).toEqual([]);
      if (g.kind === "values") expect(numeric.test(g.field), g.code).toBe(false);
    }
    const profile = built.profile;
    expect(profile.indicators.flatMap((i) => i.table?.key ?? []).filter((k) => numeric.test(k))).toEqual([]);
  });

  test("a table value needs a minimum support: a consignee inspected twice gets no entry of its own", () => {
    const records: HistoryRecord[] = [];
    for (let i = 0; i < 400; i++) records.push({ shipment: box(`N${i}`, { consignee: { name: `IMPORTER ${i % 80} NV`, country: "BE" } }), label: { hit: i % 10 === 0 }, date: `2025-0${1 + (i % 9)}-15` });
    for (let i = 0; i < 2; i++) records.push({ shipment: box(`T${i}`, { consignee: { name: "TWICE ONLY BV", country: "BE" } }), label: { hit: true }, date: "2025-05-01" });
    const { profile } = buildProfile(records, { l2: 1, halfLifeDays: 365 });
    const names = profile.indicators.find((i) => i.code === "CONSIGNEE_NAME");
    expect(Object.keys(names?.table?.entries ?? {})).not.toContain("TWICE ONLY");
  });

  test("a flag on more than its maximum share of the boxes is left out: it would tell an officer nothing", () => {
    const records: HistoryRecord[] = Array.from({ length: 300 }, (_, i) => ({
      shipment: box(`F${i}`, { containerType: i % 5 === 0 ? "42G1" : "45R1" }),
      label: { hit: i % 7 === 0 },
      date: `2025-0${1 + (i % 9)}-10`,
    }));
    const flag = (maxShare?: number) => ({ kind: "flag" as const, code: "REEFER", label: "Reefer", noun: "Reefer", when: { op: "eq" as const, field: "derived.isReefer", value: true }, minCount: 1, ...(maxShare === undefined ? {} : { maxShare }) });
    const codes = (maxShare?: number) => {
      const prepared = prepareHistory(records, [], [flag(maxShare)]);
      return buildFeatureSpace(prepared.raw, prepared.labelled).features.length;
    };
    expect(codes()).toBe(1);
    expect(codes(0.25)).toBe(0);
  });

  test("the emitted profile scores the history exactly as the builder's own sums, context-dependent indicators included", () => {
    const checked = validateProfile(built.profile);
    expect(checked.ok, JSON.stringify(!checked.ok && checked.errors.slice(0, 3))).toBe(true);
    if (!checked.ok) return;
    const compiled = compileProfile(checked.profile);
    const prepared = prepareHistory(world.records, world.unlabelled, candidateGroupsFor(built.report.options.groups));
    const model = trainModel(prepared, prepared.labelled, { ...built.report.options, selection: DEFAULT_SELECTION_WEIGHTING });
    const results = scoreAsOfDay(compiled, [], world.records, world.unlabelled);
    let differences = 0;
    let compared = 0;
    // Past the novelty flags' 90-day warm-up, where the builder reads them as the scorer does.
    const from = new Date(Date.parse(`${prepared.dates[prepared.labelled[0]!]!}T00:00:00Z`) + 91 * 86_400_000).toISOString().slice(0, 10);
    world.records.forEach((r, i) => {
      if (r.date < from || compared >= 500) return;
      compared++;
      const score = results[i]!.score;
      if (Math.abs(score - modelScore(model, i)) > 1e-6) differences++;
    });
    expect(compared).toBe(500);
    expect(differences).toBe(0);
    expect(checked.profile.indicators.some((i) => i.when?.op === "partyNew")).toBe(true);
  });
});

/** The same candidates the build used (the report lists their codes in order). */function candidateGroupsFor(codes: readonly string[]) {
  const all = discoverGroups([...world.records.map((r) => r.shipment), ...world.unlabelled.map((u) => u.shipment)]).groups;
  return codes.map((c) => all.find((g) => g.code === c)!);
}

describe("what a record knows on its day", () => {
  test("a seizure links its parties from the next day on, never through the record's own outcome", () => {
    const links = new SeizureLinks();
    links.observe(["S", "C"]);
    links.seizure(10, ["S", "C"]);
    links.advanceTo(10);
    expect(links.linked("S")).toBe(false);
    links.advanceTo(11);
    expect(links.linked("S")).toBe(true);
    // C also received from T: T shared a shipment with a party of the seizure (degree 2 only).
    links.observe(["T", "C"]);
    expect(links.linked("T")).toBe(false);
    expect(links.linked("T", 2)).toBe(true);
    expect(links.linked("U", 2)).toBe(false);
  });

  test("novelty is unknown in the history's warm-up, then measured from each shipment's own date", () => {
    const records: HistoryRecord[] = [
      { shipment: box("A", { arrivalDate: "2025-01-05" }), label: { hit: false }, date: "2025-01-05" },
      { shipment: box("B", { arrivalDate: "2025-08-01" }), label: { hit: false }, date: "2025-08-01" },
      { shipment: box("C", { arrivalDate: "2025-08-01", consignee: { name: "BRAND NEW TRADING BV", country: "BE" } }), label: { hit: true }, date: "2025-08-01" },
    ];
    const group = { kind: "flag" as const, code: "NEW", label: "new", noun: "new", when: { op: "partyNew" as const, role: "consignee" as const, days: 90 }, warmupDays: 90 };
    const prepared = prepareHistory(records, [], [group]);
    const col = prepared.raw.columns[0]!;
    if (col.kind !== "flag") throw new Error("flag column expected");
    expect([...col.flags]).toEqual([FLAG_UNKNOWN, 0, FLAG_TRUE]);
  });

  test("the walk hands each day's shipments a context with that day's time", () => {
    const seen: string[] = [];
    walkHistory([{ shipment: box("X"), date: "2025-03-02" }, { shipment: box("Y"), date: "2025-03-01" }], (s, _i, ctx) => seen.push(`${s.shipment.id}@${ctx.now.toISOString().slice(0, 10)}`));
    expect(seen).toEqual(["Y@2025-03-01", "X@2025-03-02"]);
  });
});

describe("selection and naming", () => {
  test("random selections count twice, never more than half the total weight", () => {
    const { weights } = selectionWeights(["random", "profile", "profile", "profile", "intelligence"], DEFAULT_SELECTION_WEIGHTING);
    expect([...weights]).toEqual([2, 1, 1, 1, 1]);
    const capped = selectionWeights(["random", "random", "random", "profile"], DEFAULT_SELECTION_WEIGHTING);
    expect([...capped.weights]).toEqual([1, 1, 1, 1]);
  });

  test("the profile is named after its hits, in the history's currency, with the correction explained", () => {
    const { profile, report } = built;
    expect(profile.target).toEqual({ kind: "commodity", commodity: "cocaine" });
    expect(profile.code).toBe("LEARNED-COCAINE");
    expect(report.currency).toBe("USD");
    expect(JSON.stringify(profile)).not.toMatch(/KRW|revenue/);
    expect(profile.rationale).toMatch(/random selections, the one unbiased sample of all arrivals, count 2×/);
    expect(profile.rationale).toMatch(/inspected containers/);
    const strongest = report.strongest.map((e) => e.text).join("\n");
    expect(strongest).toMatch(/past inspections (found cocaine|found a seizure)/);
    expect(report.calibration?.random.records).toBeGreaterThan(0);
    expect(report.tuning?.candidates.length).toBe(6);
  });
});
