// Writes a batch's scoring results with set-based SQL: assessments (unique per
// shipment and version, so a re-run inserts nothing new, but counts itself in
// `executions`: double work stays visible) and the outbox state with
// the shipment's overall verdict (profiling/combine.ts: the most severe).
// The updates name their rows twice (join and `= ANY`): joined to unnest()
// alone, the planner hashes the whole outbox table once it has some 10^4-10^5
// rows, a full scan per chunk; with `= ANY` it reads just the chunk's rows by
// primary key.
// The indicators (each assessment's evidence, some kB with a large profile)
// travel as one JSON array text beside the plain arrays, zipped with them by
// ROWS FROM: as a text[] parameter every element was escaped again by the
// driver (each `"` of the JSON doubled) and parsed again as an array literal
// by the server, which was most of a re-score's CPU and garbage.
// Evidence a shipment already has stored travels as its hash only, as null in
// that array, and is copied from the stored row (evidence-reuse.ts).
import type { CombinedResult } from "../../profiling/combine.js";
import type { PoolClient } from "../db/pool.js";
import { uuidV7 } from "../ids.js";
import { evidenceHash, MIN_REUSED_CHARS, storedEvidence } from "./evidence-reuse.js";
import { mapYielding } from "./yield-to-loop.js";

export type ShipmentOutcome =
  | { shipmentId: string; combined: CombinedResult }
  | { shipmentId: string; error: string; attempts: number };

/** A shipment's verdict before a re-score (null score and band when it had none). */
export interface PreviousVerdict {
  score: number | null;
  band: string | null;
  selected: boolean;
  random: boolean;
  watchlisted: boolean;
  status: string;
}

/**
 * With `previous` (a re-score chunk: its rows were not marked pending), a verdict equal to the stored one is not
 * written again (each such update was a non-HOT row version and index entries), an assessment the shipment already
 * has for a version is not counted again (its pending job scored it after the activation, or the version stayed
 * active), and a shipment that fails to score goes back to pending with one attempt counted, for the ordinary path
 * to retry. `retried` names pending shipments on a later attempt: one a re-score chunk sent back to pending has the
 * assessments of the versions that stayed active, which its own job must not count again either. A first attempt
 * (every ingest) has none, so it pays no look-up.
 */
export async function writeAssessments(
  client: PoolClient,
  unitId: string,
  outcomes: ShipmentOutcome[],
  now: Date,
  maxAttempts: number,
  previous?: ReadonlyMap<string, PreviousVerdict>,
  retried: ReadonlySet<string> = new Set(),
): Promise<{ scored: number; failed: number; retry: number; evidenceReused: number }> {
  const assessment = { id: [] as string[], shipment: [] as string[], version: [] as string[], score: [] as number[], band: [] as (string | null)[], selected: [] as boolean[], random: [] as boolean[] };
  const indicators: string[] = [];
  const hashes: Buffer[] = [];
  const done = { id: [] as string[], score: [] as number[], band: [] as (string | null)[], selected: [] as boolean[], random: [] as boolean[], listed: [] as boolean[] };
  const broken = { id: [] as string[], error: [] as string[], failed: [] as boolean[] };
  let unchanged = 0;
  const assessed = previous ? await assessedPairs(client, outcomes)
    : retried.size > 0 ? await assessedPairs(client, outcomes.filter((o) => retried.has(o.shipmentId))) : new Set<string>();
  // Serialising a chunk's evidence is some MB of JSON: done in slices that let the event loop run (yield-to-loop.ts).
  await mapYielding(outcomes, (outcome) => {
    if ("error" in outcome) {
      broken.id.push(outcome.shipmentId);
      broken.error.push(outcome.error.slice(0, 2_000));
      broken.failed.push(outcome.attempts >= maxAttempts);
      return;
    }
    for (const { versionId, result } of outcome.combined.results) {
      // A profile whose scope or validity excludes the shipment leaves no assessment.
      if (!result.applicable) continue;
      if (assessed.has(`${outcome.shipmentId}:${versionId}`)) continue;
      assessment.id.push(uuidV7());
      assessment.shipment.push(outcome.shipmentId);
      assessment.version.push(versionId);
      assessment.score.push(result.score);
      assessment.band.push(result.band);
      assessment.selected.push(result.selected);
      assessment.random.push(result.random);
      const json = JSON.stringify(result.indicators);
      indicators.push(json);
      hashes.push(evidenceHash(json));
    }
    const summary = outcome.combined.overall;
    const was = previous?.get(outcome.shipmentId);
    if (was && was.status === "scored" && was.score === summary.score && was.band === summary.band && was.selected === summary.selected
      && was.random === summary.random && was.watchlisted === summary.watchlisted) {
      unchanged += 1;
      return;
    }
    done.id.push(outcome.shipmentId);
    done.score.push(summary.score);
    done.band.push(summary.band);
    done.selected.push(summary.selected);
    done.random.push(summary.random);
    done.listed.push(summary.watchlisted);
  });
  let evidenceReused = 0;
  if (assessment.shipment.length > 0) {
    const stored = await storedEvidence(client, assessment.shipment, indicators.map((json, i) => (json.length >= MIN_REUSED_CHARS ? hashes[i]! : null)));
    evidenceReused = stored.size;
    // A stored row that vanished in between (its shipment archived) leaves NULL: the NOT NULL column fails the chunk, and its retry sends the evidence.
    await client.query(
      `INSERT INTO assessment (id, shipment_id, profile_version_id, unit_id, score, band, selected, random, indicators, evidence_hash, scored_at)
       SELECT id, s, v, $8::uuid, sc, b::risk_band, sel, r,
              CASE WHEN i = 'null'::jsonb THEN (SELECT a.indicators FROM assessment a WHERE a.shipment_id = t.s AND a.evidence_hash = t.h LIMIT 1) ELSE i END,
              h, $9
         FROM ROWS FROM (unnest($10::uuid[]), unnest($1::uuid[]), unnest($2::uuid[]), unnest($3::float8[]), unnest($4::text[]), unnest($5::bool[]),
                         unnest($6::bool[]), jsonb_array_elements($7::jsonb), unnest($11::bytea[])) AS t(id, s, v, sc, b, sel, r, i, h)
       ON CONFLICT (shipment_id, profile_version_id) DO UPDATE SET executions = assessment.executions + 1`,
      [
        assessment.shipment, assessment.version, assessment.score, assessment.band, assessment.selected, assessment.random,
        `[${indicators.map((json, i) => (stored.has(i) ? "null" : json)).join(",")}]`, unitId, now, assessment.id, hashes,
      ],
    );
  }
  if (done.id.length > 0) {
    await client.query(
      `UPDATE scoring_state st
          SET status = 'scored', score = t.sc, band = t.b::risk_band, selected = t.sel, random = t.r, watchlisted = t.w,
              scored_at = $6, updated_at = $6, last_error = NULL
         FROM unnest($1::uuid[], $2::float8[], $3::text[], $4::bool[], $5::bool[], $7::bool[]) AS t(id, sc, b, sel, r, w)
        WHERE st.shipment_id = t.id AND st.shipment_id = ANY($1::uuid[])`,
      [done.id, done.score, done.band, done.selected, done.random, now, done.listed],
    );
  }
  if (broken.id.length > 0) {
    await client.query(
      `UPDATE scoring_state st
          SET attempts = CASE WHEN $5 THEN 1 ELSE st.attempts + 1 END, last_error = t.e,
              status = CASE WHEN t.f THEN 'failed'::scoring_status WHEN $5 THEN 'pending'::scoring_status ELSE st.status END,
              enqueued_at = CASE WHEN $5 THEN $4 ELSE st.enqueued_at END, updated_at = $4
         FROM unnest($1::uuid[], $2::text[], $3::bool[]) AS t(id, e, f)
        WHERE st.shipment_id = t.id AND st.shipment_id = ANY($1::uuid[])`,
      [broken.id, broken.error, broken.failed, now, previous !== undefined],
    );
  }
  const failed = broken.failed.filter(Boolean).length;
  return { scored: done.id.length + unchanged, failed, retry: broken.id.length - failed, evidenceReused };
}

/** The (shipment, version) pairs of these outcomes that have an assessment already, as `shipment:version`. */
async function assessedPairs(client: PoolClient, outcomes: readonly ShipmentOutcome[]): Promise<Set<string>> {
  const shipments = outcomes.map((o) => o.shipmentId);
  const versions = [...new Set(outcomes.flatMap((o) => ("combined" in o ? o.combined.results.map((r) => r.versionId) : [])))];
  if (shipments.length === 0 || versions.length === 0) return new Set();
  const found = await client.query<{ k: string }>(
    "SELECT shipment_id::text || ':' || profile_version_id::text AS k FROM assessment WHERE shipment_id = ANY($1::uuid[]) AND profile_version_id = ANY($2::uuid[])",
    [shipments, versions],
  );
  return new Set(found.rows.map((row) => row.k));
}
