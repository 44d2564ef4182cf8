// The unit's manifest list a page at a time (GET /v1/units/{unitCode}/manifests):
// with 53 manifests and the default 50 a page, the first page says there are
// 53 and that one of them failed to store its containers, although that one
// (the oldest arrival) is only on the second page; nextCursor walks the rest
// in the same order, once each. Real PostgreSQL and Redis; the failure is a
// real expansion meeting a database fault (test/helpers/expansion-fault.ts).
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { expandStagedManifest } from "../../core/manifests/staged-manifests.js";
import { EXPANSION_FAULT, failExpansions, type ExpansionFault } from "../helpers/expansion-fault.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let fault: ExpansionFault | undefined;
let failedId: string;
const stored: string[] = [];

beforeAll(async () => {
  // A manifest of 5 shipments or more is staged and expanded by a job alone (none runs here), and fails at its first failed attempt.
  services = createTestServices({ MANIFEST_STAGED_FROM: "5", MANIFEST_EXPAND_IN_API: "false", MANIFEST_EXPAND_MAX_ATTEMPTS: "1" });
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const post = async (body: Record<string, unknown>) => {
    const res = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(body);
    expect([201, 202]).toContain(res.status);
    return res.body.manifestId as string;
  };
  // The oldest arrival: staged, then its one expansion refused by the database.
  failedId = await post(buildManifest(6, { arrivalDate: "2026-10-01", departureDate: "2026-09-15" }));
  fault = await failExpansions(services, failedId, Number.MAX_SAFE_INTEGER);
  await expect(expandStagedManifest(services, failedId)).rejects.toThrow();
  // 52 more, later, several on each arrival day (the order then rests on the time received and the id).
  for (let i = 0; i < 52; i += 1) stored.push(await post(buildManifest(1, { departureDate: "2026-11-01", arrivalDate: `2026-11-${String(10 + (i % 6)).padStart(2, "0")}` })));
}, 120_000);

afterAll(async () => {
  await fault?.drop();
  await services?.dispose();
});

const list = (query = "") => request(app).get(`/v1/units/${unit.code}/manifests${query}`).set(bearer(officer));
type Item = { id: string; arrivalDate: string; receivedAt: string; state: string };

describe("manifest list paging", () => {
  test("the first page counts every manifest and every failed one, the failed one beyond the page included", async () => {
    const first = await list();
    expect(first.status).toBe(200);
    const items = first.body.items as Item[];
    expect(items).toHaveLength(50);
    expect(items.some((m) => m.id === failedId)).toBe(false);
    expect(first.body).toMatchObject({ total: 53, failed: 1, nextCursor: expect.any(String) });
  });

  test("nextCursor walks every manifest once, latest arrival first, to the failed one on the last page", async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(`?limit=20${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      // Counted once, with the first page.
      if (pages === 0) expect(res.body).toMatchObject({ total: 53, failed: 1 });
      else expect(res.body).toMatchObject({ total: null, failed: null });
      seen.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor as string | null;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((m) => m.id)).size).toBe(53);
    expect(seen.map((m) => m.id).sort()).toEqual([...stored, failedId].sort());
    const key = (m: Item) => `${m.arrivalDate} ${m.receivedAt}`;
    expect(seen.map(key)).toEqual([...seen.map(key)].sort().reverse());
    expect(seen.at(-1)).toMatchObject({ id: failedId, state: "failed", failure: { reason: EXPANSION_FAULT } });
  });

  test("a cursor not returned by the API is refused, naming the field", async () => {
    const res = await list("?cursor=bm90LWEtY3Vyc29y");
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: "query.cursor", message: "not a cursor returned by this API" }]);
  });
});
