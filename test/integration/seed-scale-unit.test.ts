// The queue-at-scale bench's seeder (bench/seed-scale-unit.ts) writes what
// the app's triggers would have written: its set-based queue counters and
// party names are undone exactly by the triggers when the rows are deleted,
// the app-trigger path passes the same check, and the check itself catches a
// counter that is off by one. Own database: the seeder drops and rebuilds
// the shipment and scoring_state indexes, which other files must not see.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkSeededUnit, seedScaleUnit, type ScaleSeedResult } from "../../bench/seed-scale-unit.js";
import { createExtraDatabase } from "../helpers/test-databases.js";

let pool: pg.Pool;
let database: Awaited<ReturnType<typeof createExtraDatabase>>;

// The admin role, as the bench connects: the seeder drops and builds indexes and sets session_replication_role.
beforeAll(async () => {
  database = await createExtraDatabase("seedscale");
  pool = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
}, 120_000);
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const OPTIONS = { shipments: 2_000, manifests: 8, scores: "continuous" as const };
const counted = async (unitId: string) => {
  const one = async (text: string) => Number((await pool.query<{ n: string }>(text, [unitId])).rows[0]!.n);
  await pool.query("SELECT queue_count_fold($1::uuid, 2147483647)", [unitId]);
  const names = (await pool.query<{ t: string | null }>("SELECT to_regclass('party_name')::text AS t")).rows[0]!.t;
  return {
    queueCount: await one("SELECT coalesce(sum(n), 0) AS n FROM queue_count WHERE unit_id = $1"),
    queueCountRows: await one("SELECT count(*) AS n FROM queue_count WHERE unit_id = $1"),
    summary: await one("SELECT coalesce(sum(n), 0) AS n FROM queue_count_unit WHERE unit_id = $1"),
    summaryRows: await one("SELECT count(*) AS n FROM queue_count_unit WHERE unit_id = $1"),
    partyNames: names ? await one("SELECT count(*) AS n FROM party_name WHERE unit_id = $1") : null,
  };
};

describe("seed-scale-unit", () => {
  let seeded: ScaleSeedResult;

  test("the set-based seeding matches live counts, and the check catches a counter off by one", async () => {
    seeded = await seedScaleUnit(pool, { ...OPTIONS, code: "SEEDSET" });
    // The tables were empty: every secondary index was dropped and built again.
    expect(seeded.rebuiltIndexes).toEqual(expect.arrayContaining(["scoring_state_queue", "scoring_state_flagged", "shipment_container_prefix"]));
    const check = await checkSeededUnit(pool, seeded.unitId, seeded.rebuiltIndexes);
    expect(check).toMatchObject({ ok: true, shipments: 2_000, sightingShipments: 4_000, summaryMismatches: 0, countMismatches: 0, orphans: 0, containerMismatches: 0, indexesMissing: [] });
    // scoring_state's copy of the container number (0035), which a broad container search reads, is checked too.
    const copied = await pool.query<{ n: string }>("SELECT count(*) AS n FROM scoring_state WHERE unit_id = $1 AND container_number IS NOT NULL", [seeded.unitId]);
    expect(Number(copied.rows[0]!.n)).toBe(2_000);
    const oneState = "shipment_id = (SELECT shipment_id FROM scoring_state WHERE unit_id = $1 ORDER BY shipment_id LIMIT 1)";
    await pool.query(`UPDATE scoring_state SET container_number = 'XXXU0000000' WHERE ${oneState}`, [seeded.unitId]);
    expect(await checkSeededUnit(pool, seeded.unitId, seeded.rebuiltIndexes)).toMatchObject({ ok: false, containerMismatches: 1 });
    await pool.query(`UPDATE scoring_state s SET container_number = sh.container_number FROM shipment sh WHERE sh.id = s.shipment_id AND s.${oneState}`, [seeded.unitId]);
    const before = await counted(seeded.unitId);
    expect(before.queueCount).toBe(2_000);
    expect(before.summary).toBe(2_000);

    // One counter, by its whole key (an update moves the row: its ctid would not find it again).
    const oneCounter = `ctid = (SELECT ctid FROM queue_count_unit WHERE unit_id = $1
                        ORDER BY transport_mode, status, decision, random, alerted, watchlisted, selected, band NULLS FIRST, fine NULLS FIRST LIMIT 1)`;
    await pool.query(`UPDATE queue_count_unit SET n = n + 1 WHERE ${oneCounter}`, [seeded.unitId]);
    expect(await checkSeededUnit(pool, seeded.unitId, seeded.rebuiltIndexes)).toMatchObject({ ok: false, summaryMismatches: 2 });
    await pool.query(`UPDATE queue_count_unit SET n = n - 1 WHERE ${oneCounter}`, [seeded.unitId]);
    expect((await checkSeededUnit(pool, seeded.unitId, seeded.rebuiltIndexes)).ok).toBe(true);
  }, 120_000);

  test("the app's triggers, deleting every seeded row, bring its counters and party names to nothing", async () => {
    // The delete triggers subtract each row's counts and drop each name no shipment carries: a count or name
    // the seeder wrote without its row would be left over, one it missed would go below zero and stay.
    await pool.query("DELETE FROM scoring_state WHERE unit_id = $1", [seeded.unitId]);
    await pool.query("DELETE FROM shipment WHERE unit_id = $1", [seeded.unitId]);
    const after = await counted(seeded.unitId);
    expect(after).toMatchObject({ queueCount: 0, queueCountRows: 0, summary: 0, summaryRows: 0 });
    if (after.partyNames !== null) expect(after.partyNames).toBe(0);
  }, 120_000);

  test("seeding with the app's triggers firing passes the same check", async () => {
    const app = await seedScaleUnit(pool, { ...OPTIONS, code: "SEEDAPP", triggers: "app" });
    const check = await checkSeededUnit(pool, app.unitId, app.rebuiltIndexes);
    expect(check).toMatchObject({ ok: true, shipments: 2_000, summaryMismatches: 0, countMismatches: 0, orphans: 0 });
    if (check.partyNameMismatches !== null) expect(check.partyNameMismatches).toBe(0);
  }, 120_000);
});
