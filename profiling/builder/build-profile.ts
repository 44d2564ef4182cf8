// buildProfile: from a unit's history (inspected records with their outcome,
// plus the shipments it received and did not inspect) to a profile document
// in the profile language, and a report an analyst can read.
//
// 1. Read every shipment once with its context as of its day (prepare-history).
// 2. Hold out the most recent part of the inspected records. Choose the
//    decay and shrinkage on it (tune-settings), then fit on the older part
//    and score the later one: those out-of-time scores give the honest
//    figures of the report.
// 3. Fit again on the whole history with the chosen settings and emit the
//    points as indicators; the band thresholds are cut on that profile's
//    scores of every shipment of the later period, inspected or not.
import { describeTraining, strongestEntries, summariseIndicators, type EntryExplanation, type IndicatorSummary } from "./explain.js";
import { discoverGroups } from "./discover-groups.js";
import { draftName, rationaleEs, type DraftLanguage } from "./draft-wording.js";
import { emitProfile, type EmittedProfile, type ProfileHeader } from "./emit-profile.js";
import type { FeatureGroupSpec } from "./feature-catalog.js";
import { historyTarget, type WordingFacts } from "./history-target.js";
import { laterPopulation, measureLaterPeriod, type LaterPeriodReport } from "./later-period.js";
import { prepareHistory, type HistoryRecord, type SelectedBy, type UnlabelledShipment } from "./prepare-history.js";
import { DEFAULT_SELECTION_WEIGHTING, type SelectionWeighting } from "./selection-weights.js";
import { cutForRecentShare, scoreAtTopShare } from "./time-split.js";
import { modelScore, trainModel, type ModelOptions } from "./train-model.js";
import { tuneSettings, type TuningReport } from "./tune-settings.js";

export type { HistoryRecord, SelectedBy, UnlabelledShipment } from "./prepare-history.js";

export interface BandShares {
  /** Share of shipments expected in band `high` (and selected). */
  high: number;
  medium: number;
  low: number;
}

export interface BuildOptions {
  /** Candidate groups; default: the whole catalog plus the history's own attributes. */
  groups?: readonly FeatureGroupSpec[];
  /** Shipments received but not inspected: context for novelty, links and medians, and the population thresholds are set on. */
  unlabelled?: readonly UnlabelledShipment[];
  /** Fixed half-life in days (skips choosing it on the later period). */
  halfLifeDays?: number;
  /** Fixed base L2 penalty (skips choosing it on the later period). */
  l2?: number;
  pointsPerLogOdds?: number;
  bandShares?: BandShares;
  /** Most recent share of the inspected history held out to tune and calibrate (0 = none). */
  calibrationShare?: number;
  selection?: SelectionWeighting;
  /** How many strongest entries the report explains. */
  explainTop?: number;
  profile?: Partial<ProfileHeader>;
  /** The language of the name and rationale written for the profile when `profile` gives none (default en); the report's summary stays English. */
  language?: DraftLanguage;
}

export interface BuildReport {
  summary: string;
  history: { records: number; hits: number; hitRate: number; from: string; to: string; uninspected: number; bySelection: Partial<Record<SelectedBy, { records: number; hits: number }>> };
  target: EmittedProfile["target"];
  currency: string | undefined;
  options: { halfLifeDays: number; l2: number; pointsPerLogOdds: number; bandShares: BandShares; selectionWeights: Partial<Record<SelectedBy, number>>; groups: string[] };
  tuning: TuningReport | undefined;
  fit: { sweeps: number; converged: boolean; logLoss: number; ms: number };
  /** Figures on the held-out later period; undefined when the history was too short. */
  calibration: LaterPeriodReport | undefined;
  thresholds: EmittedProfile["thresholds"];
  indicators: { count: number; tableEntries: number; groups: IndicatorSummary[] };
  strongest: EntryExplanation[];
  /** The summary's words as data (records inspected, what the hits found), for a reader in another language. */
  wording: WordingFacts;
  /** Where the settings were chosen: the most recent `percent` % of the inspections, from `from`; null when not tuned. */
  tunedOn: { percent: number; from: string } | null;
}

export interface BuildResult {
  profile: EmittedProfile;
  report: BuildReport;
}

const DEFAULTS = {
  pointsPerLogOdds: 10,
  bandShares: { high: 0.02, medium: 0.05, low: 0.15 },
  calibrationShare: 0.2,
  explainTop: 20,
} as const;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function thresholdsFrom(scores: readonly number[], shares: BandShares): EmittedProfile["thresholds"] {
  const high = round1(scoreAtTopShare(scores, shares.high));
  const medium = Math.min(high, round1(scoreAtTopShare(scores, shares.medium)));
  const low = Math.min(medium, round1(scoreAtTopShare(scores, shares.low)));
  return { high, medium, low, select: high };
}

function selectionSentence(weights: Partial<Record<SelectedBy, number>>): string {
  const parts: string[] = [];
  if (weights.random !== undefined && weights.random !== 1) parts.push(`random selections, the one unbiased sample of all arrivals, count ${round1(weights.random)}×`);
  if (weights.intelligence !== undefined && weights.intelligence !== 1) parts.push(`intelligence-led inspections, chosen on information the manifest does not carry, count ${round1(weights.intelligence)}×`);
  if (parts.length === 0) return "Every inspection counts the same: the history holds no random selection to correct how boxes were chosen.";
  return `Inspections were chosen mostly by the old rules, so the history over-represents what they looked at: ${parts.join("; ")}; the figures on random selections alone are reported apart.`;
}

export function buildProfile(records: readonly HistoryRecord[], options: BuildOptions = {}): BuildResult {
  if (records.length === 0) throw new Error("buildProfile: the history is empty");
  // With no finding at all, only the indicators' priors could earn points: a profile of them would claim to be learnt from evidence there is none of.
  if (!records.some((r) => r.label.hit)) throw new Error(`buildProfile: none of the ${records.length} inspected records found anything; there is nothing to learn a profile from`);
  const unlabelled = options.unlabelled ?? [];
  const shipments = [...records.map((r) => r.shipment), ...unlabelled.map((u) => u.shipment)];
  const discovered = discoverGroups(shipments);
  const prepared = prepareHistory(records, unlabelled, options.groups ?? discovered.groups);
  const selection = options.selection ?? DEFAULT_SELECTION_WEIGHTING;
  const pointsPerLogOdds = options.pointsPerLogOdds ?? DEFAULTS.pointsPerLogOdds;
  const bandShares = options.bandShares ?? DEFAULTS.bandShares;

  const share = options.calibrationShare ?? DEFAULTS.calibrationShare;
  const cut = share > 0 ? cutForRecentShare(prepared.labelled.map((i) => ({ date: prepared.dates[i]! })), share) : undefined;
  const tuning = tuneSettings(prepared, cut, { selection, pointsPerLogOdds, halfLifeDays: options.halfLifeDays, l2: options.l2 });
  const model: ModelOptions = { ...tuning.chosen, pointsPerLogOdds, selection };
  const later = cut === undefined || tuning.early === undefined ? undefined : measureLaterPeriod(prepared, cut, tuning.early);

  const t0 = performance.now();
  const learned = trainModel(prepared, prepared.labelled, model);
  const fitMs = performance.now() - t0;
  const buf: number[] = [];
  // Cut on the scores of the profile that is emitted. The earlier fit's scores
  // (which rank the later period honestly) sit on another scale: points are
  // only defined up to an offset the intercept absorbs, and the demo's draft,
  // cut at 14.2 on them, selected none of its own later shipments.
  const population = cut === undefined ? [...prepared.labelled, ...prepared.unlabelled] : laterPopulation(prepared, cut);
  const thresholds = thresholdsFrom(population.map((i) => modelScore(learned, i, buf)), bandShares);

  const shape = { containers: records.filter((r) => r.shipment.containerNumber !== undefined).length, air: records.filter((r) => r.shipment.transportMode === "air").length };
  const target = historyTarget(prepared, prepared.labelled, shape);
  const h = learned.history;
  const tunedOn = tuning.report === undefined ? null : { percent: Math.round(share * 100), from: tuning.report.cut };
  const summary = describeTraining(learned, {
    pointsPerLogOdds,
    halfLifeDays: model.halfLifeDays,
    l2: model.l2,
    wording: target.wording,
    selection: selectionSentence(learned.weights),
    tunedOn: tunedOn === null ? undefined : `on the most recent ${tunedOn.percent} % of the inspections (from ${tunedOn.from}), fitted on the older ones`,
    currency: discovered.currency,
  });
  const language = options.language ?? "en";
  const header: ProfileHeader = {
    code: options.profile?.code ?? `LEARNED-${target.target.kind === "commodity" ? target.target.commodity.toUpperCase().replace(/_/g, "-") : "FRAUD"}`.slice(0, 40),
    name: options.profile?.name ?? draftName(language, target.title, target.facts.finding, h.from, h.to),
    target: options.profile?.target ?? target.target,
    rationale:
      options.profile?.rationale ??
      (language === "en"
        ? summary
        : rationaleEs({ records: h.records, hits: h.hits, from: h.from, to: h.to, wording: target.facts, halfLifeDays: model.halfLifeDays, pointsPerLogOdds,
            selectionWeights: learned.weights, tunedOn, currency: discovered.currency })),
    validFrom: options.profile?.validFrom,
    validTo: options.profile?.validTo,
    randomRate: options.profile?.randomRate ?? 0.01,
  };
  const profile = emitProfile(learned, header, thresholds);
  if (profile.indicators.length === 0) {
    throw new Error("buildProfile: no indicator earned any points; the history is too small or carries no signal");
  }
  const tableEntries = profile.indicators.reduce((n, i) => n + (i.table ? Object.keys(i.table.entries).length : 0), 0);
  const bySelection: BuildReport["history"]["bySelection"] = {};
  for (const i of prepared.labelled) {
    const c = prepared.selectedBy[i] ?? "unknown";
    const row = (bySelection[c] ??= { records: 0, hits: 0 });
    row.records++;
    row.hits += prepared.hit[i]!;
  }
  return {
    profile,
    report: {
      summary,
      history: { ...h, hitRate: h.hits / h.records, uninspected: unlabelled.length, bySelection },
      target: header.target,
      currency: discovered.currency,
      options: { halfLifeDays: model.halfLifeDays, l2: model.l2, pointsPerLogOdds, bandShares, selectionWeights: learned.weights, groups: prepared.raw.groups.map((g) => g.code) },
      tuning: tuning.report,
      fit: { ...learned.fit, ms: Math.round(fitMs) },
      calibration: later,
      thresholds,
      indicators: { count: profile.indicators.length, tableEntries, groups: summariseIndicators(learned) },
      strongest: strongestEntries(learned, options.explainTop ?? DEFAULTS.explainTop, target.wording),
      wording: target.facts,
      tunedOn,
    },
  };
}
