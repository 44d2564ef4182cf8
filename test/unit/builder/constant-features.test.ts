// What a build learns from a condition every record shares, and where it
// sets its selection threshold. The demo unit's own year (no seal numbers at
// all) gave "Seal missing or repeated: 42 of 393 → +4.7 points", true of every
// inspection, and a draft whose threshold, cut on an earlier fit's scores,
// selected none of its later shipments.
import { describe, expect, test } from "vitest";
import { buildProfile, type HistoryRecord } from "../../../profiling/builder/build-profile.js";
import { candidateGroups } from "../../../profiling/builder/candidate-groups.js";
import type { FeatureGroupSpec } from "../../../profiling/builder/feature-catalog.js";
import { buildFeatureSpace } from "../../../profiling/builder/feature-space.js";
import { scoreAsOfDay } from "../../../profiling/builder/held-out-backtest.js";
import { prepareHistory } from "../../../profiling/builder/prepare-history.js";
import { cutForRecentShare, scoreAtTopShare } from "../../../profiling/builder/time-split.js";
import { compileProfile } from "../../../profiling/dsl/compile.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import type { ShipmentInput } from "../../../profiling/shipment.js";
import { dateOf, seededRandom } from "./synthetic-history.js";

const catalog = candidateGroups("USD");
const group = (code: string): FeatureGroupSpec => catalog.find((g) => g.code === code)!;
// The seal flag with its domain prior, a table whose one value every record holds, and two that vary.
const GROUPS = ["SEAL_ISSUE", "DISCHARGE_PORT", "CONSIGNEE_NAME", "HS4"].map(group);
const CONSIGNEES = ["ALFA TRADING", "BRAVO FOODS", "CHARLIE IMPORT", "DELTA FRUIT", "ECHO HOMEWARE", "FOXTROT BV"];
const HS = ["080390", "090111", "180100", "440799", "691110", "940360"];

/** A full container with no seal reported, discharged at BEANR, like every demo record. */
function box(id: string, rnd: () => number): ShipmentInput {
  return {
    id, transportMode: "sea", portOfLoading: "ECGYE", transshipmentPorts: [], portOfDischarge: "BEANR", containerNumber: "CSQU3054383", containerType: "45G1",
    sealNumbers: [], isEmpty: false, hsCodes: [HS[Math.floor(rnd() * HS.length)]!], countryOfOrigin: "EC", currency: "USD",
    consignee: { name: CONSIGNEES[Math.floor(rnd() * CONSIGNEES.length)]!, country: "BE" }, attributes: {},
  };
}

function history(n: number, seed: number): HistoryRecord[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const shipment = box(`C${i}`, rnd);
    // Some signal to learn: one consignee and one heading are riskier.
    const p = 0.04 + (shipment.consignee!.name === "DELTA FRUIT" ? 0.2 : 0) + (shipment.hsCodes[0] === "080390" ? 0.1 : 0);
    return { shipment, label: { hit: rnd() < p }, date: dateOf(i, n) };
  });
}

describe("a condition every record holds carries no information", () => {
  const records = history(600, 5);

  test("the feature space leaves out a flag true of every build record and a table value all of them share", () => {
    const prepared = prepareHistory(records, [], GROUPS);
    const space = buildFeatureSpace(prepared.raw, prepared.labelled);
    const codes = new Set(space.features.map((f) => prepared.raw.groups[f.group]!.code));
    expect([...codes].sort()).toEqual(["CONSIGNEE_NAME", "HS4"]);
  });

  test("a flag true of all but fewer than its minimum support is left out too; with that support on both sides it stays", () => {
    const seals = (withSeal: number) => records.map((r, i) => (i < withSeal ? { ...r, shipment: { ...r.shipment, sealNumbers: ["S1"] } } : r));
    const flagged = (rs: HistoryRecord[]) => {
      const prepared = prepareHistory(rs, [], [group("SEAL_ISSUE")]);
      return buildFeatureSpace(prepared.raw, prepared.labelled).features.length;
    };
    expect(flagged(seals(4))).toBe(0);
    expect(flagged(seals(40))).toBe(1);
  });

  test("the built profile gives it no points and the explanation does not name it", () => {
    const { profile, report } = buildProfile(records, { groups: GROUPS });
    expect(profile.indicators.map((i) => i.code)).not.toContain("SEAL_ISSUE");
    expect(profile.indicators.map((i) => i.code)).not.toContain("DISCHARGE_PORT");
    expect(report.strongest.map((e) => e.indicator)).not.toContain("SEAL_ISSUE");
    expect(report.strongest.some((e) => e.indicator === "CONSIGNEE_NAME" && e.value === "DELTA FRUIT")).toBe(true);
  });
});

describe("the selection threshold", () => {
  test("selects about the high band's share of the later period's shipments when the emitted profile scores them", () => {
    // Seals start being reported in the last months, on half the boxes: the
    // earlier fit (on which the thresholds used to be cut) has no seal flag,
    // the emitted profile has one, so their scores sit on different scales.
    const records = history(1_500, 9).map((r, i) => (i >= 1_250 && i % 2 === 1 ? { ...r, shipment: { ...r.shipment, sealNumbers: ["S1"] } } : r));
    const { profile, report } = buildProfile(records, { groups: GROUPS });
    const cut = cutForRecentShare(records, 0.2)!;
    expect(report.calibration?.cut).toBe(cut);
    const checked = validateProfile(profile);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const earlier = records.filter((r) => r.date < cut);
    const later = records.filter((r) => r.date >= cut);
    const scores = scoreAsOfDay(compileProfile(checked.profile), earlier, later).map((s) => s.score);
    const share = scores.filter((s) => s >= profile.thresholds.select).length / scores.length;
    // The threshold is the emitted profile's own score at the top 2 % of that period (3.96 % were selected when cut on the earlier fit).
    expect(profile.thresholds.select).toBe(Math.round(scoreAtTopShare(scores, report.options.bandShares.high) * 10) / 10);
    expect(share).toBeGreaterThanOrEqual(report.options.bandShares.high);
    expect(share).toBeLessThan(0.035);
  });
});
