// Activating a version with "re-score upcoming": every upcoming container of
// the unit is scored again by the worker pool, exactly once, and what is
// stored (each assessment's score, band, selection and evidence, and the
// shipment's verdict) is what a fresh scoring of the same shipments with the
// same versions gives. The run ends by recomputing the unit's band cut-offs.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { loadActiveVersions } from "../../core/scoring/active-profiles.js";
import { loadScoringContext } from "../../core/scoring/scoring-context.js";
import { loadShipmentInputs, toShipmentInput } from "../../core/scoring/shipment-input.js";
import { scoreWithProfiles } from "../../profiling/combine.js";
import type { Profile } from "../../profiling/dsl/profile-types.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { rescoreSettled, scoredOnce } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool;

beforeAll(() => {
  // Small chunks: the re-score spans many jobs, run two at a time.
  services = createTestServices({ SCORE_CHUNK_SIZE: "20", WORKER_CONCURRENCY: "2" });
  pool = startWorkerPool(services);
});
afterAll(async () => {
  await pool.close();
  await services.dispose();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("an activation re-scores every upcoming container exactly once, as a fresh scoring would", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const app = createApp(services);
  const shipments = Array.from({ length: 130 }, (_, i) =>
    i % 9 === 0 ? buildShipment(i, { goodsDescription: "SAID TO CONTAIN GENERAL CARGO", freightTerms: "collect", sealNumbers: [] }) : buildShipment(i),
  );
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(officer)
    .send(buildManifest(1, { departureDate: day(-5), arrivalDate: day(10), shipments }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  // Settled: nothing pending and nothing waiting in a re-score (a re-score leaves its rows' status alone: its chunks are the record).
  const settled = () => waitFor(() => rescoreSettled(services, unit.id, manifestId), { what: "nothing pending or being re-scored", timeoutMs: 90_000 });
  expect(await settled()).toMatchObject({ total: 130, scored: 130, ...scoredOnce(130) });

  // Version 2 of the baseline: every weighted indicator one point heavier, so every score moves.
  const baseline = (await loadBaselineProfile()) as Profile;
  const heavier = { ...baseline, indicators: baseline.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + 1 })) };
  const draft = await installProfile(services, unit.id, heavier, { activate: false });
  const activatedAt = services.now();
  const activated = await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" },
    { profileCode: baseline.code, version: draft.version }, { rescoreUpcoming: true }, { name: "test" });
  expect(activated.shipmentsRescored).toBe(130);
  // One more assessment per shipment (version 2's), each written by one execution; version 1's stay.
  expect(await settled()).toMatchObject({ total: 130, scored: 130, failed: 0, ...scoredOnce(260) });
  // The chunk that left nothing pending recomputed the unit's band cut-offs from the new scores (no queue read asked for them).
  const cutoff = await waitFor(async () => {
    const rows = await services.pool.query<{ sample_size: number }>(
      "SELECT sample_size FROM unit_band_cutoff WHERE unit_id = $1 AND computed_at >= $2", [unit.id, activatedAt]);
    return rows.rows[0];
  }, { what: "band cut-offs refreshed after the re-score", timeoutMs: 30_000 });
  expect(cutoff).toEqual({ sample_size: 130 });

  const stored = await services.pool.query<{ shipment_id: string; score: number; band: string | null; selected: boolean; random: boolean; indicators: unknown; verdict: number; verdict_band: string | null; verdict_selected: boolean; attempts: number }>(
    `SELECT a.shipment_id, a.score, a.band, a.selected, a.random, a.indicators,
            st.score AS verdict, st.band AS verdict_band, st.selected AS verdict_selected, st.attempts
       FROM assessment a JOIN scoring_state st ON st.shipment_id = a.shipment_id
      WHERE a.profile_version_id = $1`,
    [draft.versionId],
  );
  expect(stored.rows).toHaveLength(130);
  const ids = stored.rows.map((r) => r.shipment_id);
  const client = await services.pool.connect();
  try {
    const loaded = await loadShipmentInputs(client, ids);
    const versions = await loadActiveVersions(client, unit.id);
    expect(versions.map((v) => v.versionId)).toEqual([draft.versionId]);
    const ctx = await loadScoringContext(client, unit.id, [...new Set(loaded.flatMap((s) => s.partyIds))], services.now());
    const fresh = new Map(loaded.map(({ id, row }) => [id, scoreWithProfiles(versions, toShipmentInput(row), ctx)]));
    let moved = 0;
    for (const row of stored.rows) {
      const again = fresh.get(row.shipment_id)!;
      const result = again.results[0]!.result;
      expect({ score: row.score, band: row.band, selected: row.selected, random: row.random }).toEqual({ score: result.score, band: result.band, selected: result.selected, random: result.random });
      // The evidence, in order, as the scorer gave it (each shipment's own: no row got another's).
      expect(row.indicators).toEqual(JSON.parse(JSON.stringify(result.indicators)));
      expect({ verdict: row.verdict, band: row.verdict_band, selected: row.verdict_selected, attempts: row.attempts })
        .toEqual({ verdict: again.overall.score, band: again.overall.band, selected: again.overall.selected, attempts: 0 });
      if (result.indicators.length > 0) moved += 1;
    }
    // The comparison covers shipments with reasons, not only silent ones.
    expect(moved).toBeGreaterThan(10);
  } finally {
    client.release();
  }
});
