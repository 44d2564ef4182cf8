// Choices the builder makes on its own history need evidence: the decay and
// shrinkage are chosen on the most recent fifth only when both it and the
// older part hold a hit (otherwise every candidate's log-loss only rewards
// predicting less risk, or compares fits that learnt nothing), and a history
// with no finding at all builds no profile (only the indicators' priors would
// earn points, presented as learnt from the unit's evidence).
import { describe, expect, test } from "vitest";
import { addToBuilderHistory, type BuilderHistory } from "../../../core/history/builder-records.js";
import { mapHistoryLine } from "../../../core/history/manifest-history-line.js";
import { generateContainerHistory } from "../../../fixtures/container-history/index.js";
import { buildProfile, type HistoryRecord } from "../../../profiling/builder/build-profile.js";
import { cutForRecentShare } from "../../../profiling/builder/time-split.js";
import { DEFAULT_SETTINGS } from "../../../profiling/builder/tune-settings.js";
import { syntheticHistory } from "./synthetic-history.js";

const IMPORTER = { importer: "ACME TRADING" };
const history = syntheticHistory(1_500, 0.02, [{ plant: IMPORTER, count: 120, rate: 0.3 }]);
const cut = cutForRecentShare(history, 0.2)!;
const withoutHits = (records: HistoryRecord[], drop: (r: HistoryRecord) => boolean) => records.map((r) => (drop(r) ? { ...r, label: { hit: false } } : r));

describe("the decay and shrinkage are chosen only on evidence", () => {
  test("with hits on both sides of the cut they are chosen on the later part, as before", () => {
    const { report } = buildProfile(history);
    expect(report.tuning?.cut).toBe(cut);
    expect(report.tuning?.candidates.length).toBe(6);
  });

  test("a later part with no hit chooses nothing: the defaults are kept, and the later part is still reported", () => {
    const { report } = buildProfile(withoutHits(history, (r) => r.date >= cut));
    expect(report.tuning).toBeUndefined();
    expect({ halfLifeDays: report.options.halfLifeDays, l2: report.options.l2 }).toEqual(DEFAULT_SETTINGS);
    expect(report.calibration?.cut).toBe(cut);
    expect(report.calibration?.hits).toBe(0);
  });

  test("an older part with no hit chooses nothing either", () => {
    const { report } = buildProfile(withoutHits(history, (r) => r.date < cut));
    expect(report.tuning).toBeUndefined();
    expect({ halfLifeDays: report.options.halfLifeDays, l2: report.options.l2 }).toEqual(DEFAULT_SETTINGS);
    expect(report.calibration?.hits).toBeGreaterThan(0);
  });
});

describe("a history with no finding builds no profile", () => {
  test("refused with a reason, where the priors alone earned points before", () => {
    const w = generateContainerHistory({ seed: 3, perMonth: 300, trainMonths: 3, laterMonths: 1 });
    const h: BuilderHistory = { records: [], unlabelled: [] };
    w.history.forEach((line, i) => {
      const mapped = mapHistoryLine(line, i + 1);
      if (!mapped.ok) throw new Error(mapped.reasons.join("; "));
      addToBuilderHistory(h, mapped.row);
    });
    const records = withoutHits(h.records, () => true);
    expect(() => buildProfile(records, { unlabelled: h.unlabelled })).toThrow(/none of the \d+ inspected records found anything/);
  });
});
