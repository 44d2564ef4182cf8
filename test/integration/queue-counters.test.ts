// The queue's counters (migration 0025) against a live count of the same rows,
// over the real database, after every write that moves a shipment between
// counts: ingest, scoring by the real scorer, direct re-scoring, the unit's
// cut-offs moving, decisions, re-scoring after an activation, a manifest
// replaced and cancelled, shipments deleted, and the fold of the deltas.
// The last test changes one counter by one and expects the check to see it.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { planUpcomingRescore } from "../../core/profiles/rescore-upcoming.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { withTransaction } from "../../core/db/pool.js";
import { countQueue } from "../../core/shipments/count-queue.js";
import type { QueueFilters } from "../../core/shipments/queue-filters.js";
import { forgetCutoffRefreshes, refreshBandCutoffs } from "../../core/triage/band-cutoffs.js";
import { queueCounts } from "../../core/triage/queue-overview.js";
import { foldQueueCounts } from "../../core/triage/queue-counters.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const actor = { name: "test:queue-counters" };

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: { id: string; code: string; country: string; programme: string };
let officer: TestUser;
let sequence = 0;

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  const created = await createUnitWithBaseline(services);
  unit = { id: created.id, code: created.code, country: "BE", programme: "CCP" };
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

/** Filters the counters answer, each checked against the live count. */
const VIEWS: QueueFilters[] = [
  {},
  { flagged: true },
  { flagged: false },
  { flagged: true, decision: ["none"] },
  { band: ["high"] },
  { band: ["medium", "low"] },
  { band: ["none"] },
  { decision: ["hold", "released"] },
  { status: ["pending"] },
  { random: true },
  { minScore: 20 },
  { minScore: 0.5, flagged: true },
  { arrivalFrom: "2026-12-07", arrivalTo: "2026-12-08" },
  { arrivalFrom: "2026-12-01", arrivalTo: "2026-12-06", flagged: true },
  { versions: "all" },
];

/** What both must agree on: everything the counts answer but the histogram (placed by bucket). */
function comparable(counts: Awaited<ReturnType<typeof queueCounts>>) {
  const { histogram, ...rest } = counts;
  return { ...rest, histogramTotal: histogram.reduce((sum, bin) => sum + bin.count, 0) };
}

async function mismatches(views: QueueFilters[] = VIEWS): Promise<string[]> {
  const out: string[] = [];
  for (const view of views) {
    const counted = comparable(await queueCounts(services, unit, view));
    const live = comparable(await queueCounts(services, unit, view, { live: true }));
    if (JSON.stringify(counted) !== JSON.stringify(live)) out.push(`counts ${JSON.stringify(view)}: ${JSON.stringify(counted)} vs ${JSON.stringify(live)}`);
    const total = await countQueue(services, unit.id, view);
    const liveTotal = await countQueue(services, unit.id, view, { live: true });
    if (total !== liveTotal) out.push(`total ${JSON.stringify(view)}: ${total} vs ${liveTotal}`);
  }
  return out;
}

async function expectExact(step: string, views: QueueFilters[] = VIEWS) {
  expect({ step, mismatches: await mismatches(views) }).toEqual({ step, mismatches: [] });
}

async function post(manifest: Record<string, unknown>): Promise<string> {
  const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
  expect(res.status).toBe(202);
  return res.body.manifestId as string;
}

async function idsOf(manifestId: string): Promise<string[]> {
  return (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
}

async function sendCuscar(manifest: ManifestDocument, functionCode: "9" | "5" | "1"): Promise<string> {
  sequence += 1;
  const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference: `QC${sequence}`, sender: "MSCU" });
  const result = await receiveInterchange(services, { unitCode: unit.code, text, actor, source: "cli" });
  expect(result.messages[0]!.errors).toEqual([]);
  return result.messages[0]!.manifestId!;
}

const counterRows = async () =>
  Number((await services.pool.query<{ n: string }>("SELECT (SELECT count(*) FROM queue_count WHERE unit_id = $1) + (SELECT count(*) FROM queue_count_delta WHERE unit_id = $1) AS n", [unit.id])).rows[0]!.n);
const deltaRows = async () => Number((await services.pool.query<{ n: string }>("SELECT count(*) AS n FROM queue_count_delta WHERE unit_id = $1", [unit.id])).rows[0]!.n);

describe("queue counters stay exact", () => {
  let first: string;
  let second: string;

  test("through ingest, the real scorer, direct re-scoring and the unit's cut-offs", async () => {
    first = await post(buildManifest(70, { arrivalDate: "2026-12-08" }));
    second = await post(buildManifest(50, { arrivalDate: "2026-12-02", shipments: Array.from({ length: 50 }, (_, i) => buildShipment(100 + i)) }));
    await expectExact("ingested, all pending");
    expect(await counterRows()).toBeGreaterThan(0);

    await scoreShipments(services, unit.id, await idsOf(first));
    await scoreShipments(services, unit.id, await idsOf(second));
    await expectExact("scored by the baseline profile");

    // A spread of scores, some exactly on bucket edges and on each other, random picks and watchlist hits.
    const ids = [...(await idsOf(first)), ...(await idsOf(second))];
    await services.pool.query(
      `UPDATE scoring_state st SET score = x.score, selected = x.score >= 40, random = (x.i % 17 = 0), watchlisted = (x.i % 23 = 0),
              band = CASE WHEN x.score >= 60 THEN 'high' WHEN x.score >= 40 THEN 'medium' WHEN x.score > 0 THEN 'low' END::risk_band
         FROM (SELECT id, i, CASE WHEN i % 9 = 0 THEN 0 WHEN i % 11 = 0 THEN 20 ELSE round((i * 37 % 100)::numeric / 1.3, 3)::float8 END AS score
                 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, i)) x
        WHERE st.shipment_id = x.id`,
      [ids],
    );
    forgetCutoffRefreshes();
    await refreshBandCutoffs(services, unit.id);
    const cutoffs = await services.pool.query("SELECT hold_cutoff, documentary_cutoff FROM unit_band_cutoff WHERE unit_id = $1", [unit.id]);
    expect(cutoffs.rowCount).toBe(1);
    await expectExact("re-scored, with the unit's cut-offs");

    // Cut-offs that move (another hold share) leave the counters alone and still count exactly.
    await services.pool.query("UPDATE unit_band_cutoff SET hold_cutoff = 50.5, documentary_cutoff = 20 WHERE unit_id = $1", [unit.id]);
    await expectExact("cut-offs moved onto a score many containers have");
  });

  test("through decisions, assignment and re-scoring after an activation", async () => {
    const [a, b, c] = await idsOf(first);
    const decide = (id: string, decision: string) =>
      request(app).put(`/v1/units/${unit.code}/shipments/${id}/decision`).set(bearer(officer)).send({ decision, ...(decision === "released" ? { note: "documents in order" } : {}) });
    expect((await decide(a!, "hold")).status).toBe(200);
    expect((await decide(b!, "released")).status).toBe(200);
    expect((await decide(c!, "hold")).status).toBe(200);
    expect((await decide(c!, "none")).status).toBe(200);
    await expectExact("decided");

    // An activation stores the upcoming containers as re-score chunks (their rows untouched), and the scorer writes them anew in place.
    const rescore = await withTransaction(services.pool, (client) => planUpcomingRescore(client, { SCORE_CHUNK_SIZE: 20 }, unit.id, "test", NOW));
    expect(rescore.shipmentIds.length).toBe(70);
    expect(rescore.chunks.length).toBeGreaterThan(1);
    await expectExact("planned for re-scoring");
    for (const chunk of rescore.chunks) await scoreShipments(services, unit.id, chunk.shipmentIds, { rescoreChunkId: chunk.id });
    await expectExact("re-scored after an activation");
  });

  test("through a manifest replaced, then cancelled, and shipments deleted", async () => {
    const original = buildManifest(6, { arrivalDate: "2026-12-07", shipments: Array.from({ length: 6 }, (_, i) => buildShipment(300 + i)) }) as unknown as ManifestDocument;
    const v1 = await sendCuscar(original, "9");
    await scoreShipments(services, unit.id, await idsOf(v1));
    await expectExact("CUSCAR original scored");
    const replacement = { ...original, shipments: original.shipments.slice(0, 4) };
    const v2 = await sendCuscar(replacement, "5");
    await scoreShipments(services, unit.id, await idsOf(v2));
    await expectExact("replaced");
    expect((await queueCounts(services, unit, { versions: "all" })).total - (await queueCounts(services, unit, {})).total).toBe(6);
    await sendCuscar(replacement, "1");
    await expectExact("cancelled");
    expect((await queueCounts(services, unit, { versions: "all" })).total - (await queueCounts(services, unit, {})).total).toBe(10);
    // Folded, the replaced and cancelled versions are in the unit's summary (0028) and are subtracted from it.
    await foldQueueCounts(services, unit.id);
    expect(await deltaRows()).toBe(0);
    await expectExact("cancelled, folded");
    expect((await queueCounts(services, unit, { versions: "all" })).total - (await queueCounts(services, unit, {})).total).toBe(10);

    await services.pool.query("DELETE FROM shipment WHERE id = ANY($1::uuid[])", [(await idsOf(second)).slice(0, 10)]);
    await expectExact("shipments deleted");
    await foldQueueCounts(services, unit.id);
    await expectExact("shipments deleted, folded");
  });

  test("folding moves every delta into the counters and changes no count", async () => {
    const before = await queueCounts(services, unit, { flagged: true });
    await foldQueueCounts(services, unit.id);
    expect(await deltaRows()).toBe(0);
    // Counts are exact; a broad view's histogram is placed from the counters' score buckets
    // (README: "places each bucket by a score inside it"), so its bins may move, never its total.
    const after = await queueCounts(services, unit, { flagged: true });
    const histogramTotal = (c: typeof after) => c.histogram.reduce((sum, bin) => sum + bin.count, 0);
    expect({ ...after, histogram: histogramTotal(after) }).toEqual({ ...before, histogram: histogramTotal(before) });
    await expectExact("folded");
  });

  test("several cut-offs in one score bucket, with alike rows on every side of each", async () => {
    // The rows read in a bucket holding a cut-off are grouped by what is
    // counted and by the open values they lie between (queue-counters.ts):
    // rows alike in every counted column but on either side of a cut-off
    // must stay apart. Here both cut-offs and a minimum score lie in one fine
    // (0.3 %) and one coarse (3 %) bucket, with twelve scores around them.
    const ids = await idsOf(first);
    const scores = [49.9, 49.975, 49.977, 49.98, 49.99, 50, 50.005, 50.01, 50.02, 50.03, 50.06, 50.12];
    await services.pool.query(
      `UPDATE scoring_state st SET score = ($2::float8[])[1 + (x.i % $3)], selected = false, random = false, watchlisted = false, alerted = false,
              band = 'medium', decision = 'none', assignee_id = NULL
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, i) WHERE st.shipment_id = x.id`,
      [ids.slice(0, 48), scores, scores.length],
    );
    await services.pool.query("UPDATE unit_band_cutoff SET hold_cutoff = 50.02, documentary_cutoff = 49.98 WHERE unit_id = $1", [unit.id]);
    const near = await services.pool.query<{ fine: number; coarse: number }>(
      "SELECT count(DISTINCT queue_score_fine_bucket(v)) AS fine, count(DISTINCT queue_score_bucket(v)) AS coarse FROM unnest($1::float8[]) v",
      [[49.975, 49.98, 50, 50.02, 50.12]],
    );
    expect(near.rows[0]).toEqual({ fine: 1, coarse: 1 });
    const views: QueueFilters[] = [...VIEWS, { minScore: 50 }, { minScore: 50, band: ["medium"] }, { minScore: 49.99, flagged: false },
      { minScore: 50, arrivalFrom: "2026-12-07", arrivalTo: "2026-12-09" }, { band: ["high"], arrivalFrom: "2026-12-08", arrivalTo: "2026-12-08" }];
    await expectExact("cut-offs and a minimum inside one bucket", views);
    await foldQueueCounts(services, unit.id);
    await expectExact("the same, folded", views);
    // A live count to anchor it: scores at or above the hold cut-off among the 48 are the 50.02 and above.
    const high = await countQueue(services, unit.id, { band: ["high"], arrivalFrom: "2026-12-08", arrivalTo: "2026-12-08" });
    const expected = await services.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM scoring_state WHERE unit_id = $1 AND manifest_id = $2 AND score >= 50.02", [unit.id, first]);
    expect(high).toBe(Number(expected.rows[0]!.n));
  });

  test("a counter off by one is seen", async () => {
    // One pending container more than there is, on a manifest in force: a delta like the triggers write.
    const bogus = (n: number) => services.pool.query(
      `INSERT INTO queue_count_delta (unit_id, arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band, bucket, n)
       VALUES ($1, '2026-12-08', 'sea', $2, 'pending', 'none', false, false, false, false, NULL, NULL, $3)`,
      [unit.id, first, n],
    );
    await bogus(1);
    try {
      expect(await mismatches()).toEqual(expect.arrayContaining([expect.stringMatching(/^total \{\}/), expect.stringMatching(/^counts \{"status":\["pending"\]\}/)]));
    } finally {
      await bogus(-1);
    }
    await expectExact("repaired");
  });

  test("the unit's summary off by one is seen, and a window's day counters are read without it", async () => {
    await foldQueueCounts(services, unit.id);
    const summaryRows = Number((await services.pool.query<{ n: string }>("SELECT count(*) AS n FROM queue_count_unit WHERE unit_id = $1", [unit.id])).rows[0]!.n);
    expect(summaryRows).toBeGreaterThan(0);
    expect(summaryRows).toBeLessThan(await counterRows());
    const shift = (n: number) => services.pool.query(
      `UPDATE queue_count_unit SET n = n + $2 WHERE ctid = (SELECT ctid FROM queue_count_unit WHERE unit_id = $1 AND status = 'scored' ORDER BY n DESC LIMIT 1)`,
      [unit.id, n],
    );
    await shift(1);
    try {
      const found = await mismatches();
      expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^total \{\}/), expect.stringMatching(/^counts \{\}/)]));
      // Views with a window, or with every version, read the day counters, which are right.
      expect(found.filter((m) => /arrival|versions/.test(m))).toEqual([]);
    } finally {
      await shift(-1);
    }
    await expectExact("summary repaired");
  });
});
