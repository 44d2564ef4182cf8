// The unit the back-test and re-score benches start from: a labelled container
// history (the seeded container history generator) imported through the
// manifest-jsonl upload and its import job, so the unit has seizures, party
// sightings and value medians, and a profile learned from that history with
// the builder, cut to 65 indicators and 6,000+ table entries, active; then
// its upcoming containers, ingested and scored, for a re-score to work on.
import { Readable } from "node:stream";
import { runAnalysisJob } from "../core/analysis/analysis-jobs.js";
import { ANALYSIS_RUNNERS } from "../core/analysis/analysis-runners.js";
import type { AuditActor } from "../core/audit/record-audit.js";
import type { UnitScope } from "../core/auth/principal.js";
import { addToBuilderHistory, type BuilderHistory } from "../core/history/builder-records.js";
import { mapHistoryLine } from "../core/history/manifest-history-line.js";
import { receiveHistoryUpload } from "../core/history/receive-history-upload.js";
import { ingestManifest } from "../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../core/manifests/manifest-schema.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { rescoringCount } from "../core/scoring/rescore-chunks.js";
import type { Services } from "../core/services.js";
import { generateContainerHistory, type HistoryLine } from "../fixtures/container-history/index.js";
import { generateMegaVesselManifest } from "../fixtures/generate-mega-vessel.js";
import { seededRandom } from "../fixtures/seeded-random.js";
import { buildProfile } from "../profiling/builder/build-profile.js";
import { benchProfile } from "./backtest-speed-profile.js";

/** The generator's training and later periods, every box labelled: uninspected ones drawn from their planted probability. At most `count` lines. */
export function labelledLines(count: number): HistoryLine[] {
  const world = generateContainerHistory({ seed: 7, perMonth: Math.ceil(count / 20), trainMonths: 18, laterMonths: 3 });
  const draw = seededRandom(17);
  const lines = world.history.map((line, i): HistoryLine => {
    if (line.outcome?.inspected === true) return line;
    const hit = draw.next() < world.historyProbabilities[i]!;
    return { ...line, outcome: { inspected: true, hit, commodity: hit ? "cocaine" : null, selectedBy: "random" } };
  });
  return [...lines, ...world.later].slice(0, count);
}

/** Unit BEANR-BENCH with `lines` imported and the profile learned from them installed, active, as version 1. */
export async function seedLearnedUnit(services: Services, lines: readonly HistoryLine[]) {
  const unit = await services.prisma.controlUnit.create({ data: { code: "BEANR-BENCH", locode: "BEANR", name: "Bench", country: "BE", kind: "seaport" } });
  const scope = { id: unit.id, code: unit.code, country: "BE", programme: "CCP" };
  const actor = { name: "bench" };
  const upload = await receiveHistoryUpload(services, {
    unit: scope, format: "manifest-jsonl", contentType: "application/x-ndjson", contentLength: undefined,
    body: Readable.from([Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n") + "\n")]), actor,
  });
  await runAnalysisJob(services, upload.body.jobId!, ANALYSIS_RUNNERS);
  const imported = await services.pool.query<{ status: string }>("SELECT status FROM history_import WHERE id = $1", [upload.body.importId]);
  if (imported.rows[0]?.status !== "succeeded") throw new Error(`the history import ${imported.rows[0]?.status ?? "is missing"}: see the job's log line above`);
  const history: BuilderHistory = { records: [], unlabelled: [] };
  lines.forEach((line, i) => {
    const mapped = mapHistoryLine(line, i + 1);
    if (mapped.ok) addToBuilderHistory(history, mapped.row);
  });
  const built = buildProfile(history.records, { unlabelled: history.unlabelled }).profile;
  const profile = benchProfile(built, { indicators: 65, minEntries: 6_000 });
  await installProfile(services, unit.id, profile.definition, { activate: true });
  return { unit, scope, actor, profile };
}

/** Containers still pending or waiting in a re-score chunk (an activation's re-score leaves its rows' status alone). */
export async function pendingLeft(services: Services, unitId: string): Promise<number> {
  const left = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state WHERE unit_id = $1 AND status = 'pending'", [unitId]);
  return left.rows[0]!.n + (await rescoringCount(services.pool, unitId));
}

export async function untilScored(services: Services, unitId: string): Promise<void> {
  while ((await pendingLeft(services, unitId)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** `count` upcoming containers (the mega-vessel, arriving in a month), ingested and scored by the workers running. */
export async function ingestUpcoming(services: Services, scope: UnitScope, actor: AuditActor, count: number): Promise<void> {
  const manifest = generateMegaVesselManifest(42, count);
  const arrival = new Date(services.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const parsed = manifestSchema(20_000).parse({ ...manifest, arrivalDate: arrival, departureDate: services.now().toISOString().slice(0, 10) });
  await ingestManifest(services, { unit: scope, manifest: parsed, actor });
  await untilScored(services, scope.id);
}
