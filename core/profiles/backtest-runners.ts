// The analysis runners for `backtest` and `compare` jobs: score the unit's
// labelled history, streamed in batches, with one or two profiles and report
// selection rate, precision, recall, precision and recall at the top 1/2/5/10 %,
// lift over random and per-indicator counts (profiling/backtest.ts).
import { z } from "zod";
import { boundedDate } from "../iso-dates.js";
import { backtest, type BacktestResult } from "../../profiling/backtest.js";
import type { VersionToScore } from "../../profiling/combine.js";
import { ShipmentFacts } from "../../profiling/derived.js";
import { contentHash } from "../manifests/content-hash.js";
import { compileProfile, type CompiledProfile } from "../../profiling/dsl/compile.js";
import type { AnalysisJobRow, AnalysisRunner, ProgressReporter } from "../analysis/analysis-jobs.js";
import type { Pool } from "../db/pool.js";
import type { Services } from "../services.js";
import { checkDefinition, compileStoredVersion, type VersionRow } from "./profile-store.js";
import { sampleReport, trainingWindowOf, type DatedRecord, type TrainingWindow } from "./backtest-samples.js";
import { labelledHistory } from "./labelled-history.js";
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

async function evaluate(services: Services, job: AnalysisJobRow, progress: ProgressReporter): Promise<Evaluation> {
  const params = paramsSchema.parse(job.params);
  const range = { from: params.from, to: params.to };
  const scorers = await Promise.all(params.profiles.map((ref) => loadScorer(services.pool, job.unitId, ref)));
  const perProfile = scorers.map(() => ({ records: [] as DatedRecord[], notApplicable: 0 }));
  // A built version learned from part of the history: its figures are split into held-out and in-sample.
  const windows = await Promise.all(scorers.map((s) => trainingWindowOf(services.pool, job.unitId, s.version === null ? null : s.versionId)));
  const agreement = { bothSelected: 0, onlyFirst: 0, onlySecond: 0, bothSelectedHits: 0, onlyFirstHits: 0, onlySecondHits: 0 };
  let seen = 0;
  let skipped = 0;
  let hits = 0;
  const transportModes = new Set<string>();
  const linkDegree = scorers.some((s) => seizureLinkDegree(s.compiled.profile) === 2) ? 2 : 1;
  for await (const batch of labelledHistory(services.pool, job.unitId, range, services.now(), undefined, linkDegree)) {
    for (const record of batch.records) {
      // "New party", seizure links and validity dates are judged as on the day the record arrived (and the unit's code is in it).
      const ctx = batch.contextFor(record);
      // Facts derived once for both profiles; the draw keyed on the record's and the definition's own keys, not row ids.
      const facts = new ShipmentFacts(record.shipment, ctx);
      transportModes.add(record.shipment.transportMode);
      facts.keyParts = record.keyParts;
      // Shipment-only facts kept with the prepared history; the context is the record's own day, so no memo across records.
      facts.prep = record.prepared;
      const selected = scorers.map((scorer, k) => {
        // Metrics count matches and points only: no evidence objects.
        const result = scorer.compiled.scoreFacts(facts, { shipmentId: record.drawKey, versionId: scorer.drawKey }, { evidence: false });
        const slot = perProfile[k]!;
        if (!result.applicable) slot.notApplicable += 1;
        slot.records.push({
          score: result.score,
          selected: result.selected,
          random: result.random,
          hit: record.hit,
          day: record.arrivalDate,
          indicators: result.indicators,
        });
        return result.selected;
      });
      if (record.hit) hits += 1;
      if (selected.length === 2) {
        const key = selected[0] && selected[1] ? "bothSelected" : selected[0] ? "onlyFirst" : selected[1] ? "onlySecond" : undefined;
        if (key) {
          agreement[key] += 1;
          if (record.hit) agreement[`${key}Hits`] += 1;
        }
      }
    }
    seen += batch.records.length + batch.skipped;
    skipped += batch.skipped;
    await progress(batch.total > 0 ? Math.min(0.99, seen / batch.total) : 0.99);
  }
  return {
    ...range,
    records: perProfile[0]!.records.length,
    hits,
    skipped,
    transportModes: [...transportModes].sort(),
    profiles: scorers.map((scorer, k) => describe(scorer, perProfile[k]!.notApplicable, backtest(perProfile[k]!.records), perProfile[k]!.records, windows[k] ?? null)),
    agreement,
  };
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
