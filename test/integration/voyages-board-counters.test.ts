// The 72-hour voyages board, counted from the queue's counters (migration
// 0025, core/triage/queue-counters.ts), against the row-by-row aggregate it
// replaced (kept here as the reference), after every write that moves a
// container between counts: ingest, the real scorer, direct re-scoring, the
// unit's cut-offs moving onto scores many containers share, alert and
// watchlist flags, decisions, re-scoring after an activation, a manifest
// replaced and then cancelled, with deltas not folded and folded. Manifests off
// the board share its open buckets, and each open bucket holds rows below, at
// and above its cut-off, so a bucket mis-subtracted changes a band.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { withTransaction } from "../../core/db/pool.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { planUpcomingRescore } from "../../core/profiles/rescore-upcoming.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { CUTOFF_JOIN_SQL, EFFECTIVE_BAND_SQL, EFFECTIVE_FLAGGED_SQL, forgetCutoffRefreshes, refreshBandCutoffs } from "../../core/triage/band-cutoffs.js";
import { foldQueueCounts } from "../../core/triage/queue-counters.js";
import { arrivingVoyages, type VoyageOverview } from "../../core/triage/queue-overview.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const actor = { name: "test:voyages-board-counters" };
const HOLD = 50.5;
const DOCUMENTARY = 20;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: { id: string; code: string; country: string; programme: string };
let officer: TestUser;
let sequence = 0;
const ids: Record<string, string> = {};

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  const created = await createUnitWithBaseline(services, "BEANR");
  unit = { id: created.id, code: created.code, country: "BE", programme: "CCP" };
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

/** The board as it was computed before the counters: every container of the board's manifests read and grouped. */
async function liveBoard(withinHours: number): Promise<VoyageOverview[]> {
  const from = NOW.toISOString().slice(0, 10);
  const to = new Date(NOW.getTime() + withinHours * 3_600_000).toISOString().slice(0, 10);
  const result = await services.pool.query<{
    manifest_id: string; manifest_ref: string; transport_mode: string; vessel_name: string | null; voyage: string | null; flight_number: string | null;
    arrival_date: string; direction: "arriving" | "departing"; day: string; band: string; decision: string; flagged: boolean; n: string; top: number | null;
  }>(
    `WITH v AS (
       SELECT m.id, m.manifest_ref, m.transport_mode, m.vessel_name, m.voyage, m.flight_number, m.arrival_date, m.departure_date,
              m.port_of_loading = u.locode AND m.port_of_discharge <> u.locode AS departs
         FROM manifest m JOIN control_unit u ON u.id = m.unit_id
        WHERE m.unit_id = $1 AND m.arrival_date >= $2::date AND m.superseded_at IS NULL AND m.cancelled_at IS NULL
     ), d AS (
       SELECT v.*, CASE WHEN v.departs THEN 'departing' ELSE 'arriving' END AS direction,
              CASE WHEN v.departs THEN COALESCE(v.departure_date, v.arrival_date) ELSE v.arrival_date END AS day
         FROM v
     )
     SELECT m.id AS manifest_id, m.manifest_ref, m.transport_mode, m.vessel_name, m.voyage, m.flight_number, m.arrival_date::text AS arrival_date,
            m.direction, m.day::text AS day,
            COALESCE(${EFFECTIVE_BAND_SQL}, 'none') AS band, st.decision::text AS decision, ${EFFECTIVE_FLAGGED_SQL} AS flagged,
            count(*) AS n, max(st.score) AS top
       FROM d m
       JOIN scoring_state st ON st.manifest_id = m.id
       ${CUTOFF_JOIN_SQL}
      WHERE m.day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
      ORDER BY day, manifest_ref, manifest_id`,
    [unit.id, from, to],
  );
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const byManifest = new Map<string, VoyageOverview>();
  for (const row of result.rows) {
    let v = byManifest.get(row.manifest_id);
    if (!v) {
      v = {
        manifestId: row.manifest_id, manifestRef: row.manifest_ref, transportMode: row.transport_mode, vesselName: row.vessel_name,
        voyage: row.voyage, flightNumber: row.flight_number, arrivalDate: row.arrival_date, direction: row.direction, date: row.day,
        containers: 0, flagged: 0, awaitingDecision: 0, byBand: zero(["high", "medium", "low", "none"]), byDecision: zero(["none", "hold", "released", "inspected"]), topScore: null,
      };
      byManifest.set(row.manifest_id, v);
    }
    const n = Number(row.n);
    v.containers += n;
    if (row.flagged) v.flagged += n;
    if (row.flagged && row.decision === "none") v.awaitingDecision += n;
    v.byBand[row.band as keyof VoyageOverview["byBand"]] += n;
    v.byDecision[row.decision as keyof VoyageOverview["byDecision"]] += n;
    if (row.top !== null && (v.topScore === null || row.top > v.topScore)) v.topScore = row.top;
  }
  return [...byManifest.values()];
}

async function expectBoard(step: string): Promise<VoyageOverview[]> {
  for (const hours of [72, 24]) {
    const counted = await arrivingVoyages(services, unit, hours);
    expect({ step, hours, board: counted }).toEqual({ step, hours, board: await liveBoard(hours) });
  }
  return arrivingVoyages(services, unit, 72);
}

async function post(key: string, manifest: Record<string, unknown>): Promise<void> {
  const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
  expect(res.status).toBe(202);
  ids[key] = res.body.manifestId as string;
}

async function idsOf(manifestId: string): Promise<string[]> {
  return (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
}

const shipments = (count: number, first: number) => Array.from({ length: count }, (_, i) => buildShipment(first + i));
const onBoard = async () => (await arrivingVoyages(services, unit, 72)).map((v) => v.manifestId);
const deltaRows = async () => Number((await services.pool.query<{ n: string }>("SELECT count(*) AS n FROM queue_count_delta WHERE unit_id = $1", [unit.id])).rows[0]!.n);

/**
 * Scores around both cut-offs (below, at and above each, inside its counter
 * bucket), others spread, some 0, with random picks, watchlist and alert hits:
 * what scoring and alert matching write, set directly.
 */
async function spreadScores(manifestIds: string[]): Promise<void> {
  const shipmentIds = (await Promise.all(manifestIds.map(idsOf))).flat();
  await services.pool.query(
    `UPDATE scoring_state st SET score = x.score, selected = x.score >= 40, random = (x.i % 17 = 0), watchlisted = (x.i % 23 = 0), alerted = (x.i % 29 = 0),
            band = CASE WHEN x.score >= 60 THEN 'high' WHEN x.score >= 40 THEN 'medium' WHEN x.score > 0 THEN 'low' END::risk_band
       FROM (SELECT id, i, CASE WHEN i % 13 = 0 THEN 0
                                ELSE (ARRAY[50.5, 50.4, 50.8, 20, 19.8, 20.3, round((i * 37 % 100)::numeric / 1.3, 3)])[(1 + i % 7)::int]::float8 END AS score
               FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, i)) x
      WHERE st.shipment_id = x.id`,
    [shipmentIds],
  );
}

async function setCutoffs(): Promise<void> {
  forgetCutoffRefreshes();
  await refreshBandCutoffs(services, unit.id);
  // Onto scores many containers share, as percentile cut-offs fall (queue-counters.ts).
  const moved = await services.pool.query("UPDATE unit_band_cutoff SET hold_cutoff = $2, documentary_cutoff = $3 WHERE unit_id = $1 AND transport_mode = 'sea'", [unit.id, HOLD, DOCUMENTARY]);
  expect(moved.rowCount).toBe(1);
}

async function sendCuscar(manifest: ManifestDocument, functionCode: "9" | "5" | "1"): Promise<string> {
  sequence += 1;
  const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference: `VB${sequence}`, sender: "MSCU" });
  const result = await receiveInterchange(services, { unitCode: unit.code, text, actor, source: "cli" });
  expect(result.messages[0]!.errors).toEqual([]);
  return result.messages[0]!.manifestId!;
}

describe("the voyages board counted from the counters", () => {
  test("through ingest, the real scorer, direct re-scoring, flags and the unit's cut-offs", async () => {
    await post("first", buildManifest(40, { arrivalDate: "2026-12-07", shipments: shipments(40, 0) }));
    await post("sameDay", buildManifest(12, { arrivalDate: "2026-12-07", shipments: shipments(12, 100) }));
    await post("lastDay", buildManifest(30, { arrivalDate: "2026-12-09", shipments: shipments(30, 200) }));
    await post("departing", buildManifest(20, { portOfLoading: "BEANR", transshipmentPorts: [], portOfDischarge: "USNYC", departureDate: "2026-12-08", arrivalDate: "2026-12-21", shipments: shipments(20, 300) }));
    await post("later", buildManifest(30, { arrivalDate: "2026-12-15", shipments: shipments(30, 400) }));
    await post("past", buildManifest(20, { arrivalDate: "2026-12-05", shipments: shipments(20, 500) }));
    const board = await expectBoard("ingested, all pending");
    expect(board.map((v) => v.manifestId).sort()).toEqual([ids.first, ids.sameDay, ids.lastDay, ids.departing].sort());
    expect(board.find((v) => v.manifestId === ids.departing)).toMatchObject({ direction: "departing", date: "2026-12-08", containers: 20, topScore: null });

    for (const key of ["first", "sameDay", "lastDay", "departing", "later", "past"]) await scoreShipments(services, unit.id, await idsOf(ids[key]!));
    await expectBoard("scored by the baseline profile");

    await spreadScores([ids.first!, ids.sameDay!, ids.lastDay!, ids.departing!, ids.later!, ids.past!]);
    await setCutoffs();
    // Each open bucket holds, on the board and off it, rows below, at and above its cut-off: a bucket
    // counted by a score inside it, or its rows taken from the wrong counter, gives other bands.
    const around = await services.pool.query<{ board: boolean; side: number; n: string }>(
      `SELECT manifest_id <> $2 AS board, sign(score - c.v) AS side, count(*) AS n
         FROM scoring_state st JOIN (VALUES ($3::float8), ($4::float8)) c(v) ON queue_score_bucket(st.score) = queue_score_bucket(c.v)
        WHERE st.unit_id = $1 AND st.manifest_id = ANY($5::uuid[]) GROUP BY 1, 2`,
      [unit.id, ids.later, HOLD, DOCUMENTARY, [ids.first, ids.lastDay, ids.later]],
    );
    expect(around.rows.map((r) => `${r.board ? "board" : "off"} ${r.side}`).sort()).toEqual(["board -1", "board 0", "board 1", "off -1", "off 0", "off 1"]);
    const spread = await expectBoard("re-scored around the cut-offs, flagged by alerts and watchlists");
    expect(spread.find((v) => v.manifestId === ids.first)!.byBand.high).toBeGreaterThan(0);
    expect(spread.find((v) => v.manifestId === ids.first)!.byBand.medium).toBeGreaterThan(0);
  });

  test("through decisions, unfolded deltas, re-scoring after an activation and a manifest still pending", async () => {
    await foldQueueCounts(services, unit.id);
    expect(await deltaRows()).toBe(0);
    const [a, b, c] = await idsOf(ids.first!);
    const decide = (id: string, decision: string) =>
      request(app).put(`/v1/units/${unit.code}/shipments/${id}/decision`).set(bearer(officer)).send({ decision, ...(decision === "released" ? { note: "documents in order" } : {}) });
    expect((await decide(a!, "hold")).status).toBe(200);
    expect((await decide(b!, "released")).status).toBe(200);
    expect((await decide(c!, "hold")).status).toBe(200);
    expect((await decide(c!, "none")).status).toBe(200);
    expect(await deltaRows()).toBeGreaterThan(0);
    await expectBoard("decided, deltas not folded");
    expect(await deltaRows()).toBeGreaterThan(0);
    await foldQueueCounts(services, unit.id);
    await expectBoard("decided, folded");

    // Stored as re-score chunks (rows untouched), then written anew in place by the scorer.
    const rescore = await withTransaction(services.pool, (client) => planUpcomingRescore(client, { SCORE_CHUNK_SIZE: 25 }, unit.id, "test", NOW));
    expect(rescore.chunks.length).toBeGreaterThan(1);
    await expectBoard("planned for re-scoring");
    for (const chunk of rescore.chunks) await scoreShipments(services, unit.id, chunk.shipmentIds, { rescoreChunkId: chunk.id });
    await expectBoard("re-scored after an activation");
    await spreadScores([ids.first!, ids.lastDay!, ids.later!]);
    await post("pending", buildManifest(8, { arrivalDate: "2026-12-08", shipments: shipments(8, 600) }));
    const board = await expectBoard("spread again, one manifest not scored yet");
    expect(board.find((v) => v.manifestId === ids.pending)).toMatchObject({ containers: 8, topScore: null, byBand: { none: 8 } });
  });

  test("through a manifest replaced, then cancelled", async () => {
    const original = buildManifest(6, { arrivalDate: "2026-12-08", shipments: shipments(6, 700) }) as unknown as ManifestDocument;
    const v1 = await sendCuscar(original, "9");
    await scoreShipments(services, unit.id, await idsOf(v1));
    await spreadScores([v1]);
    expect(await onBoard()).toContain(v1);
    await expectBoard("CUSCAR original scored");
    const replacement = { ...original, shipments: original.shipments.slice(0, 4) };
    const v2 = await sendCuscar(replacement, "5");
    await scoreShipments(services, unit.id, await idsOf(v2));
    await spreadScores([v2]);
    expect(await onBoard()).toEqual(expect.arrayContaining([v2]));
    expect(await onBoard()).not.toContain(v1);
    await expectBoard("replaced");
    await sendCuscar(replacement, "1");
    expect(await onBoard()).not.toContain(v2);
    await expectBoard("cancelled");
    await foldQueueCounts(services, unit.id);
    expect(await deltaRows()).toBe(0);
    await expectBoard("cancelled, folded");
  });

  test("a counter off by one in a cut-off's bucket is seen", async () => {
    // One container more at the hold cut-off's bucket than there is, on a manifest of the board: a delta like the triggers write.
    const bogus = (n: number) => services.pool.query(
      `INSERT INTO queue_count_delta (unit_id, arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band, bucket, n)
       VALUES ($1, '2026-12-07', 'sea', $2, 'scored', 'none', false, false, false, true, 'medium', queue_score_bucket($3), $4)`,
      [unit.id, ids.first, HOLD, n],
    );
    await bogus(1);
    try {
      const counted = (await arrivingVoyages(services, unit, 72)).find((v) => v.manifestId === ids.first)!;
      const live = (await liveBoard(72)).find((v) => v.manifestId === ids.first)!;
      expect({ containers: counted.containers - live.containers, high: counted.byBand.high - live.byBand.high }).toEqual({ containers: 1, high: 1 });
    } finally {
      await bogus(-1);
    }
    await expectBoard("repaired");
  });
});
