// scoring_state's copies of its shipment's container number (migration 0035)
// and B/L and house B/L (0043), which a broad container or B/L search's walk
// of the score order tests instead of looking each shipment up: every writer
// gives them or the fill trigger does (ingest of JSON and CUSCAR, a staged
// large manifest, a replacement), the history import writes no queue rows, a
// number corrected on a shipment is followed, and a broad container or B/L
// search returns the page and totals that the shipment-joined search gives
// (the reference here).
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { storeOriginal, storeReplacement } from "../../core/edifact/store-cuscar-message.js";
import { writeHistoryBatch } from "../../core/history/write-history-batch.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { expandStagedManifest } from "../../core/manifests/staged-manifests.js";
import { TOTAL_CAP } from "../../core/shipments/count-queue.js";
import { queueSource, queueWhere } from "../../core/shipments/queue-filters.js";
import { buildManifest, buildShipment, containerNumber } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

const actor = { name: "test:scoring-state-container" };
const STAGED_FROM = 5;

let services: TestServices;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  // Manifests of STAGED_FROM shipments or more sent by CUSCAR are expanded later, here by the test itself.
  services = createTestServices({ MANIFEST_STAGED_FROM: String(STAGED_FROM), QUEUE_READ_CACHE_MS: "0", MANIFEST_EXPAND_IN_API: "false" });
  app = createApp(services);
});
afterAll(async () => services.dispose());

const scopeOf = (unit: TestUnit) => ({ id: unit.id, code: unit.code, country: "BE", programme: "CCP" });
const schema = () => manifestSchema(services.config.MANIFEST_MAX_SHIPMENTS);

/**
 * The unit's queue rows whose container number, B/L or house B/L is not their shipment's, and how many rows
 * carry a container number, and a B/L.
 */
async function inStep(unitId: string): Promise<{ rows: number; withNumber: number; withBl: number; wrong: number }> {
  const result = await services.pool.query<{ rows: number; with_number: number; with_bl: number; wrong: number }>(
    `SELECT count(*)::int AS rows, count(st.container_number)::int AS with_number, count(st.bill_of_lading)::int AS with_bl,
            count(*) FILTER (WHERE st.container_number IS DISTINCT FROM s.container_number OR st.bill_of_lading IS DISTINCT FROM s.bill_of_lading
                               OR st.house_bill_of_lading IS DISTINCT FROM s.house_bill_of_lading)::int AS wrong
       FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE st.unit_id = $1`,
    [unitId],
  );
  const row = result.rows[0]!;
  return { rows: row.rows, withNumber: row.with_number, withBl: row.with_bl, wrong: row.wrong };
}

describe("scoring_state.container_number, bill_of_lading and house_bill_of_lading", () => {
  test("is written with every queue row: JSON ingest, CUSCAR original and replacement, a staged large manifest", async () => {
    const unit = await createTestUnit(services);
    // JSON, the one-transaction path (OUTBOX_COLUMNS gives the number: the fill trigger does not run).
    await ingestManifest(services, { unit: scopeOf(unit), manifest: schema().parse(buildManifest(4)), actor });
    expect(await inStep(unit.id)).toEqual({ rows: 4, withNumber: 4, withBl: 4, wrong: 0 });

    // CUSCAR: a small original (written at once), then its replacement with other containers.
    const original = schema().parse(buildManifest(3, { manifestRef: "CONT-REPL" }));
    const first = await storeOriginal(services, scopeOf(unit), original, actor);
    expect(first).toMatchObject({ ok: true, status: "accepted" });
    const replacement = schema().parse(buildManifest(3, {
      manifestRef: "CONT-REPL",
      shipments: [0, 1, 2].map((i) => buildShipment(i, { containerNumber: containerNumber("TGH", 500000 + i) })),
    }));
    const replaced = await storeReplacement(services, unit, replacement, actor);
    expect(replaced).toMatchObject({ ok: true, status: "replaced" });
    expect(await inStep(unit.id)).toEqual({ rows: 10, withNumber: 10, withBl: 10, wrong: 0 });
    const replacedNumbers = await services.pool.query<{ container_number: string }>(
      "SELECT container_number FROM scoring_state WHERE manifest_id = $1 ORDER BY container_number",
      [(replaced as { manifestId: string }).manifestId],
    );
    expect(replacedNumbers.rows.map((r) => r.container_number)).toEqual([0, 1, 2].map((i) => containerNumber("TGH", 500000 + i)));

    // A large CUSCAR original: answered first, its rows written by the expansion, in parts.
    const large = schema().parse(buildManifest(8, { manifestRef: "CONT-LARGE" }));
    const staged = await storeOriginal(services, scopeOf(unit), large, actor);
    const stagedId = (staged as { manifestId: string }).manifestId;
    expect(await expandStagedManifest(services, stagedId, { partSize: 3 })).toEqual({ shipments: 8 });
    expect(await inStep(unit.id)).toEqual({ rows: 18, withNumber: 18, withBl: 18, wrong: 0 });

    // JSON through the API, staged as well (STAGED_FROM shipments or more).
    const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }])))
      .send(buildManifest(6, { manifestRef: "CONT-API" }));
    expect(res.status).toBe(202);
    await expandStagedManifest(services, res.body.manifestId as string);
    expect(await inStep(unit.id)).toEqual({ rows: 24, withNumber: 24, withBl: 24, wrong: 0 });
  });

  test("a history import writes no queue row; a container number or B/L corrected on a shipment is followed", async () => {
    const unit = await createTestUnit(services);
    const importId = (await services.pool.query<{ id: string }>(
      "INSERT INTO history_import (id, unit_id, format) VALUES (gen_random_uuid(), $1, 'manifest-jsonl') RETURNING id",
      [unit.id],
    )).rows[0]!.id;
    const history = [0, 1].map((i) => ({
      line: i + 1,
      row: {
        externalRef: `HIST-${i}`, date: "2026-01-10", outcome: null,
        shipment: { id: `HIST-${i}`, transportMode: "sea" as const, containerNumber: containerNumber("HST", 100 + i), transshipmentPorts: [], sealNumbers: [], isEmpty: false, hsCodes: ["080390"], attributes: {} },
      },
    }));
    expect(await writeHistoryBatch(services.pool, unit.id, importId, history)).toBe(2);
    expect(await inStep(unit.id)).toEqual({ rows: 0, withNumber: 0, withBl: 0, wrong: 0 });

    await ingestManifest(services, { unit: scopeOf(unit), manifest: schema().parse(buildManifest(3)), actor });
    const one = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE unit_id = $1 AND manifest_id IS NOT NULL ORDER BY line_no LIMIT 1", [unit.id])).rows[0]!.id;
    await services.pool.query("UPDATE shipment SET container_number = $2 WHERE id = $1", [one, containerNumber("FIX", 42)]);
    expect(await inStep(unit.id)).toEqual({ rows: 3, withNumber: 3, withBl: 3, wrong: 0 });
    const copied = await services.pool.query<{ container_number: string | null }>("SELECT container_number FROM scoring_state WHERE shipment_id = $1", [one]);
    expect(copied.rows[0]!.container_number).toBe(containerNumber("FIX", 42));
    // And removed (a box whose number was wrong and is not known).
    await services.pool.query("UPDATE shipment SET container_number = NULL WHERE id = $1", [one]);
    expect(await inStep(unit.id)).toEqual({ rows: 3, withNumber: 2, withBl: 3, wrong: 0 });
    // A B/L corrected, and a house B/L given later.
    await services.pool.query("UPDATE shipment SET bill_of_lading = 'FIXBL0001', house_bill_of_lading = 'HFIX0001' WHERE id = $1", [one]);
    expect(await inStep(unit.id)).toEqual({ rows: 3, withNumber: 2, withBl: 3, wrong: 0 });
    const bl = await services.pool.query<{ bill_of_lading: string; house_bill_of_lading: string }>("SELECT bill_of_lading, house_bill_of_lading FROM scoring_state WHERE shipment_id = $1", [one]);
    expect(bl.rows[0]).toEqual({ bill_of_lading: "FIXBL0001", house_bill_of_lading: "HFIX0001" });
  });
});

describe("a broad container or B/L search", () => {
  test("walks the score order on scoring_state alone, with the page and totals of the shipment-joined search", async () => {
    // The walk's statement: no shipment read for a container or B/L prefix, a party search still looked up.
    const nowhere = "00000000-0000-0000-0000-000000000000";
    const alone = queueSource(queueWhere(nowhere, { containerNumber: "MSCU" }), { narrow: {} });
    expect(alone.fromWhere).not.toMatch(/shipment s/);
    expect(alone.fromWhere).toMatch(/st\.container_number LIKE \$\d/);
    const withBl = queueSource(queueWhere(nowhere, { containerNumber: "MSCU", billOfLading: "CAP" }), { narrow: {} });
    expect(withBl.fromWhere).not.toMatch(/shipment s/);
    expect(withBl.fromWhere).toMatch(/st\.container_number LIKE \$\d/);
    expect(withBl.fromWhere).toMatch(/st\.bill_of_lading LIKE \$\d OR st\.house_bill_of_lading LIKE \$\d/);
    const withParty = queueSource(queueWhere(nowhere, { billOfLading: "CAP", party: "acme" }), { narrow: {} });
    expect(withParty.fromWhere).toMatch(/st\.bill_of_lading LIKE/);
    expect(withParty.fromWhere).toMatch(/s\.shipper_name ILIKE/);

    const bulk = await createTestUnit(services);
    const reader = await createTestUser(services, [{ role: "officer", unitCode: bulk.code }]);
    // Nine in ten MSCU: 10,800 of 12,000, over the cap.
    const shipments = TOTAL_CAP + 2_000;
    const manifest = await services.pool.query<{ id: string }>(
      `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipment_count, content_hash)
       VALUES (gen_random_uuid(), $1, 'CONT-BULK', 'sea', 'BULK VESSEL', 'V1', 'CNSHA', '{}', 'BEANR', '2026-12-07', $2, md5('cont-bulk')) RETURNING id`,
      [bulk.id, shipments],
    );
    // The rest CMAU; scores with ties (line_no % 5,003).
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, manifest_id, line_no, bill_of_lading, house_bill_of_lading, container_number, container_type, seal_numbers, transport_mode,
                             port_of_loading, transshipment_ports, arrival_date, shipper_name, consignee_name, hs_codes, goods_description, country_of_origin)
       SELECT gen_random_uuid(), $1, $2, g, 'CAPBL' || lpad(g::text, 6, '0'), CASE WHEN g % 10 <> 3 THEN 'HCAP' || lpad(g::text, 6, '0') END,
              CASE WHEN g % 10 = 0 THEN 'CMAU' ELSE 'MSCU' END || lpad(g::text, 7, '0'),
              '40HC', '{}', 'sea', 'CNSHA', '{}', '2026-12-07', 'SHIPPER ' || (g % 50), 'CONSIGNEE BV', ARRAY['0803'], 'GENERAL CARGO', 'CN'
         FROM generate_series(0, $3 - 1) g`,
      [bulk.id, manifest.rows[0]!.id, shipments],
    );
    // Without the queue's columns: the fill trigger copies them, the container number and both B/Ls too (house B/Ls on nine in ten).
    await services.pool.query(
      `INSERT INTO scoring_state (shipment_id, unit_id, status, score, selected, random, decision, scored_at)
       SELECT id, unit_id, 'scored', (line_no * 7919 % 5003) / 50.0, false, false, 'none', now() FROM shipment WHERE unit_id = $1`,
      [bulk.id],
    );
    // Corrected numbers among the highest scores: some MSCU boxes become CMAU and some CMAU boxes MSCU.
    await services.pool.query(
      `UPDATE shipment s SET container_number = CASE WHEN s.container_number LIKE 'MSCU%' THEN 'CMAU' ELSE 'MSCU' END || substr(s.container_number, 5)
         FROM scoring_state st WHERE st.shipment_id = s.id AND s.unit_id = $1 AND st.score >= 99`,
      [bulk.id],
    );
    // B/Ls corrected among the highest scores (no longer CAPBL).
    await services.pool.query(
      `UPDATE shipment s SET bill_of_lading = 'XCAP' || substr(s.bill_of_lading, 6)
         FROM scoring_state st WHERE st.shipment_id = s.id AND s.unit_id = $1 AND st.score >= 99 AND s.line_no % 2 = 0`,
      [bulk.id],
    );
    expect(await inStep(bulk.id)).toEqual({ rows: shipments, withNumber: shipments, withBl: shipments, wrong: 0 });

    const reference = async (where: string) => {
      const rows = await services.pool.query<{ id: string }>(
        `SELECT s.id FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id WHERE s.unit_id = $1 AND ${where}
          ORDER BY st.score DESC, s.id DESC`,
        [bulk.id],
      );
      return rows.rows.map((r) => r.id);
    };
    const read = async (query: Record<string, string>) => {
      const page = await request(app).get(`/v1/units/${bulk.code}/shipments`).set(bearer(reader)).query({ limit: "50", ...query });
      expect(page.status).toBe(200);
      return page.body as { total: number; totalCapped: boolean; items: { id: string }[]; nextCursor: string | null };
    };
    const mscu = await reference("s.container_number LIKE 'MSCU%'");
    expect(mscu.length).toBeGreaterThan(TOTAL_CAP);
    const first = await read({ containerNumber: "MSCU" });
    expect(first).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(first.items.map((i) => i.id)).toEqual(mscu.slice(0, 50));
    const second = await read({ containerNumber: "MSCU", cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual(mscu.slice(50, 100));

    // Narrowed by another filter below the cap: counted in full, through the walk (the sample of the first
    // 10,001 matches in container order holds fewer than the cap).
    const high = await reference("s.container_number LIKE 'MSCU%' AND st.score >= 98");
    expect(high.length).toBeGreaterThan(50);
    const highPage = await read({ containerNumber: "MSCU", minScore: "98" });
    expect(highPage).toMatchObject({ total: high.length, totalCapped: false });
    expect(highPage.items.map((i) => i.id)).toEqual(high.slice(0, 50));
    const counts = await request(app).get(`/v1/units/${bulk.code}/queue/counts`).set(bearer(reader)).query({ containerNumber: "MSCU", minScore: "98" });
    expect(counts.body).toMatchObject({ total: high.length, capped: false });

    // With a B/L prefix too (broad as well): the container on scoring_state, the B/L on the shipment.
    const both = await reference("s.container_number LIKE 'MSCU%' AND s.bill_of_lading LIKE 'CAPBL0%'");
    expect(both.length).toBeGreaterThan(TOTAL_CAP);
    const bothPage = await read({ containerNumber: "MSCU", billOfLading: "CAPBL0" });
    expect(bothPage).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(bothPage.items.map((i) => i.id)).toEqual(both.slice(0, 50));
    const bothHigh = await reference("s.container_number LIKE 'MSCU%' AND s.bill_of_lading LIKE 'CAPBL0%' AND st.score >= 98");
    expect(await read({ containerNumber: "MSCU", billOfLading: "CAPBL0", minScore: "98" })).toMatchObject({ total: bothHigh.length, totalCapped: false });

    // A broad B/L prefix alone, and one of house B/Ls: read on scoring_state, as the shipment-joined search reads them.
    for (const prefix of ["CAPBL0", "HCAP"]) {
      const matching = `(s.bill_of_lading LIKE '${prefix}%' OR s.house_bill_of_lading LIKE '${prefix}%')`;
      const matches = await reference(matching);
      expect(matches.length).toBeGreaterThan(TOTAL_CAP);
      const page = await read({ billOfLading: prefix });
      expect(page).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
      expect(page.items.map((i) => i.id)).toEqual(matches.slice(0, 50));
      const next = await read({ billOfLading: prefix, cursor: page.nextCursor! });
      expect(next.items.map((i) => i.id)).toEqual(matches.slice(50, 100));
      const high = await reference(`${matching} AND st.score >= 98`);
      expect(high.length).toBeGreaterThan(50);
      const highPage = await read({ billOfLading: prefix, minScore: "98" });
      expect(highPage).toMatchObject({ total: high.length, totalCapped: false });
      expect(highPage.items.map((i) => i.id)).toEqual(high.slice(0, 50));
    }
  }, 60_000);
});
