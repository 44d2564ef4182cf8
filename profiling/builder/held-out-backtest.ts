// Held-out back-test of a learned profile: build on the history before a
// date, then score the later period with the real profile language
// (validateProfile + compileProfile), so the figures describe what the
// product would have done, not what the builder believes about itself.
import { backtest, type BacktestRecord, type BacktestResult } from "../backtest.js";
import { compileProfile, type CompiledProfile, type ScoreResult } from "../dsl/compile.js";
import { validateProfile } from "../dsl/validate.js";
import { buildProfile, type BuildOptions, type BuildReport, type BuildResult, type UnlabelledShipment } from "./build-profile.js";
import { sightingsOf, walkHistory } from "./history-context.js";
import type { EmittedProfile } from "./emit-profile.js";
import { cutForRecentShare, splitAtDate } from "./time-split.js";
import type { HistoryRecord } from "./train-model.js";

/** Top shares reported by default, in percent. */
export const DEFAULT_TOP_PERCENTS = [1, 2, 5, 10, 20] as const;

export interface ProfileBacktest {
  /** The shared back-test metrics (profiling/backtest.ts): top shares, selection, per indicator. */
  metrics: BacktestResult;
  /** Per record, in input order. */
  scores: number[];
  scoringMs: number;
}

/**
 * Scores every record of `records` (the later period) with its context as of
 * its day, walking the whole history (`earlier` first): parties first seen,
 * seizures known before that day, value medians of everything received (the
 * builder's own reading), or with `mediansAsOfDay` of what was received up
 * to that day (the service's back-test of a stored draft reads them so). The
 * score is taken inside the walk: a context is only true on its own day (the
 * links it reads keep growing), so it must never be kept for later.
 */
export function scoreAsOfDay(
  compiled: CompiledProfile,
  earlier: readonly HistoryRecord[],
  records: readonly HistoryRecord[],
  unlabelled: readonly UnlabelledShipment[] = [],
  drawKey?: string,
  options: { mediansAsOfDay?: boolean } = {},
): ScoreResult[] {
  // The scored records first, so a walk index below records.length is one of them.
  const sightings = sightingsOf([...records, ...earlier], unlabelled);
  // What the random draw hashes: the stored version's definition hash when given, so the draft draws as its back-test will.
  const versionId = drawKey ?? `backtest-${compiled.profile.code}`;
  const out = new Array<ScoreResult>(records.length);
  walkHistory(
    sightings,
    (s, i, ctx) => {
      if (i < records.length) out[i] = compiled.score(s.shipment, ctx, { shipmentId: records[i]!.drawKey ?? s.shipment.id, versionId });
    },
    { mediansAsOfDay: options.mediansAsOfDay ?? false },
  );
  return out;
}

function compileChecked(profile: EmittedProfile): CompiledProfile {
  const checked = validateProfile(profile);
  if (!checked.ok) {
    const first = checked.errors.slice(0, 3).map((e) => JSON.stringify(e)).join("; ");
    throw new Error(`the learned profile does not validate: ${first}`);
  }
  return compileProfile(checked.profile);
}

/** Validates, compiles and scores a profile over labelled records, each with its context as of its day (see scoreAsOfDay). */
export function backtestAsOfDay(profile: EmittedProfile, earlier: readonly HistoryRecord[], records: readonly HistoryRecord[], unlabelled: readonly UnlabelledShipment[] = [], topPercents: readonly number[] = DEFAULT_TOP_PERCENTS, drawKey?: string): ProfileBacktest {
  const compiled = compileChecked(profile);
  const t0 = performance.now();
  // Medians as of each day: the held-out figures are then those of the service's back-test of the stored draft.
  const results = scoreAsOfDay(compiled, earlier, records, unlabelled, drawKey, { mediansAsOfDay: true });
  const scoringMs = performance.now() - t0;
  const scored: BacktestRecord[] = records.map((r, i) => {
    const res = results[i]!;
    return { score: res.score, selected: res.selected, random: res.random, hit: r.label.hit, indicators: res.indicators };
  });
  return { metrics: backtest(scored, { topK: topPercents }), scores: scored.map((s) => s.score), scoringMs };
}

export interface HeldOutOptions {
  /** First date of the evaluation period (YYYY-MM-DD); default: the most recent `evaluationShare`. */
  cut?: string;
  evaluationShare?: number;
  build?: BuildOptions;
  /** Shipments received but not inspected, over the whole period (the build sees those before the cut). */
  unlabelled?: readonly UnlabelledShipment[];
  /** Top shares to report, in percent (default 1, 2, 5, 10, 20). */
  topPercents?: readonly number[];
  /**
   * The key the stored version's random draw hashes (the service's back-test: its definition hash),
   * from the learned profile; default: one made of the profile's code.
   */
  drawKey?: (profile: EmittedProfile) => string;
  /** The builder to test; injectable so a test can watch what it is given. */
  builder?: (records: readonly HistoryRecord[], options: BuildOptions) => BuildResult;
}

export interface HeldOutResult {
  cut: string;
  buildRecords: number;
  profile: EmittedProfile;
  report: BuildReport;
  evaluation: ProfileBacktest;
}

/** Builds on records before the cut and back-tests on the records on or after it. */
export function heldOutBacktest(records: readonly HistoryRecord[], opts: HeldOutOptions = {}): HeldOutResult {
  const cut = opts.cut ?? cutForRecentShare(records, opts.evaluationShare ?? 0.2);
  if (cut === undefined) throw new Error("heldOutBacktest: the history spans too few days to hold a later period out");
  const { before, after } = splitAtDate(records, cut);
  if (before.length === 0) throw new Error(`heldOutBacktest: no records before ${cut} to build on`);
  if (after.length === 0) throw new Error(`heldOutBacktest: no records on or after ${cut} to evaluate`);
  const unlabelled = opts.unlabelled ?? [];
  const { profile, report } = (opts.builder ?? buildProfile)(before, { ...opts.build, unlabelled: unlabelled.filter((u) => u.date < cut) });
  const evaluation = backtestAsOfDay(profile, before, after, unlabelled, opts.topPercents, opts.drawKey?.(profile));
  return { cut, buildRecords: before.length, profile, report, evaluation };
}
