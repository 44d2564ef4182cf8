// The analysis runners for `backtest` and `compare` jobs: score the unit's
// prepared labelled history (in worker threads: core/analysis/backtest-pool.ts)
// with one or two profiles and report
// selection rate, precision, recall, precision and recall at the top 1/2/5/10 %,
// lift over random and per-indicator counts (profiling/backtest.ts).
import { z } from "zod";
import { boundedDate } from "../iso-dates.js";
import { backtest, type BacktestResult } from "../../profiling/backtest.js";
import type { VersionToScore } from "../../profiling/combine.js";
import { contentHash } from "../manifests/content-hash.js";
import { compileProfile, type CompiledProfile } from "../../profiling/dsl/compile.js";
import type { AnalysisJobRow, AnalysisRunner, ProgressReporter } from "../analysis/analysis-jobs.js";
import { backtestThreads } from "../analysis/backtest-pool.js";
import { APPLICABLE, ColumnsBuilder, datedRecords, runContext, scoreRecords, SELECTED, toScore, type RunInputs, type ScoredColumns } from "../analysis/backtest-scoring.js";
import type { Pool } from "../db/pool.js";
import type { Services } from "../services.js";
import { checkDefinition, compileStoredVersion, type VersionRow } from "./profile-store.js";
import { sampleReport, trainingWindowOf, type DatedRecord, type TrainingWindow } from "./backtest-samples.js";
import { keptMedianGroups } from "./medians-as-of.js";
import { readRunInputs } from "./dated-context.js";
import { preparedHistory, rangeIndexes, type PreparedHistory, type PreparedRecord } from "./prepared-history.js";
import { seizureLinkDegree } from "./seizure-links-as-of.js";

const paramsSchema = z.object({
  from: boundedDate().nullable(),
  to: boundedDate().nullable(),
  profiles: z
    .array(
      z.union([
        z.object({ versionId: z.uuid(), profileCode: z.string(), version: z.number().int() }),
        z.object({ definition: z.unknown(), profileCode: z.string() }),
      ]),
    )
    .min(1)
    .max(2),
});
type ProfileParam = z.infer<typeof paramsSchema>["profiles"][number];

interface Scorer extends VersionToScore {
  profileCode: string;
  version: number | null;
  status: string;
  definitionHash: string | null;
  /**
   * What the random draw hashes instead of the version's row id: the
   * definition's hash, so the same profile installed again (or tried unsaved)
   * draws the same over the same history.
   */
  drawKey: string;
}

async function loadScorer(pool: Pool, unitId: string, ref: ProfileParam): Promise<Scorer> {
  if (!("versionId" in ref)) {
    const compiled: CompiledProfile = compileProfile(checkDefinition(ref.definition));
    return { versionId: "dry-run", compiled, profileCode: ref.profileCode, version: null, status: "unsaved", definitionHash: null, drawKey: contentHash(ref.definition) };
  }
  const found = await pool.query<Pick<VersionRow, "id" | "status" | "definition" | "definition_hash" | "version">>(
    `SELECT v.id, v.status, v.definition, v.definition_hash, v.version
       FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE v.id = $1 AND p.unit_id = $2`,
    [ref.versionId, unitId],
  );
  const row = found.rows[0];
  if (!row) throw new Error(`version ${ref.version} of ${ref.profileCode} no longer exists`);
  return { versionId: row.id, compiled: compileStoredVersion(row), profileCode: ref.profileCode, version: row.version, status: row.status, definitionHash: row.definition_hash, drawKey: row.definition_hash };
}

interface Evaluation {
  from: string | null;
  to: string | null;
  records: number;
  hits: number;
  skipped: number;
  /** The transport modes of the records back-tested on: the screen names them when a profile's scope left them all out. */
  transportModes: string[];
  profiles: (ReturnType<typeof describe>)[];
  agreement: { bothSelected: number; onlyFirst: number; onlySecond: number; bothSelectedHits: number; onlyFirstHits: number; onlySecondHits: number };
}

function describe(scorer: Scorer, notApplicable: number, metrics: BacktestResult, records: readonly DatedRecord[], window: TrainingWindow | null) {
  const labels = new Map(scorer.compiled.profile.indicators.map((i) => [i.code, i.label]));
  return {
    profileCode: scorer.profileCode,
    version: scorer.version,
    status: scorer.status,
    definitionHash: scorer.definitionHash,
    notApplicable,
    /** The profile's scope by transport mode (null: every mode). */
    scopeTransportModes: scorer.compiled.profile.scope?.transportModes ?? null,
    ...metrics,
    indicators: metrics.indicators.map((m) => ({ ...m, label: labels.get(m.code) ?? null })),
    /** Held-out figures (records the version did not learn from) and in-sample ones, for a built version. */
    sample: sampleReport(records, window),
  };
}

/** The figures a run reports from its scored columns: per profile, then the two profiles' agreement. */
function assemble(scorers: readonly Scorer[], columns: readonly ScoredColumns[], records: readonly PreparedRecord[], windows: readonly (TrainingWindow | null)[]) {
  const profiles = scorers.map((scorer, k) => {
    const scored = columns[k]!;
    let notApplicable = 0;
    for (const flags of scored.flags) if ((flags & APPLICABLE) === 0) notApplicable += 1;
    const dated = datedRecords(scored, records, scorer.compiled.profile);
    return describe(scorer, notApplicable, backtest(dated), dated, windows[k] ?? null);
  });
  const agreement = { bothSelected: 0, onlyFirst: 0, onlySecond: 0, bothSelectedHits: 0, onlyFirstHits: 0, onlySecondHits: 0 };
  if (columns.length === 2) {
    const [first, second] = columns as [ScoredColumns, ScoredColumns];
    records.forEach((record, i) => {
      const a = (first.flags[i]! & SELECTED) !== 0;
      const b = (second.flags[i]! & SELECTED) !== 0;
      const key = a && b ? "bothSelected" : a ? "onlyFirst" : b ? "onlySecond" : undefined;
      if (key) {
        agreement[key] += 1;
        if (record.hit) agreement[`${key}Hits`] += 1;
      }
    });
  }
  return { profiles, agreement };
}

/**
 * Scores the run's records with every profile: in BACKTEST_THREADS worker
 * threads (core/analysis/backtest-pool.ts), or in process when it is 1.
 * Either way the same columns, in record order.
 */
async function scoreRun(services: Services, unitId: string, history: PreparedHistory, span: { start: number; end: number; skipped: number }, scorers: readonly Scorer[], inputs: RunInputs, progress: ProgressReporter): Promise<ScoredColumns[]> {
  const count = span.end - span.start;
  const total = count + span.skipped;
  const fraction = (done: number) => (total > 0 ? Math.min(0.99, (done + span.skipped) / total) : 0.99);
  const threads = services.config.BACKTEST_THREADS;
  if (threads > 1 && count > 0) {
    // Progress from the threads' messages; the writes queue behind one another and the last one's failure fails the run.
    let writing = Promise.resolve();
    const columns = await backtestThreads(threads).score({
      unitId,
      history,
      start: span.start,
      end: span.end,
      profiles: scorers.map((s) => ({ profile: s.compiled.profile, drawKey: s.drawKey })),
      inputs,
      onProgress: (done) => {
        writing = writing.then(() => progress(fraction(done)));
      },
    });
    await writing;
    return columns;
  }
  const run = runContext(inputs, history);
  const profiles = scorers.map((s) => toScore(s.compiled, s.drawKey));
  const builders = scorers.map(() => new ColumnsBuilder());
  for (let k = span.start; k < span.end; k += PROGRESS_EVERY) {
    const to = Math.min(span.end, k + PROGRESS_EVERY);
    scoreRecords(history.records, k, to, profiles, run, builders);
    await progress(fraction(to - span.start));
  }
  return builders.map((b) => b.finish());
}

const PROGRESS_EVERY = 1_000;

async function evaluate(services: Services, job: AnalysisJobRow, progress: ProgressReporter): Promise<Evaluation> {
  const params = paramsSchema.parse(job.params);
  const range = { from: params.from, to: params.to };
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (phase: string) => {
    const now = performance.now();
    phases[phase] = Math.round(now - mark);
    mark = now;
  };
  // Reading and preparing the history takes seconds (about 15 at 10k inspections) before any record is scored: said as a phase, not 0 %.
  await progress(0, "preparing-history");
  const scorers = await Promise.all(params.profiles.map((ref) => loadScorer(services.pool, job.unitId, ref)));
  // A built version learned from part of the history: its figures are split into held-out and in-sample.
  const windows = await Promise.all(scorers.map((s) => trainingWindowOf(services.pool, job.unitId, s.version === null ? null : s.versionId)));
  lap("profilesMs");
  const linkDegree = scorers.some((s) => seizureLinkDegree(s.compiled.profile) === 2) ? 2 : 1;
  // The prepared history (read once per snapshot) and the run's dated lists and medians (never today's: they would leak later entries), read at once.
  const [history, inputs] = await Promise.all([preparedHistory(services.pool, job.unitId, linkDegree), readRunInputs(services.pool, job.unitId, keptMedianGroups)]);
  lap("readMs");
  const span = rangeIndexes(history, range.from, range.to);
  const records = history.records.slice(span.start, span.end);
  await progress(0, "scoring");
  const columns = await scoreRun(services, job.unitId, history, span, scorers, inputs, progress);
  lap("scoreMs");
  const { profiles, agreement } = assemble(scorers, columns, records, windows);
  const transportModes = new Set<string>();
  let hits = 0;
  for (const record of records) {
    transportModes.add(record.shipment.transportMode);
    if (record.hit) hits += 1;
  }
  lap("assembleMs");
  services.logger.info({ analysisJobId: job.id, records: records.length, threads: services.config.BACKTEST_THREADS, ...phases, totalMs: Math.round(performance.now() - started) }, "back-test scored");
  return { ...range, records: records.length, hits, skipped: span.skipped, transportModes: [...transportModes].sort(), profiles, agreement };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

export const runBacktest: AnalysisRunner = async (services, job, progress) => {
  const { profiles, agreement: _unused, ...rest } = await evaluate(services, job, progress);
  return { ...rest, profile: profiles[0] };
};

export const runComparison: AnalysisRunner = async (services, job, progress) => {
  const { profiles, agreement, ...rest } = await evaluate(services, job, progress);
  const [baseline, candidate] = profiles as [ReturnType<typeof describe>, ReturnType<typeof describe>];
  return {
    ...rest,
    baseline,
    candidate,
    /** candidate minus baseline. */
    delta: {
      selectionRate: diff(baseline.selectionRate, candidate.selectionRate),
      precision: diff(baseline.precision, candidate.precision),
      recall: diff(baseline.recall, candidate.recall),
      lift: diff(baseline.lift, candidate.lift),
    },
    agreement: {
      bothSelected: agreement.bothSelected,
      onlyBaseline: agreement.onlyFirst,
      onlyCandidate: agreement.onlySecond,
      bothSelectedHits: agreement.bothSelectedHits,
      onlyBaselineHits: agreement.onlyFirstHits,
      onlyCandidateHits: agreement.onlySecondHits,
    },
  };
};
