// buildProfile: from a unit's labelled history of inspections to a profile
// document in the profile language, plus a report an analyst can read.
//
// 1. Calibrate: fit on the older part of the history, score the most recent
//    part. Those out-of-time scores set the band thresholds (in-sample scores
//    are inflated: a value seen once "explains" its own outcome) and give an
//    honest precision estimate for the report.
// 2. Fit again on the whole history and emit the points as indicators.
import { DECLARATION_GROUPS, type FeatureGroupSpec } from "./feature-catalog.js";
import { emitProfile, type EmittedProfile, type ProfileHeader } from "./emit-profile.js";
import { describeTraining, strongestEntries, summariseIndicators, type EntryExplanation, type IndicatorSummary } from "./explain.js";
import { precisionAtTopShare } from "../backtest.js";
import { cutForRecentShare, scoreAtTopShare, splitAtDate } from "./time-split.js";
import { modelScore, trainModel, type HistoryRecord, type ModelOptions } from "./train-model.js";

export type { HistoryRecord } from "./train-model.js";

export interface BandShares {
  /** Share of declarations expected in band `high` (and selected). */
  high: number;
  medium: number;
  low: number;
}

export interface BuildOptions {
  groups?: readonly FeatureGroupSpec[];
  /** Default 365: measured neutral to slightly better than no decay on the 2020 tune split. */
  halfLifeDays?: number;
  /** Base L2 penalty, multiplied by each group's `penalty`. */
  l2?: number;
  pointsPerLogOdds?: number;
  bandShares?: BandShares;
  /** Most recent share of the history held out to set thresholds (0 = use in-sample scores). */
  calibrationShare?: number;
  /** How many strongest entries the report explains. */
  explainTop?: number;
  profile?: Partial<ProfileHeader>;
}

export interface CalibrationReport {
  buildRecords: number;
  calibrationRecords: number;
  /** First date of the held-out period: the calibration fit saw only earlier records. */
  cut: string;
  precisionAtTop: Record<"1%" | "2%" | "5%" | "10%" | "20%", number>;
  baseRate: number;
}

export interface BuildReport {
  summary: string;
  history: { records: number; hits: number; hitRate: number; from: string; to: string };
  options: { halfLifeDays: number; l2: number; pointsPerLogOdds: number; bandShares: BandShares; groups: string[] };
  fit: { sweeps: number; converged: boolean; logLoss: number; ms: number };
  /** Undefined when the history was too short to hold a period out. */
  calibration: CalibrationReport | undefined;
  thresholds: EmittedProfile["thresholds"];
  indicators: { count: number; tableEntries: number; groups: IndicatorSummary[] };
  strongest: EntryExplanation[];
}

export interface BuildResult {
  profile: EmittedProfile;
  report: BuildReport;
}

const DEFAULTS = {
  halfLifeDays: 365,
  l2: 1,
  pointsPerLogOdds: 10,
  bandShares: { high: 0.05, medium: 0.1, low: 0.2 },
  calibrationShare: 0.2,
  explainTop: 20,
} as const;

const SHARES = [["1%", 0.01], ["2%", 0.02], ["5%", 0.05], ["10%", 0.1], ["20%", 0.2]] as const;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function thresholdsFrom(scores: readonly number[], shares: BandShares): EmittedProfile["thresholds"] {
  const high = round1(scoreAtTopShare(scores, shares.high));
  const medium = Math.min(high, round1(scoreAtTopShare(scores, shares.medium)));
  const low = Math.min(medium, round1(scoreAtTopShare(scores, shares.low)));
  return { high, medium, low, select: high };
}

function calibrate(records: readonly HistoryRecord[], model: ModelOptions, share: number) {
  const cut = share > 0 ? cutForRecentShare(records, share) : undefined;
  if (cut === undefined) return undefined;
  const { before, after } = splitAtDate(records, cut);
  if (before.length === 0 || after.length === 0) return undefined;
  const early = trainModel(before, model);
  const buf: number[] = [];
  const scored = after.map((r) => ({ score: modelScore(early, r.shipment, buf), hit: r.label.hit }));
  const precision = Object.fromEntries(SHARES.map(([name, s]) => [name, precisionAtTopShare(scored, s).precision ?? 0])) as CalibrationReport["precisionAtTop"];
  const report: CalibrationReport = {
    buildRecords: before.length,
    calibrationRecords: after.length,
    cut,
    precisionAtTop: precision,
    baseRate: scored.filter((s) => s.hit).length / scored.length,
  };
  return { report, scores: scored.map((s) => s.score) };
}

export function buildProfile(records: readonly HistoryRecord[], options: BuildOptions = {}): BuildResult {
  if (records.length === 0) throw new Error("buildProfile: the history is empty");
  const model: ModelOptions = {
    groups: options.groups ?? DECLARATION_GROUPS,
    halfLifeDays: options.halfLifeDays ?? DEFAULTS.halfLifeDays,
    l2: options.l2 ?? DEFAULTS.l2,
    pointsPerLogOdds: options.pointsPerLogOdds ?? DEFAULTS.pointsPerLogOdds,
  };
  const bandShares = options.bandShares ?? DEFAULTS.bandShares;

  const calibration = calibrate(records, model, options.calibrationShare ?? DEFAULTS.calibrationShare);
  const t0 = performance.now();
  const learned = trainModel(records, model);
  const fitMs = performance.now() - t0;
  const buf: number[] = [];
  const thresholds = thresholdsFrom(calibration?.scores ?? records.map((r) => modelScore(learned, r.shipment, buf)), bandShares);

  const h = learned.history;
  const header: ProfileHeader = {
    code: options.profile?.code ?? "LEARNED-REVENUE",
    name: options.profile?.name ?? `Learned from inspections ${h.from} to ${h.to}`,
    target: options.profile?.target ?? { kind: "revenue", fraud: "customs fraud found at inspection" },
    rationale: options.profile?.rationale ?? describeTraining(learned, model.pointsPerLogOdds, model.halfLifeDays),
    validFrom: options.profile?.validFrom,
    validTo: options.profile?.validTo,
    randomRate: options.profile?.randomRate ?? 0.01,
  };
  const profile = emitProfile(learned, header, thresholds);
  if (profile.indicators.length === 0) {
    throw new Error("buildProfile: no indicator earned any points; the history is too small or carries no signal");
  }
  const tableEntries = profile.indicators.reduce((n, i) => n + (i.table ? Object.keys(i.table.entries).length : 0), 0);
  return {
    profile,
    report: {
      summary: header.rationale,
      history: { ...h, hitRate: h.hits / h.records },
      options: { halfLifeDays: model.halfLifeDays, l2: model.l2, pointsPerLogOdds: model.pointsPerLogOdds, bandShares, groups: model.groups.map((g) => g.code) },
      fit: { ...learned.fit, ms: Math.round(fitMs) },
      calibration: calibration?.report,
      thresholds,
      indicators: { count: profile.indicators.length, tableEntries, groups: summariseIndicators(learned) },
      strongest: strongestEntries(learned, options.explainTop ?? DEFAULTS.explainTop),
    },
  };
}
