// The unit's cut-offs found from the queue's counters (cutoff-queries.ts) are
// the ones the row-by-row query found before, kept here as the reference:
// over many seeded score distributions (whole-step ties, near-continuous
// scores, scores on a bucket's edges and a float step either side, one bucket
// holding everything, nulls, scores of 0 and below), four transport modes
// (one under MIN_SAMPLE, one with no rows), rows on either side of each
// window's first day and after today, a replaced and a cancelled manifest,
// shipments without a manifest, unit targets from tiny to half the window,
// and counter deltas folded or not. The rows read must always agree with the
// counters, so the fallback to every row never hides a difference.
import request from "supertest";
import type { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createApp } from "../../api/app.js";
import { CUTOFFS_FROM_COUNTERS_SQL } from "../../core/triage/cutoff-queries.js";
import { ensureFreshCutoffs, forgetCutoffRefreshes, MIN_SAMPLE, refreshBandCutoffs } from "../../core/triage/band-cutoffs.js";
import { foldQueueCounts } from "../../core/triage/queue-counters.js";
import { DEFAULT_TARGET, TRANSPORT_MODES } from "../../core/triage/selection-targets.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const TODAY = "2026-12-06";

/** The cut-off query before the counters (band-cutoffs.ts until issue 17), every row of the window grouped by score. */
const REFERENCE_SQL = `WITH t AS (
       SELECT m.mode, COALESCE(u.hold_share, $2) AS hold, COALESCE(u.documentary_share, $3) AS doc, COALESCE(u.window_days, $4) AS win
         FROM unnest($5::transport_mode[]) AS m(mode)
         LEFT JOIN unit_selection_target u ON u.unit_id = $1 AND u.transport_mode = m.mode
     ), tiers AS (
       SELECT t.mode, t.hold, t.doc, st.score, count(*) AS k, sum(count(*)) OVER (PARTITION BY t.mode) AS n
         FROM t
         JOIN scoring_state st ON st.unit_id = $1 AND st.transport_mode = t.mode AND st.arrival_date >= $6::date - t.win AND st.score IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM manifest mv
  WHERE mv.id = st.manifest_id AND (mv.superseded_at IS NOT NULL OR mv.cancelled_at IS NOT NULL))
        GROUP BY t.mode, t.hold, t.doc, st.score
     ), shares AS (
       SELECT mode, hold, doc, score, n, sum(k) OVER (PARTITION BY mode ORDER BY score DESC) / n::float8 AS share FROM tiers
     ), hold_pick AS (
       SELECT DISTINCT ON (mode) mode, score AS hold_cut FROM shares WHERE score > 0 ORDER BY mode, abs(share - hold), share
     ), doc_pick AS (
       SELECT DISTINCT ON (x.mode) x.mode, x.score AS doc_cut
         FROM shares x JOIN hold_pick h ON h.mode = x.mode
        WHERE x.score > 0 AND x.score <= h.hold_cut
        ORDER BY x.mode, abs(x.share - (x.hold + x.doc)), x.share
     )
     SELECT w.mode, w.n, h.hold_cut, d.doc_cut
       FROM (SELECT DISTINCT mode, n FROM tiers) w
       LEFT JOIN hold_pick h ON h.mode = w.mode
       LEFT JOIN doc_pick d ON d.mode = w.mode`;

let services: TestServices;
let unit: TestUnit;
let ids: string[] = [];
/** Score bucket edges as PostgreSQL computes them (exp(k / 32) - 1), to put scores on them and a float step either side. */
let edges: number[] = [];

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The next float64 up (+1) or down (-1). */
function floatStep(x: number, direction: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + BigInt(direction) : bits - BigInt(direction));
  return view.getFloat64(0);
}

type Scores = (random: () => number, i: number) => number | null;
const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** Score distributions, each a way the nearest share can fall. */
const DISTRIBUTIONS: Record<string, Scores> = {
  wholeSteps: (r) => 5 * Math.floor(r() * r() * 21),
  nearContinuous: (r) => Math.round(Math.pow(r(), 3) * 10000) / 100,
  bucketEdges: (r) => {
    const edge = edges[20 + Math.floor(r() * 6)]!;
    return pick(r, [edge, edge, floatStep(edge, 1), floatStep(edge, -1), edge + 0.01]);
  },
  oneBucket: (r) => 40 + Math.floor(r() * 8) / 100,
  mostlyNothing: (r) => (r() < 0.9 ? pick(r, [0, 0, -2.5, -0.001]) : 1 + Math.floor(r() * 4)),
  nothingAbove0: (r) => pick(r, [0, -1, -7.25, null]),
  withNulls: (r) => (r() < 0.3 ? null : Math.round(r() * 800) / 10),
  twoTiers: (r) => (r() < 0.06 ? 90 : r() < 0.5 ? 30 : 0),
  tinyAndHuge: (r) => pick(r, [1e-9, 5e-7, 1e-6, 3, 1e6, 1e12, 1e300, 2e300]),
};

/** Targets: the defaults, or per mode a hold share from tiny to half, documentary from none to half, windows of 1 to 365 days. */
async function setTargets(random: () => number): Promise<string> {
  await services.pool.query("DELETE FROM unit_selection_target WHERE unit_id = $1", [unit.id]);
  if (random() < 0.3) return "defaults";
  const rows = TRANSPORT_MODES.filter(() => random() < 0.7).map((mode) => ({
    mode,
    hold: pick(random, [0.001, 0.03, 0.06, 0.1, 0.25, 0.5]),
    doc: pick(random, [0, 0.02, 0.05, 0.2, 0.5]),
    win: pick(random, [1, 7, 29, 30, 31, 45, 365]),
  }));
  for (const t of rows) {
    await services.pool.query(
      "INSERT INTO unit_selection_target (unit_id, transport_mode, hold_share, documentary_share, window_days) VALUES ($1, $2, $3, $4, $5)",
      [unit.id, t.mode, t.hold, t.doc, t.win],
    );
  }
  return JSON.stringify(rows);
}

const params = () => [unit.id, DEFAULT_TARGET.holdShare, DEFAULT_TARGET.documentaryShare, DEFAULT_TARGET.windowDays, TRANSPORT_MODES, TODAY];
type Row = { mode: string; n: string; hold_cut: number | null; doc_cut: number | null };
const byMode = (rows: Row[]) => [...rows].sort((a, b) => a.mode.localeCompare(b.mode)).map((r) => ({ mode: r.mode, n: Number(r.n), hold: r.hold_cut, doc: r.doc_cut }));

async function both(): Promise<{ counters: ReturnType<typeof byMode>; reference: ReturnType<typeof byMode>; exact: boolean[] }> {
  const counters = await services.pool.query<Row & { exact: boolean }>(CUTOFFS_FROM_COUNTERS_SQL, params());
  const reference = await services.pool.query<Row>(REFERENCE_SQL, params());
  return { counters: byMode(counters.rows), reference: byMode(reference.rows), exact: counters.rows.map((r) => r.exact) };
}

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  const app = createApp(services);
  unit = await createTestUnit(services);
  const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const manifests: string[] = [];
  for (let m = 0; m < 4; m++) {
    const shipments = Array.from({ length: 300 }, (_, i) => buildShipment(1000 * m + i));
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(0, { shipments, arrivalDate: "2026-12-01" }));
    expect(posted.status).toBe(202);
    manifests.push(posted.body.manifestId as string);
  }
  ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = ANY($1::uuid[]) ORDER BY manifest_id, line_no", [manifests])).rows.map((r) => r.id);
  expect(ids.length).toBe(1200);
  // A replaced manifest and a cancelled one, whose containers never count, and a few shipments with no manifest, which do.
  await services.pool.query("UPDATE manifest SET superseded_at = $2 WHERE id = $1", [manifests[2], NOW]);
  await services.pool.query("UPDATE manifest SET cancelled_at = $2 WHERE id = $1", [manifests[3], NOW]);
  await services.pool.query("UPDATE shipment SET manifest_id = NULL WHERE id = ANY($1::uuid[])", [ids.filter((_, i) => i % 97 === 5)]);
  edges = (await services.pool.query<{ e: number }>("SELECT exp(k / 32::float8) - 1 AS e FROM generate_series(0, 199) k ORDER BY k")).rows.map((r) => r.e);
});
afterAll(async () => services.dispose());

/**
 * Moves the shipments between modes and arrival days (through the shipment trigger, as ingest and corrections do):
 * mostly sea, then air, road under MIN_SAMPLE, rail never; days from 50 before today to 5 after, each window's
 * first day and the days either side of it included, and a few without a date.
 */
async function spread(random: () => number): Promise<void> {
  const modes = ids.map(() => (random() < 0.75 ? "sea" : random() < 0.85 ? "air" : "road"));
  const days = ids.map(() => (random() < 0.02 ? null : new Date(NOW.getTime() - (Math.floor(random() * 56) - 5) * 86_400_000).toISOString().slice(0, 10)));
  await services.pool.query(
    `UPDATE shipment s SET transport_mode = x.mode::transport_mode, arrival_date = x.day::date
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, mode, day) WHERE s.id = x.id`,
    [ids, modes, days],
  );
}

async function score(random: () => number, scores: Scores): Promise<void> {
  await services.pool.query(
    `UPDATE scoring_state st SET score = x.score, status = CASE WHEN x.score IS NULL THEN 'pending' ELSE 'scored' END::scoring_status
       FROM unnest($1::uuid[], $2::float8[]) AS x(id, score) WHERE st.shipment_id = x.id`,
    [ids, ids.map((_, i) => scores(random, i))],
  );
}

describe("cut-offs from the queue counters", () => {
  test("are the row-by-row query's, to the last bit, over many distributions, targets and windows", async () => {
    const seen = new Set<string>();
    const rounds = Object.keys(DISTRIBUTIONS).length * 4;
    for (let round = 0; round < rounds; round++) {
      const random = generator(1000 + round);
      const name = Object.keys(DISTRIBUTIONS)[round % Object.keys(DISTRIBUTIONS).length]!;
      if (round % 3 === 0) await spread(random);
      await score(random, DISTRIBUTIONS[name]!);
      const targets = await setTargets(random);
      // Half the rounds read the deltas the triggers just wrote, the other half the folded counters.
      if (round % 2 === 1) await foldQueueCounts(services, unit.id);
      const { counters, reference, exact } = await both();
      expect({ round, name, targets, counters, exact: exact.every(Boolean) }).toEqual({ round, name, targets, counters: reference, exact: true });
      for (const r of reference) seen.add(`${r.mode}:${r.n >= MIN_SAMPLE ? "sample" : "few"}:${r.hold === null ? "no hold" : r.doc === r.hold ? "doc = hold" : "lanes"}`);
    }
    // The rounds went through every case: modes with and without enough rows, no score above 0, a documentary
    // cut-off held down to the hold one, and two distinct lanes.
    expect([...seen].sort()).toEqual(expect.arrayContaining(["road:few:lanes", "sea:sample:doc = hold", "sea:sample:lanes", "sea:sample:no hold", "air:sample:lanes"]));
  });

  test("refreshBandCutoffs stores them per mode with enough rows", async () => {
    await services.pool.query("DELETE FROM unit_selection_target WHERE unit_id = $1", [unit.id]);
    await score(generator(7), DISTRIBUTIONS.nearContinuous!);
    await refreshBandCutoffs(services, unit.id);
    const stored = await services.pool.query<{ transport_mode: string; hold_cutoff: number; documentary_cutoff: number; sample_size: number }>(
      "SELECT transport_mode, hold_cutoff, documentary_cutoff, sample_size FROM unit_band_cutoff WHERE unit_id = $1 ORDER BY transport_mode",
      [unit.id],
    );
    const { reference } = await both();
    expect(stored.rows.map((r) => ({ mode: r.transport_mode, n: r.sample_size, hold: r.hold_cutoff, doc: r.documentary_cutoff })).sort((a, b) => a.mode.localeCompare(b.mode)))
      .toEqual(reference.filter((r) => r.n >= MIN_SAMPLE));
  });

  test("a stale refresh runs behind the read, which is served the stored cut-offs; the first in a process, and the first after forgetCutoffRefreshes, is waited for", async () => {
    // The reads' pool, through which the refresh runs: its statements wait while the gate is closed.
    let open = () => {};
    let gate = Promise.resolve();
    const close = () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    };
    const reader = { pool: { query: async (text: string, values?: unknown[]) => (await gate, services.pool.query(text, values)) } as unknown as Pool, now: services.now };
    const settlesWithin = (read: Promise<void>, ms: number) => Promise.race([read.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
    const stored = async () => (await services.pool.query<{ hold_cutoff: number }>("SELECT hold_cutoff FROM unit_band_cutoff WHERE unit_id = $1 AND transport_mode = 'sea'", [unit.id])).rows[0]?.hold_cutoff;

    forgetCutoffRefreshes();
    close();
    const first = ensureFreshCutoffs(reader, unit.id);
    expect(await settlesWithin(first, 300)).toBe(false);
    open();
    await first;
    const before = await stored();

    await score(generator(8), DISTRIBUTIONS.twoTiers!);
    const expected = (await both()).reference.find((r) => r.mode === "sea")!.hold;
    expect(expected).not.toBe(before);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 6 * 60_000);
      close();
      // Stale: the read is served at once, the stored cut-offs unchanged until the refresh behind it ends.
      expect(await settlesWithin(ensureFreshCutoffs(reader, unit.id), 2_000)).toBe(true);
      expect(await stored()).toBe(before);
      open();
      await vi.waitFor(async () => expect(await stored()).toBe(expected), { timeout: 10_000, interval: 50 });
    } finally {
      vi.useRealTimers();
    }

    await score(generator(9), DISTRIBUTIONS.nearContinuous!);
    forgetCutoffRefreshes();
    close();
    const forced = ensureFreshCutoffs(reader, unit.id);
    expect(await settlesWithin(forced, 300)).toBe(false);
    open();
    await forced;
    expect(await stored()).toBe((await both()).reference.find((r) => r.mode === "sea")!.hold);
  });
});
