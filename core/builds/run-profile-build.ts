// The `build` analysis job: the unit's labelled history in [from, to] is
// loaded in batches, a profile is built on the records before the evaluation
// day and back-tested on the records from that day on (the builder never
// sees them), and the profile is stored as a DRAFT version. The job result is
// the analyst's report: plain-language explanation plus back-test metrics.
import type { HistoryRecord } from "../../profiling/builder/build-profile.js";
import { buildProfile } from "../../profiling/builder/build-profile.js";
import { heldOutBacktest } from "../../profiling/builder/held-out-backtest.js";
import { periodFigures } from "../../profiling/builder/later-period.js";
import type { AnalysisRunner } from "../analysis/analysis-jobs.js";
import { recordAudit } from "../audit/record-audit.js";
import { isUuid } from "../ids.js";
import { JobFailure } from "../analysis/job-failure.js";
import { contentHash } from "../manifests/content-hash.js";
import { installProfile } from "../profiles/install-profile.js";
import { countLabelled, historyRecords, uninspectedShipments, type HistorySelection } from "../profiles/labelled-history.js";
import { profileBuildRequestSchema } from "./profile-build-request.js";

const TOP_PERCENTS = [1, 2, 5, 10, 20] as const;
const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** The same figures on the evaluation period's random selections only: the unbiased sample. */
function randomFigures(evaluated: readonly HistoryRecord[], scores: readonly number[]) {
  const random = evaluated.map((r, i) => ({ score: scores[i]!, hit: r.label.hit, random: r.selectedBy === "random" })).filter((r) => r.random);
  return periodFigures(random);
}

export const runProfileBuild: AnalysisRunner = async (services, job, progress) => {
  const request = profileBuildRequestSchema.parse(job.params);
  // Builds also learn from shipments with no arrival date, dated by their first inspection.
  const sources = request.sources ?? "all";
  const range: HistorySelection = { from: request.from, to: request.to, undated: "first-inspection", sources };
  const expected = await countLabelled(services.pool, job.unitId, range);
  if (expected === 0) {
    const where = sources === "manifests" ? "record inspections of received manifests" : sources === "imports" ? "import history" : "import history or record inspections";
    throw new JobFailure("build.noHistory", { from: request.from, to: request.to, sources }, `no inspected shipments between ${request.from} and ${request.to} (sources: ${sources}): ${where} first`);
  }
  const records: HistoryRecord[] = [];
  for await (const batch of historyRecords(services.pool, job.unitId, range)) {
    records.push(...batch);
    await progress(0.4 * (records.length / expected));
  }
  // With no finding the builder has nothing to learn from: said here with a code the page can translate.
  if (!records.some((r) => r.label.hit)) {
    throw new JobFailure("build.noHits", { records: records.length, from: request.from, to: request.to }, `none of the ${records.length} inspected records between ${request.from} and ${request.to} found anything; there is nothing to learn a profile from`);
  }
  // Shipments nobody opened: context for novelty, links and medians, and the population thresholds select from.
  const unlabelled = await uninspectedShipments(services.pool, job.unitId, range);
  await progress(0.45);
  const header = { code: request.code, name: request.name };
  // The draft's name and rationale in the analyst's language, before the hash the random draw takes (below).
  const build = { profile: header, language: request.language };
  // The random draw hashes the stored definition's hash, as the editor's back-test of the draft does.
  const held = heldOutBacktest(records, { cut: request.evaluateFrom, build, unlabelled, topPercents: TOP_PERCENTS, drawKey: contentHash });
  await progress(0.8);
  // Default: store exactly the profile whose back-test is reported.
  const stored = request.refitOnAll ? buildProfile(records, { ...build, unlabelled }) : { profile: held.profile, report: held.report };
  // The draft names its author by user name, as drafts written in the editor do (the job keeps the user's id).
  const author = job.createdBy && isUuid(job.createdBy)
    ? (await services.pool.query<{ username: string }>("SELECT username FROM app_user WHERE id = $1", [job.createdBy])).rows[0]?.username
    : undefined;
  const installed = await installProfile(services, job.unitId, stored.profile, { activate: false, createdBy: author ?? job.createdBy ?? "build-job" });
  await recordAudit(services.pool, { name: "worker" }, {
    action: "profile.built",
    entityType: "profile_version",
    entityId: installed.versionId,
    unitId: job.unitId,
    details: { analysisJobId: job.id, code: stored.profile.code, version: installed.version, records: records.length, uninspected: unlabelled.length, sources, evaluateFrom: held.cut },
  });
  const m = held.evaluation.metrics;
  const report = stored.report;
  return {
    profile: {
      ...installed,
      code: stored.profile.code,
      name: stored.profile.name,
      status: "draft",
      indicators: stored.profile.indicators.length,
      learnedFrom: request.refitOnAll ? `${request.from} to ${request.to}` : `${request.from} to the day before ${held.cut}`,
    },
    explanation: report.summary,
    report: {
      sources,
      target: report.target,
      currency: report.currency,
      history: report.history,
      options: report.options,
      tuning: report.tuning,
      laterPeriod: report.calibration,
      calibration: report.calibration,
      thresholds: report.thresholds,
      indicators: report.indicators,
      strongest: report.strongest,
      wording: report.wording,
      tunedOn: report.tunedOn,
    },
    backtest: {
      evaluateFrom: held.cut,
      evaluateTo: request.to,
      buildRecords: held.buildRecords,
      evaluationRecords: m.records,
      hits: m.hits,
      baseRate: round(m.baseRate),
      precisionAtTop: Object.fromEntries(m.topShares.map((t) => [`${t.percent}%`, round(t.precision)])),
      recallAtTop: Object.fromEntries(m.topShares.map((t) => [`${t.percent}%`, round(t.recall)])),
      selected: { count: m.selected, share: round(m.selectionRate), precision: round(m.precision), recall: round(m.recall), random: m.random.selected },
      randomSelections: randomFigures(records.filter((r) => r.date >= held.cut), held.evaluation.scores),
      note: request.refitOnAll
        ? "measured on a profile built before evaluateFrom; the stored draft was refitted on the whole range"
        : "measured on the stored draft, which never saw the evaluation period",
    },
  };
};
