// The queue's voyage picker reads the unit's manifests by what the officer
// types (GET /v1/units/{unit}/manifests?q=&inQueue=true): a port receives some
// 200 voyages a year and the filter once offered the first page of 50 only.
// q finds text anywhere in the vessel name, voyage number, manifest
// reference or flight number, any case, or the voyages arriving on a day or
// in a month; inQueue=true leaves out past voyages of the unit's history;
// both page with the list's cursor and count in the first page's total; the
// search is served by migration 0037's trigram index.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { SEARCH_TEXT_SQL } from "../../core/manifests/list-manifests.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let other: TestUnit;
let officer: TestUser;
const ids: Record<string, string> = {};

interface Item {
  id: string;
  manifestRef: string;
  vesselName: string | null;
  voyage: string | null;
  arrivalDate: string;
  inQueue: boolean;
}
interface Page {
  items: Item[];
  total: number | null;
  nextCursor: string | null;
}

async function post(code: string, user: TestUser, ref: string, vessel: string, voyage: string, arrivalDate: string) {
  const res = await request(app)
    .post(`/v1/units/${code}/manifests`)
    .set(bearer(user))
    .send(buildManifest(1, { manifestRef: ref, vessel: { imo: "9074729", name: vessel, voyage }, departureDate: "2026-10-01", arrivalDate }));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.manifestId as string;
}

/** A past voyage of the unit's history: stored, never scored, so no container of it is in the queue. */
async function past(ref: string, vessel: string, voyage: string, arrivalDate: string) {
  const row = await services.pool.query<{ id: string }>(
    `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipment_count, content_hash)
     VALUES (gen_random_uuid(), $1, $2, 'sea', $3, $4, 'ECGYE', '{}', 'BEANR', $5, 0, $2) RETURNING id`,
    [unit.id, ref, vessel, voyage, arrivalDate],
  );
  return row.rows[0]!.id;
}

const list = async (query: string) => {
  const res = await request(app).get(`/v1/units/${unit.code}/manifests?${query}`).set(bearer(officer));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Page;
};
const refs = (page: Page) => page.items.map((m) => m.manifestRef);

beforeAll(async () => {
  services = createTestServices({ INGEST_RATE_LIMIT: "1000" });
  app = createApp(services);
  unit = await createTestUnit(services, "BEANR");
  other = await createTestUnit(services, "BEANR");
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const otherOfficer = await createTestUser(services, [{ role: "officer", unitCode: other.code }]);
  ids.aurora1 = await post(unit.code, officer, "MSCU-AUR-B1N", "MSC AURORA", "B1N", "2026-12-08");
  ids.aurora2 = await post(unit.code, officer, "MSCU-AUR-C2S", "MSC AURORA", "C2S", "2026-12-20");
  ids.essen = await post(unit.code, officer, "MAEU-ESS-101W", "MAERSK ESSEN", "101W", "2026-11-03");
  ids.star = await post(unit.code, officer, "CMAU-STAR-7", "STAR 100% BLUE", "7E", "2026-11-15");
  ids.pastAurora = await past("MSCU-AUR-OLD", "MSC AURORA", "A9N", "2025-12-08");
  // Another unit's voyage of the same vessel is never listed.
  await post(other.code, otherOfficer, "MSCU-AUR-OTHER", "MSC AURORA", "B1N", "2026-12-08");
}, 60_000);
afterAll(async () => {
  await services?.dispose();
});

describe("searching the unit's manifests (q)", () => {
  test("by part of the vessel name in any case, latest arrival first, past voyages included unless inQueue=true", async () => {
    const all = await list("q=aurora");
    expect(refs(all)).toEqual(["MSCU-AUR-C2S", "MSCU-AUR-B1N", "MSCU-AUR-OLD"]);
    expect(all.total).toBe(3);
    expect(all.items.map((m) => m.inQueue)).toEqual([true, true, false]);
    const queued = await list("q=Aurora&inQueue=true");
    expect(refs(queued)).toEqual(["MSCU-AUR-C2S", "MSCU-AUR-B1N"]);
    expect(queued.total).toBe(2);
    expect(queued.items.every((m) => m.inQueue)).toBe(true);
    // Each item carries its voyage number, which the picker shows.
    expect(queued.items.map((m) => [m.vesselName, m.voyage])).toEqual([["MSC AURORA", "C2S"], ["MSC AURORA", "B1N"]]);
  });

  test("by voyage number, by manifest reference, and by vessel and voyage typed together", async () => {
    expect(refs(await list("q=101w"))).toEqual(["MAEU-ESS-101W"]);
    expect(refs(await list("q=b1n&inQueue=true"))).toEqual(["MSCU-AUR-B1N"]);
    expect(refs(await list("q=ESS-101"))).toEqual(["MAEU-ESS-101W"]);
    expect(refs(await list(`q=${encodeURIComponent("aurora c2s")}`))).toEqual(["MSCU-AUR-C2S"]);
  });

  test("by arrival day or month (YYYY-MM-DD, YYYY-MM); a day that does not exist is searched as text and finds nothing", async () => {
    expect(refs(await list("q=2026-12-08"))).toEqual(["MSCU-AUR-B1N"]);
    expect(refs(await list("q=2026-11&inQueue=true"))).toEqual(["CMAU-STAR-7", "MAEU-ESS-101W"]);
    expect(refs(await list("q=2025-12"))).toEqual(["MSCU-AUR-OLD"]);
    const none = await list("q=2026-02-30");
    expect(none.items).toEqual([]);
    expect(none.total).toBe(0);
  });

  test("percent and underscore are taken literally; a blank search lists all", async () => {
    expect(refs(await list(`q=${encodeURIComponent("100%")}`))).toEqual(["CMAU-STAR-7"]);
    expect(refs(await list(`q=${encodeURIComponent("%")}`))).toEqual(["CMAU-STAR-7"]);
    expect((await list(`q=${encodeURIComponent("MSCU_AUR")}`)).items).toEqual([]);
    const blank = await list("q=%20%20&inQueue=true");
    expect(blank.total).toBe(4);
  });

  test("inQueue=false lists the past voyages only", async () => {
    expect(refs(await list("inQueue=false"))).toEqual(["MSCU-AUR-OLD"]);
  });

  test("pages with the cursor through every match, the total on the first page only", async () => {
    const seen: string[] = [];
    let page = await list("q=a&inQueue=true&limit=1");
    expect(page.total).toBe(4);
    seen.push(...refs(page));
    while (page.nextCursor) {
      page = await list(`q=a&inQueue=true&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`);
      expect(page.total).toBeNull();
      seen.push(...refs(page));
    }
    expect(seen).toEqual(["MSCU-AUR-C2S", "MSCU-AUR-B1N", "CMAU-STAR-7", "MAEU-ESS-101W"]);
  });

  test("a bad search or queue flag is refused, naming the field and why", async () => {
    const long = await request(app).get(`/v1/units/${unit.code}/manifests?q=${"x".repeat(101)}`).set(bearer(officer));
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ path: "query.q", message: expect.stringContaining("at most 100 characters") })]);
    const flag = await request(app).get(`/v1/units/${unit.code}/manifests?inQueue=yes`).set(bearer(officer));
    expect(flag.status).toBe(400);
    expect(flag.body.errors).toEqual([expect.objectContaining({ path: "query.inQueue", message: expect.stringContaining("expected true or false") })]);
  });

  test("the search's text is the indexed expression: the planner can serve it from manifest_search_trgm", async () => {
    const client = await services.pool.connect();
    try {
      await client.query("BEGIN");
      // Few rows here: a sequential scan would win on cost, so it is ruled out to see whether the index can serve at all.
      await client.query("SET LOCAL enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN SELECT m.id FROM manifest m WHERE ${SEARCH_TEXT_SQL} ILIKE $1`, ["%aurora%"]);
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("manifest_search_trgm");
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
  });
});
