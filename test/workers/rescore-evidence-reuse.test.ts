// A re-score whose evidence for a shipment is what the shipment already has
// stored (an activation that moved only a threshold) copies the stored value
// instead of sending it again (core/scoring/evidence-reuse.ts). What is stored
// must not differ from a fresh scoring in any way: each assessment's evidence,
// in order and per shipment, and its hash is the hash of that evidence's text.
// Evidence that did change (the points moved) is sent and stored as new.
import { createHash } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { loadActiveVersions } from "../../core/scoring/active-profiles.js";
import { MIN_REUSED_CHARS } from "../../core/scoring/evidence-reuse.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { loadScoringContext } from "../../core/scoring/scoring-context.js";
import { loadShipmentInputs, toShipmentInput } from "../../core/scoring/shipment-input.js";
import { scoreWithProfiles } from "../../profiling/combine.js";
import type { Profile } from "../../profiling/dsl/profile-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { manifestProgress, scoredOnce } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

let services: TestServices;

// No worker runs here: the test scores the re-score's pending rows itself, so it sees each batch's counts.
beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  await services.dispose();
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const sha256 = (text: string) => createHash("sha256").update(text).digest();
// Long declared goods (quoted in the evidence) give some shipments evidence long enough to be reused.
const vague = "SAID TO CONTAIN GENERAL CARGO " + "AS PER SHIPPER'S LOAD AND COUNT, CONTENTS UNKNOWN TO THE CARRIER ".repeat(12);

interface Stored {
  shipment_id: string;
  indicators: unknown;
  evidence_hash: Buffer | null;
  score: number;
  selected: boolean;
}

async function storedOf(versionId: string): Promise<Map<string, Stored>> {
  const rows = await services.pool.query<Stored>(
    "SELECT shipment_id, indicators, evidence_hash, score, selected FROM assessment WHERE profile_version_id = $1",
    [versionId],
  );
  return new Map(rows.rows.map((r) => [r.shipment_id, r]));
}

/** What a fresh scoring with the unit's active versions gives, per shipment: the evidence's JSON text and the result. */
async function freshScoring(unitId: string, ids: string[]) {
  const client = await services.pool.connect();
  try {
    const loaded = await loadShipmentInputs(client, ids);
    const versions = await loadActiveVersions(client, unitId);
    const ctx = await loadScoringContext(client, unitId, [...new Set(loaded.flatMap((s) => s.partyIds))], services.now());
    return new Map(loaded.map(({ id, row }) => {
      const result = scoreWithProfiles(versions, toShipmentInput(row), ctx).results[0]!.result;
      return [id, { json: JSON.stringify(result.indicators), result }];
    }));
  } finally {
    client.release();
  }
}

async function activateAndRescore(unit: { id: string; code: string }, profile: Profile, ids: string[]) {
  const draft = await installProfile(services, unit.id, profile, { activate: false });
  const activated = await activateVersion(services, { id: unit.id, code: unit.code, country: "BE", programme: "CCP" },
    { profileCode: profile.code, version: draft.version }, { rescoreUpcoming: true }, { name: "test" });
  expect(activated.shipmentsRescored).toBe(ids.length);
  // The activation stored the re-score as chunks (no worker runs here): each is scored as its job would.
  const chunks = await services.pool.query<{ id: string; shipment_ids: string[] }>("SELECT id, shipment_ids FROM rescore_chunk WHERE unit_id = $1 ORDER BY id", [unit.id]);
  expect(chunks.rows.flatMap((c) => c.shipment_ids).sort()).toEqual([...ids].sort());
  const batch = { scored: 0, failed: 0, retry: 0, evidenceReused: 0 };
  for (const chunk of chunks.rows) {
    const done = await scoreShipments(services, unit.id, chunk.shipment_ids, { rescoreChunkId: chunk.id });
    for (const key of ["scored", "failed", "retry", "evidenceReused"] as const) batch[key] += done[key];
  }
  expect(batch).toMatchObject({ scored: ids.length, failed: 0, retry: 0 });
  return { versionId: draft.versionId, evidenceReused: batch.evidenceReused };
}

test("a re-score stores each shipment's evidence as a fresh scoring would, copying what the shipment already has", async () => {
  const unit = await createUnitWithBaseline(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const shipments = Array.from({ length: 60 }, (_, i) =>
    i % 3 === 0 ? buildShipment(i, { goodsDescription: `${vague}${i}`, freightTerms: "collect", sealNumbers: [] }) : buildShipment(i),
  );
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(officer)
    .send(buildManifest(shipments.length, { departureDate: day(-5), arrivalDate: day(10), shipments }));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY id", [manifestId])).rows.map((r) => r.id);
  expect((await scoreShipments(services, unit.id, ids)).evidenceReused).toBe(0);
  const first = await storedOf(unit.versionId);

  // Version 2 selects at a lower score: every shipment's evidence stays what it was.
  const baseline = (await loadBaselineProfile()) as Profile;
  const lower = { ...baseline, thresholds: { ...baseline.thresholds, select: (baseline.thresholds.select ?? baseline.thresholds.high) - 5 } };
  const second = await activateAndRescore(unit, lower, ids);
  const fresh = await freshScoring(unit.id, ids);
  const long = ids.filter((id) => fresh.get(id)!.json.length >= MIN_REUSED_CHARS);
  // The comparison covers copied evidence (the long ones) and evidence sent as it is.
  expect(long.length).toBeGreaterThan(5);
  expect(long.length).toBeLessThan(ids.length);
  expect(second.evidenceReused).toBe(long.length);
  const stored = await storedOf(second.versionId);
  let movedSelection = 0;
  for (const id of ids) {
    const row = stored.get(id)!;
    const again = fresh.get(id)!;
    expect(row.indicators).toEqual(JSON.parse(again.json));
    expect(row.evidence_hash).toEqual(sha256(again.json));
    expect({ score: row.score, selected: row.selected }).toEqual({ score: again.result.score, selected: again.result.selected });
    // The same evidence as version 1's row of the same shipment, and no other shipment's.
    expect(row.indicators).toEqual(first.get(id)!.indicators);
    if (row.selected !== first.get(id)!.selected) movedSelection += 1;
  }
  expect(movedSelection).toBeGreaterThan(0);

  // Version 3 weighs every indicator one point more: the evidence (which carries the points) changed, and is sent anew.
  const heavier = { ...lower, indicators: lower.indicators.map((i) => (i.points === undefined ? i : { ...i, points: i.points + 1 })) };
  const third = await activateAndRescore(unit, heavier, ids);
  const freshAgain = await freshScoring(unit.id, ids);
  const storedAgain = await storedOf(third.versionId);
  let changed = 0;
  for (const id of ids) {
    const again = freshAgain.get(id)!;
    expect(storedAgain.get(id)!.indicators).toEqual(JSON.parse(again.json));
    expect(storedAgain.get(id)!.evidence_hash).toEqual(sha256(again.json));
    if (again.json !== fresh.get(id)!.json) changed += 1;
  }
  expect(changed).toBe(ids.filter((id) => fresh.get(id)!.json !== "[]").length);
  // Only evidence a shipment had stored before is copied: an unchanged "[]" is short, the changed ones are new.
  expect(third.evidenceReused).toBe(0);
  expect(await manifestProgress(services, manifestId)).toMatchObject({ scored: 60, ...scoredOnce(180) });
});
