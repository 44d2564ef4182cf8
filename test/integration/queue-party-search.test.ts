// Party search over the unit's names (party_name, migration 0031), and the
// capped total of a broad search: the names table follows every write of
// shipments (ingest, replacement and cancellation, archive, a name changed),
// a search finds exactly what a substring match of either name, in any case,
// finds, and a search matching more than 10,000 shipments says "10,000 or
// more" instead of counting them all.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { archiveShipments } from "../../core/shipments/archive-shipments.js";
import { COUNT_WALK, TOTAL_CAP } from "../../core/shipments/count-queue.js";
import { NARROW_SEARCH } from "../../core/shipments/queue-filters.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const actor = { name: "test:queue-party-search" };

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let otherUnit: TestUnit;
let officer: TestUser;
let dir: string;
let sequence = 0;

beforeAll(async () => {
  // Every read computed (no shared board answers): each test reads right after a write.
  services = createTestServices({ QUEUE_READ_CACHE_MS: "0" }, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services);
  otherUnit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }, { role: "officer", unitCode: otherUnit.code }]);
  dir = mkdtempSync(join(tmpdir(), "queue-party-search-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await services.dispose();
});

const party = (name: string) => ({ name, address: "Somewhere 1", country: "BE" });

async function post(unitCode: string, shipments: Record<string, unknown>[], overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await request(app).post(`/v1/units/${unitCode}/manifests`).set(bearer(officer)).send(buildManifest(shipments.length, { ...overrides, shipments }));
  expect(res.status).toBe(202);
  return res.body.manifestId as string;
}

/** One CUSCAR message (9 original, 5 replacement, 1 cancellation); its manifest id. */
async function send(manifest: ManifestDocument, functionCode: "9" | "5" | "1"): Promise<string> {
  sequence += 1;
  const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference: `PS${sequence}`, sender: "MSCU" });
  const result = await receiveInterchange(services, { unitCode: unit.code, text, actor, source: "cli" });
  expect(result.messages[0]!.errors).toEqual([]);
  return result.messages[0]!.manifestId!;
}

async function names(unitId = unit.id): Promise<string[]> {
  return (await services.pool.query<{ name: string }>("SELECT name FROM party_name WHERE unit_id = $1 ORDER BY name", [unitId])).rows.map((r) => r.name);
}

/** The unit's distinct shipper and consignee names, read from its shipments. */
async function carried(unitId = unit.id): Promise<string[]> {
  const rows = await services.pool.query<{ name: string }>(
    `SELECT DISTINCT name FROM (SELECT shipper_name AS name FROM shipment WHERE unit_id = $1 UNION ALL SELECT consignee_name FROM shipment WHERE unit_id = $1) n
      WHERE name IS NOT NULL AND name <> '' ORDER BY name`,
    [unitId],
  );
  return rows.rows.map((r) => r.name);
}

async function search(text: string, query: Record<string, string> = {}, unitCode = unit.code) {
  const page = await request(app).get(`/v1/units/${unitCode}/shipments`).set(bearer(officer)).query({ party: text, limit: "500", ...query });
  expect(page.status).toBe(200);
  return page.body as { total: number; totalCapped: boolean; items: { id: string; shipper: string; consignee: string }[]; hint: { reason: string } | null };
}

describe("party search reads the unit's names", () => {
  test("a substring of the shipper's or the consignee's name, in any case, finds exactly those shipments; another unit's are not found", async () => {
    const shipments = Array.from({ length: 30 }, (_, i) =>
      buildShipment(i, { shipper: party(`Exportadora Andina ${i % 7} S.A.`), consignee: party(i % 5 === 0 ? "Ferro_Trading 100% BV" : `Trade Import ${i % 4} BV`) }));
    await post(unit.code, shipments);
    await post(otherUnit.code, [buildShipment(1, { shipper: party("EXPORTADORA ANDINA 3 S.A."), consignee: party("Elsewhere NV") })]);
    expect(await names()).toEqual(await carried());
    expect(await names()).toContain("Ferro_Trading 100% BV");
    expect(await names(otherUnit.id)).toEqual(["EXPORTADORA ANDINA 3 S.A.", "Elsewhere NV"]);

    const rows = (await services.pool.query<{ id: string; shipper_name: string; consignee_name: string }>(
      "SELECT id, shipper_name, consignee_name FROM shipment WHERE unit_id = $1", [unit.id])).rows;
    const expected = (text: string) => rows.filter((r) => `${r.shipper_name}\n${r.consignee_name}`.toLowerCase().includes(text.toLowerCase())).map((r) => r.id).sort();
    for (const text of ["andina 3", "ANDINA", "import 2 bv", "_trading 100%", "100%", "ferro_", "no such party", "a%b", "Andina 3 S.A.\\"]) {
      const found = await search(text);
      expect(found.items.map((i) => i.id).sort(), text).toEqual(expected(text));
      expect(found.total, text).toBe(expected(text).length);
      expect(found.totalCapped).toBe(false);
    }
    // Wildcards are the characters themselves: "0%" matches only the names that hold it, not every name with a 0.
    expect((await search("0%")).total).toBe(6);
    expect((await search("no such party")).hint).toMatchObject({ reason: "noMatch" });
    // The same name in the other unit is that unit's alone.
    expect((await search("andina 3", {}, otherUnit.code)).total).toBe(1);
  });

  test("a replaced version's names are searched only with versions=all, a cancelled one's not at all by default; the table keeps both while shipments carry them", async () => {
    const original = buildManifest(2, { shipments: [buildShipment(40, { consignee: party("OLD RECEIVER LTDA") }), buildShipment(41, { consignee: party("OLD RECEIVER LTDA") })] }) as unknown as ManifestDocument;
    const v1 = await send(original, "9");
    expect((await search("old receiver")).total).toBe(2);
    const replacement = { ...original, shipments: [buildShipment(40, { consignee: party("NEW RECEIVER LTDA") }), buildShipment(42, { consignee: party("NEW RECEIVER LTDA") })] } as unknown as ManifestDocument;
    const v2 = await send(replacement, "5");
    expect(v2).not.toBe(v1);
    expect(await names()).toEqual(await carried());
    expect(await names()).toEqual(expect.arrayContaining(["OLD RECEIVER LTDA", "NEW RECEIVER LTDA"]));
    const old = await search("old receiver");
    expect(old.total).toBe(0);
    expect(old.hint).toMatchObject({ reason: "noMatch" });
    expect((await search("old receiver", { versions: "all" })).total).toBe(2);
    expect((await search("receiver ltda")).total).toBe(2);

    await send(replacement, "1");
    expect((await search("new receiver")).total).toBe(0);
    expect((await search("new receiver", { versions: "all" })).total).toBe(2);
  });

  test("archiving removes the names no shipment carries any more, and keeps a name another shipment still carries", async () => {
    const shared = "SHARED FORWARDING SA";
    await post(unit.code, [buildShipment(60, { shipper: party("ARCHIVED EXPORTS SA"), consignee: party(shared) })],
      { arrivalDate: "2024-01-10", departureDate: "2023-12-20", manifestFiledAt: "2023-12-19T10:00:00Z" });
    await post(unit.code, [buildShipment(61, { shipper: party("RECENT EXPORTS SA"), consignee: party(shared) })]);
    expect(await names()).toEqual(expect.arrayContaining(["ARCHIVED EXPORTS SA", shared]));
    expect((await search("archived exports")).total).toBe(1);

    const result = await archiveShipments(services, { unitCode: unit.code, before: "2024-12-01", out: join(dir, "old.jsonl.gz"), actor });
    expect(result.deleted).toBe(1);
    expect(await names()).toEqual(await carried());
    expect(await names()).not.toContain("ARCHIVED EXPORTS SA");
    expect(await names()).toContain(shared);
    expect((await search("archived exports")).total).toBe(0);
    expect((await search("shared forwarding")).total).toBe(1);
  });

  test("a name changed in place is searchable by its new name at once, and the old one leaves the table", async () => {
    await post(unit.code, [buildShipment(70, { shipper: party("BEFORE RENAME SRL") })]);
    await services.pool.query("UPDATE shipment SET shipper_name = 'AFTER RENAME SRL' WHERE unit_id = $1 AND shipper_name = 'BEFORE RENAME SRL'", [unit.id]);
    expect(await names()).toEqual(await carried());
    expect((await search("after rename")).total).toBe(1);
    expect((await search("before rename")).total).toBe(0);
  });
});

describe("a broad search", () => {
  test("matching more than 10,000 shipments gives 10,000 as a lower bound, its first page in score order; a narrower one is counted exactly", async () => {
    const bulk = await createTestUnit(services);
    const reader = await createTestUser(services, [{ role: "officer", unitCode: bulk.code }]);
    const shipments = TOTAL_CAP + 200;
    // More names than NARROW_SEARCH: the party search is broad by its names alone.
    const distinctNames = NARROW_SEARCH + 100;
    const manifest = await services.pool.query<{ id: string }>(
      `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipment_count, content_hash)
       VALUES (gen_random_uuid(), $1, 'BULK-1', 'sea', 'BULK VESSEL', 'V1', 'CNSHA', '{}', 'BEANR', '2026-12-07', $2, md5('bulk')) RETURNING id`,
      [bulk.id, shipments],
    );
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, manifest_id, line_no, bill_of_lading, container_number, container_type, seal_numbers, transport_mode,
                             port_of_loading, transshipment_ports, arrival_date, shipper_name, consignee_name, hs_codes, goods_description, country_of_origin)
       SELECT gen_random_uuid(), $1, $2, g, 'CAPBL' || lpad(g::text, 6, '0'), 'MSCU' || lpad(g::text, 7, '0'), '40HC', '{}', 'sea',
              'CNSHA', '{}', '2026-12-07', 'BULK SHIPPER ' || (g % $4), 'ONE CONSIGNEE BV', ARRAY['0803'], 'GENERAL CARGO', 'CN'
         FROM generate_series(0, $3 - 1) g`,
      [bulk.id, manifest.rows[0]!.id, shipments, distinctNames],
    );
    await services.pool.query(
      `INSERT INTO scoring_state (shipment_id, unit_id, status, score, selected, random, decision, scored_at)
       SELECT id, unit_id, 'scored', (line_no * 7919 % 10007) / 100.0, false, false, 'none', now() FROM shipment WHERE unit_id = $1`,
      [bulk.id],
    );
    expect((await names(bulk.id)).length).toBe(distinctNames + 1);
    const top = async (where: string) =>
      (await services.pool.query<{ id: string }>(
        `SELECT s.id FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id WHERE s.unit_id = $1 AND ${where} ORDER BY st.score DESC, s.id DESC LIMIT 50`,
        [bulk.id],
      )).rows.map((r) => r.id);
    const read = async (query: Record<string, string>) => {
      const page = await request(app).get(`/v1/units/${bulk.code}/shipments`).set(bearer(reader)).query({ limit: "50", ...query });
      expect(page.status).toBe(200);
      return page.body as { total: number; totalCapped: boolean; items: { id: string }[]; nextCursor: string | null };
    };

    const broad: Record<string, string>[] = [{ billOfLading: "CAPBL" }, { party: "bulk shipper" }, { party: "one consignee" }, { containerNumber: "MSCU" }];
    for (const query of broad) {
      const page = await read(query);
      expect(page, JSON.stringify(query)).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
      const where = query.billOfLading ? "s.bill_of_lading LIKE 'CAPBL%'" : query.containerNumber ? "s.container_number LIKE 'MSCU%'" : "true";
      expect(page.items.map((i) => i.id), JSON.stringify(query)).toEqual(await top(where));
      expect(page.nextCursor).not.toBeNull();
    }
    // CAPBL006000 to CAPBL006999, and CAPBL010000 to CAPBL010099: counted exactly, below the cap.
    expect(await read({ billOfLading: "CAPBL006" })).toMatchObject({ total: 1000, totalCapped: false });
    // Exactly the cap (CAPBL000000 to CAPBL009999): read by id, counted with its page, exact.
    const atCap = await read({ billOfLading: "CAPBL00" });
    expect(atCap).toMatchObject({ total: TOTAL_CAP, totalCapped: false });
    expect(atCap.items.map((i) => i.id)).toEqual(await top("s.bill_of_lading LIKE 'CAPBL00%'"));
    expect(await read({ billOfLading: "CAPBL0100" })).toMatchObject({ total: 100, totalCapped: false });
    // Broad by its names, narrowed by the other filters: still a bound, never more than the cap.
    const highest = await read({ party: "bulk shipper", minScore: "99.5" });
    const exact = Number((await services.pool.query<{ n: string }>("SELECT count(*) AS n FROM scoring_state WHERE unit_id = $1 AND score >= 99.5", [bulk.id])).rows[0]!.n);
    expect(exact).toBeGreaterThan(0);
    expect(highest).toMatchObject({ total: exact, totalCapped: false });
    // Broad by its shipments but with one name: counted through that name, the same figures.
    expect(await read({ party: "one consignee", minScore: "99.5" })).toMatchObject({ total: exact, totalCapped: false });

    // The view's counts: a lower bound and nothing else for a broad search, exact below the cap.
    const counts = async (query: Record<string, string>) => {
      const res = await request(app).get(`/v1/units/${bulk.code}/queue/counts`).set(bearer(reader)).query(query);
      expect(res.status).toBe(200);
      return res.body as { total: number; capped: boolean; byDecision: { none: number }; histogram: unknown[] };
    };
    expect(await counts({ billOfLading: "CAPBL" })).toMatchObject({ total: TOTAL_CAP, capped: true, byDecision: { none: 0 }, histogram: [] });
    expect(await counts({ party: "bulk shipper", minScore: "99.5" })).toMatchObject({ total: exact, capped: false, byDecision: { none: exact } });
    expect(await counts({ party: "one consignee", minScore: "99.5" })).toMatchObject({ total: exact, capped: false, byDecision: { none: exact } });
    expect(await counts({ party: "one consignee" })).toMatchObject({ total: TOTAL_CAP, capped: true });
    expect(await counts({ billOfLading: "CAPBL00" })).toMatchObject({ total: TOTAL_CAP, capped: false, byDecision: { none: TOTAL_CAP } });
    expect(await counts({})).toMatchObject({ total: shipments, capped: false });

    // A broad search narrowed by other filters: here one shipment decided, the other 10,199 undecided. A search
    // tested on scoring_state alone counts them up to the cap; one tested on each row's shipment (a party search
    // whose names are known) walks those filters' rows, bounded (count-queue.ts, the next describe's test).
    // Statistics as autovacuum would have them: without, the full count's planner takes the 10,200 rows inserted
    // above for one and nests a scan of every match inside each of them (the count that walks the unit, unchanged).
    const owner = new pg.Client({ connectionString: services.config.DATABASE_ADMIN_URL });
    await owner.connect();
    await owner.query("ANALYZE manifest, shipment, scoring_state").finally(() => owner.end());
    const decided = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE unit_id = $1 AND bill_of_lading = 'CAPBL000000'", [bulk.id]);
    await services.pool.query("UPDATE scoring_state SET decision = 'hold', decision_at = now() WHERE shipment_id = $1", [decided.rows[0]!.id]);
    const undecided: Record<string, string>[] = [{ billOfLading: "CAPBL", decision: "none" }, { party: "bulk shipper", decision: "none" }, { containerNumber: "MSCU", decision: "none" }];
    for (const query of undecided) {
      // The party search (more names than NARROW_SEARCH), the container and the B/L prefixes (tested on
      // scoring_state's copies, 0035 and 0043: no shipment read) are counted up to the cap.
      expect(await read(query), JSON.stringify(query)).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
      expect(await counts(query), JSON.stringify(query)).toMatchObject({ total: TOTAL_CAP, capped: true });
    }
    expect(await read({ billOfLading: "CAPBL", decision: "hold" })).toMatchObject({ total: 1, totalCapped: false });
    expect(await counts({ billOfLading: "CAPBL", minScore: "99.5" })).toMatchObject({ total: exact, capped: false, byDecision: { none: exact } });
    // The house B/L is searched too, and a shipment whose B/L and house B/L both match is one match.
    await services.pool.query(
      `UPDATE shipment SET house_bill_of_lading = CASE WHEN line_no < 10020 THEN bill_of_lading ELSE 'HOUSEBL' || line_no END
        WHERE unit_id = $1 AND line_no BETWEEN 10000 AND 10049`,
      [bulk.id],
    );
    expect(await read({ billOfLading: "CAPBL0100" })).toMatchObject({ total: 100, totalCapped: false });
    expect(await read({ billOfLading: "HOUSEBL" })).toMatchObject({ total: 30, totalCapped: false });
    expect(await read({ billOfLading: "HOUSEBL", containerNumber: "MSCU001003" })).toMatchObject({ total: 10, totalCapped: false });
    // More B/L and house B/L entries than the cap (10,000 + 100) but 10,000 shipments: read by the B/L order, still
    // exact and in score order.
    await services.pool.query("UPDATE shipment SET house_bill_of_lading = bill_of_lading WHERE unit_id = $1 AND line_no < 100", [bulk.id]);
    const both = await read({ billOfLading: "CAPBL00" });
    expect(both).toMatchObject({ total: TOTAL_CAP, totalCapped: false });
    expect(both.items.map((i) => i.id)).toEqual(await top("s.bill_of_lading LIKE 'CAPBL00%'"));
    expect(await counts({ billOfLading: "CAPBL00" })).toMatchObject({ total: TOTAL_CAP, capped: false });
    // A plain broad search checks the versions in force by its shipments' manifest: once cancelled, none is in the
    // queue (counted in full: 0), and all of them with versions=all.
    await services.pool.query("UPDATE manifest SET cancelled_at = now() WHERE unit_id = $1", [bulk.id]);
    expect(await read({ billOfLading: "CAPBL" })).toMatchObject({ total: 0, totalCapped: false });
    expect(await read({ party: "one consignee", versions: "all" })).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(await counts({ party: "one consignee" })).toMatchObject({ total: 0, capped: false });
    expect(await counts({ containerNumber: "MSCU", versions: "all" })).toMatchObject({ total: TOTAL_CAP, capped: true });
  });
});

describe("a broad search checks its matches by manifest", () => {
  // A search matching more than NARROW_SEARCH shipments (a word in their names, a container or B/L prefix) is
  // answered "10,000+" when its first 10,001 matches are in the queue, which searchMatches checks manifest by
  // manifest (a manifest's shipments are all in the queue or none is). Here one name, one container prefix and one
  // B/L prefix match 1,500 shipments in the queue and 9,000 that are not: whichever way the index orders them, the
  // first 10,001 read hold at least 8,501 of the others, so the search is counted by its walk of the queue's rows,
  // which COUNT_WALK (2,000) bounds: fewer than that, all of them, exactly.
  /**
   * A unit whose manifests (of the kind and number of shipments given) share one consignee, container prefix and
   * B/L prefix, or ("other") carry others.
   */
  async function unitWith(manifests: ["queued" | "past" | "replaced" | "cancelled", number, "other"?][]) {
    const shared = await createTestUnit(services);
    const reader = await createTestUser(services, [{ role: "officer", unitCode: shared.code }]);
    for (const [i, [kind, size, other]] of manifests.entries()) {
      const manifest = await services.pool.query<{ id: string }>(
        `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date,
                               shipment_count, content_hash, superseded_at, cancelled_at)
         VALUES (gen_random_uuid(), $1, $2, 'sea', 'SHARED VESSEL', $2, 'CNSHA', '{}', 'BEANR', '2026-12-07', $4, md5($2),
                 CASE WHEN $3 = 'replaced' THEN now() END, CASE WHEN $3 = 'cancelled' THEN now() END) RETURNING id`,
        [shared.id, `SHARED-${i}`, kind, size],
      );
      await services.pool.query(
        `INSERT INTO shipment (id, unit_id, manifest_id, line_no, bill_of_lading, container_number, transport_mode, port_of_loading, transshipment_ports,
                               arrival_date, shipper_name, consignee_name, hs_codes, country_of_origin)
         SELECT gen_random_uuid(), $1, $2, g, $5 || $3 || lpad(g::text, 5, '0'), $6 || $3 || lpad(g::text, 6, '0'), 'sea', 'CNSHA', '{}',
                '2026-12-07', 'SHIPPER ' || (g % 50), $7, ARRAY['0803'], 'CN'
           FROM generate_series(0, $4 - 1) g`,
        [shared.id, manifest.rows[0]!.id, i, size, ...(other ? ["OTBL", "TGHU", "ANOTHER CONSIGNEE SA"] : ["SHBL", "MSCU", "SHARED CONSIGNEE NV"])],
      );
      // A past voyage of the unit's history has no scoring state (load-demo-year.ts); the others were ingested.
      if (kind !== "past") {
        await services.pool.query(
          `INSERT INTO scoring_state (shipment_id, unit_id, status, score, selected, random, decision, scored_at)
           SELECT id, unit_id, 'scored', line_no % 100, false, false, 'none', now() FROM shipment WHERE manifest_id = $1`,
          [manifest.rows[0]!.id],
        );
      }
    }
    const read = async (query: Record<string, string>) => {
      const page = await request(app).get(`/v1/units/${shared.code}/shipments`).set(bearer(reader)).query({ limit: "50", ...query });
      expect(page.status).toBe(200);
      return page.body as { total: number; totalCapped: boolean; items: { id: string }[] };
    };
    const counts = async (query: Record<string, string>) => {
      const res = await request(app).get(`/v1/units/${shared.code}/queue/counts`).set(bearer(reader)).query(query);
      expect(res.status).toBe(200);
      return res.body as { total: number; capped: boolean };
    };
    /** Puts `n` of the unit's queued shipments (those matching first) under `decision`, and the others under none. */
    const decide = async (n: number, decision: string) => {
      await services.pool.query(
        `UPDATE scoring_state st SET decision = CASE WHEN st.shipment_id IN (
            SELECT q.shipment_id FROM scoring_state q JOIN shipment s ON s.id = q.shipment_id
             WHERE q.unit_id = $1 ORDER BY s.consignee_name DESC, q.shipment_id LIMIT $2) THEN $3::triage_decision ELSE 'none' END,
                decision_at = now()
          WHERE st.unit_id = $1`,
        [shared.id, n, decision],
      );
    };
    return { read, counts, decide };
  }
  const searches: Record<string, string>[] = [{ party: "shared consignee" }, { containerNumber: "MSCU" }, { billOfLading: "SHBL" }];

  test("a past voyage's shipments (no scoring state) are not counted as in the queue", async () => {
    const { read, counts } = await unitWith([["queued", 1500], ["past", 9000]]);
    for (const search of searches) {
      expect(await read(search), JSON.stringify(search)).toMatchObject({ total: 1500, totalCapped: false });
      expect(await counts(search), JSON.stringify(search)).toMatchObject({ total: 1500, capped: false });
    }
  });

  test("a replaced or cancelled version's shipments are counted only with versions=all", async () => {
    for (const kind of ["replaced", "cancelled"] as const) {
      const { read, counts } = await unitWith([["queued", 1500], [kind, 9000]]);
      for (const search of searches) {
        const what = `${kind} ${JSON.stringify(search)}`;
        expect(await read(search), what).toMatchObject({ total: 1500, totalCapped: false });
        expect(await counts(search), what).toMatchObject({ total: 1500, capped: false });
        expect(await read({ ...search, versions: "all" }), what).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
      }
    }
  });

  test("narrowed by other filters with more than COUNT_WALK rows, its count walks that many of them: beyond, a lower bound", async () => {
    // 14,000 matches (broad), 6,000 of them in the queue among 12,000 queued rows, all on hold: the walk of the
    // 'hold' rows stops at COUNT_WALK, so the total is what it found there, said as a lower bound (counting all
    // of them walked every 'hold' row, each looked up for the search).
    const { read, counts, decide } = await unitWith([["queued", 6000], ["queued", 6000, "other"], ["past", 8000]]);
    expect(COUNT_WALK).toBeLessThan(12_000);
    await decide(12_000, "hold");
    for (const search of searches) {
      const held = { ...search, decision: "hold" };
      const page = await read(held);
      expect(page.items, JSON.stringify(search)).toHaveLength(50);
      if (search.containerNumber || search.billOfLading) {
        // Tested on scoring_state's copy of the number (0035, 0043), its walk is index-only: counted in full.
        expect(page, JSON.stringify(search)).toMatchObject({ total: 6000, totalCapped: false });
        expect(await counts(held)).toMatchObject({ total: 6000, capped: false });
        continue;
      }
      expect(page.totalCapped, JSON.stringify(search)).toBe(true);
      expect(page.total).toBeGreaterThan(0);
      expect(page.total).toBeLessThan(6000);
      expect(await counts(held), JSON.stringify(search)).toMatchObject({ total: page.total, capped: true });
    }
    // Other filters whose rows are fewer than COUNT_WALK: every one is walked, the count exact.
    await decide(3, "hold");
    for (const search of searches) {
      expect(await read({ ...search, decision: "hold" }), JSON.stringify(search)).toMatchObject({ total: 3, totalCapped: false });
      expect(await counts({ ...search, decision: "hold" }), JSON.stringify(search)).toMatchObject({ total: 3, capped: false });
    }
  });

  test("two manifests in the queue make it broad: 10,000 or more, its first page in score order", async () => {
    const { read, counts } = await unitWith([["queued", 6000], ["queued", 6000]]);
    for (const search of searches) {
      const page = await read(search);
      expect(page, JSON.stringify(search)).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
      expect(page.items).toHaveLength(50);
      expect(await counts(search), JSON.stringify(search)).toMatchObject({ total: TOTAL_CAP, capped: true });
    }
  });
});

describe("the names' trigram index", () => {
  test("takes new names straight into the index, so a search never scans a pending list (migration 0032)", async () => {
    // With GIN's fast update, names added since the last vacuum wait in a pending list that every search reads in full.
    const options = await services.pool.query<{ reloptions: string[] | null }>("SELECT reloptions FROM pg_class WHERE relname = 'party_name_trgm'");
    expect(options.rows[0]?.reloptions).toContain("fastupdate=off");
  });
});
