// Officer triage over the API: bands that follow the unit's selection
// targets, sorting and counting over the whole list, prefix search that says
// why it found nothing, decisions and assignees kept per unit, and the
// vessels arriving soon.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const CONTAINERS = 120;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let otherUnit: TestUnit;
let officer: TestUser;
let colleague: TestUser;
let analyst: TestUser;
let stranger: TestUser;
let manifestId: string;
/** Shipment ids by score: scores are 0..119, shuffled over the manifest's lines. */
let byScore: string[];

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services);
  otherUnit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  colleague = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  stranger = await createTestUser(services, [{ role: "officer", unitCode: otherUnit.code }]);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(CONTAINERS));
  expect(posted.status).toBe(202);
  manifestId = posted.body.manifestId as string;
  // The scores a worker would have written, spread so that line order and score order differ.
  const lines = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);
  byScore = new Array<string>(CONTAINERS);
  for (let line = 0; line < CONTAINERS; line++) byScore[(line * 7) % CONTAINERS] = lines[line]!;
  await services.pool.query(
    `UPDATE scoring_state st SET status = 'scored', score = x.score, band = NULL, selected = false, random = false
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, score) WHERE st.shipment_id = x.id`,
    [byScore],
  );
  // WITH ORDINALITY counts from 1: scores 1..120 would leave no zero; shift them to 0..119.
  await services.pool.query("UPDATE scoring_state SET score = score - 1 WHERE shipment_id = ANY($1::uuid[])", [byScore]);
});
afterAll(async () => services.dispose());

const queue = (user: TestUser, query: Record<string, string | number | boolean> = {}) =>
  request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(user)).query({ manifestId, ...query });
const counts = (user: TestUser, query: Record<string, string | number | boolean> = {}) =>
  request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(user)).query({ manifestId, ...query });

async function allPages(user: TestUser, query: Record<string, string | number | boolean>) {
  const items: { id: string; containerNumber: string; scoring: { score: number } }[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  let pages = 0;
  do {
    const res = await queue(user, { ...query, limit: 50, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    if (pages === 0) total = res.body.total as number;
    else expect(res.body.total).toBeNull();
    items.push(...(res.body.items as typeof items));
    cursor = res.body.nextCursor as string | null;
    pages++;
  } while (cursor);
  return { items, total, pages };
}

describe("bands follow the unit's selection targets", () => {
  test("by default 3 % are held (high) and 5 % checked on documents (medium), whatever the profiles' thresholds", async () => {
    const res = await counts(officer);
    expect(res.status).toBe(200);
    // 120 distinct scores 0..119: the 97th percentile is 116, the 92nd 110; a score of 0 matched nothing.
    expect(res.body.byBand).toEqual({ high: 4, medium: 6, low: 109, none: 1 });
    expect(res.body).toMatchObject({ total: CONTAINERS, flagged: 10, awaitingDecision: 10, random: 0 });
    expect(res.body.histogram).toHaveLength(10);
    expect((res.body.histogram as { count: number }[]).reduce((sum, bin) => sum + bin.count, 0)).toBe(CONTAINERS);
    // Whole-number edges, each bin starting where the last ended (0..119 in ten: twelve wide, not 11.9), so no label rounds into its neighbour.
    const bins = res.body.histogram as { from: number; to: number; count: number }[];
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual(Array.from({ length: 10 }, (_, i) => [i * 12, (i + 1) * 12, 12]));
    const top = await queue(officer, { flagged: true });
    expect(top.body.total).toBe(10);
    expect(top.body.items[0]).toMatchObject({ id: byScore[119], band: "high", lane: "hold", flagged: true });
    expect(top.body.items[9]).toMatchObject({ id: byScore[110], band: "medium", lane: "documentary" });
    // The container page shows the queue's band, next to the profile's own and the lanes that explain the difference.
    const shipment = (id: string) => request(app).get(`/v1/units/${unit.code}/shipments/${id}`).set(bearer(officer));
    const held = await shipment(byScore[119]!);
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ band: "high", scoring: { score: 119, band: null }, lanes: { holdShare: 0.03, documentaryShare: 0.05, holdCutoff: 116, documentaryCutoff: 110 } });
    expect((await shipment(byScore[110]!)).body).toMatchObject({ band: "medium", scoring: { band: null } });
    expect((await shipment(byScore[50]!)).body).toMatchObject({ band: "low" });
    expect((await shipment(byScore[0]!)).body.band).toBeNull();
  });

  test("an analyst sets the shares per transport mode; officers read them and cannot change them", async () => {
    const put = (user: TestUser, body: unknown) => request(app).put(`/v1/units/${unit.code}/selection-targets`).set(bearer(user)).send(body as object);
    expect((await put(officer, { targets: [{ transportMode: "sea", holdShare: 0.1, documentaryShare: 0.1 }] })).status).toBe(403);
    const bad = await put(analyst, { targets: [{ transportMode: "sea", holdShare: 3, documentaryShare: -1 }, { transportMode: "boat", holdShare: 0.1, documentaryShare: 0 }] });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["targets[0].documentaryShare", "targets[0].holdShare", "targets[1].transportMode"]);
    const ok = await put(analyst, { targets: [{ transportMode: "sea", holdShare: 0.1, documentaryShare: 0.1 }] });
    expect(ok.status).toBe(200);
    expect(ok.body.items.find((t: { transportMode: string }) => t.transportMode === "sea")).toMatchObject({ holdShare: 0.1, documentaryShare: 0.1, windowDays: 30, configured: true });
    expect(ok.body.items.find((t: { transportMode: string }) => t.transportMode === "air")).toMatchObject({ holdShare: 0.03, configured: false });
    // The queue follows at once: 10 % of 120 is exactly scores 108..119 → 12 high, the next 10 % 96..107 → 12 medium.
    expect((await counts(officer)).body.byBand).toEqual({ high: 12, medium: 12, low: 95, none: 1 });
    const read = await request(app).get(`/v1/units/${unit.code}/selection-targets`).set(bearer(officer));
    expect(read.body.items[0]).toMatchObject({ transportMode: "sea", holdShare: 0.1 });
    await put(analyst, { targets: [{ transportMode: "sea", holdShare: 0.03, documentaryShare: 0.05 }] });
  });
});

describe("the whole list, sorted and counted by the server", () => {
  test("score order across pages is the order of all scores, with the total on the first page", async () => {
    const { items, total, pages } = await allPages(officer, {});
    expect(total).toBe(CONTAINERS);
    expect(pages).toBe(3);
    expect(items.map((i) => i.id)).toEqual([...byScore].reverse());
  });

  test("container-number order covers every container, not the loaded page; both directions", async () => {
    const asc = await allPages(officer, { sort: "containerNumber" });
    const numbers = asc.items.map((i) => i.containerNumber);
    expect(numbers).toHaveLength(CONTAINERS);
    expect(numbers).toEqual([...numbers].sort());
    const desc = await allPages(officer, { sort: "containerNumber", direction: "desc" });
    expect(desc.items.map((i) => i.containerNumber)).toEqual([...numbers].reverse());
  });

  test("a cursor of one order is refused in another", async () => {
    const first = await queue(officer, { sort: "containerNumber", limit: 10 });
    const res = await queue(officer, { sort: "arrivalDate", cursor: first.body.nextCursor as string });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("query.cursor");
  });
});

describe("search by prefix, and why it found nothing", () => {
  test("the start of a container number or bill of lading finds it", async () => {
    const one = (await queue(officer, { limit: 1 })).body.items[0] as { containerNumber: string; billOfLading: string };
    const byContainer = await queue(officer, { containerNumber: one.containerNumber.slice(0, 8).toLowerCase() });
    expect(byContainer.body.items.map((i: { containerNumber: string }) => i.containerNumber)).toContain(one.containerNumber);
    expect(byContainer.body.items.every((i: { containerNumber: string }) => i.containerNumber.startsWith(one.containerNumber.slice(0, 8)))).toBe(true);
    const byBl = await queue(officer, { billOfLading: one.billOfLading.slice(0, -1) });
    expect(byBl.body.items.map((i: { billOfLading: string }) => i.billOfLading)).toContain(one.billOfLading);
  });

  test("nothing found says whether the filters hide it, the number is wrong, or the unit has none", async () => {
    const low = (await queue(officer, { limit: 1, sort: "score", direction: "asc" })).body.items[0] as { containerNumber: string };
    const hidden = await queue(officer, { containerNumber: low.containerNumber, flagged: true });
    expect(hidden.body.items).toEqual([]);
    expect(hidden.body.hint).toMatchObject({ reason: "hiddenByFilters", matchesWithoutFilters: 1 });
    const wrongDigit = `${low.containerNumber.slice(0, 10)}${(Number(low.containerNumber.slice(10)) + 1) % 10}`;
    expect((await queue(officer, { containerNumber: wrongDigit })).body.hint).toMatchObject({ reason: "invalidContainerNumber", message: expect.stringMatching(/check digit should be \d/) });
    expect((await queue(officer, { containerNumber: "12345" })).body.hint).toMatchObject({ reason: "notAContainerPrefix" });
    expect((await queue(officer, { containerNumber: "ZZZU9" })).body.hint).toMatchObject({ reason: "noMatch", message: expect.stringContaining("ZZZU9") });
    // What a client needs to word the hint in its own language: what was searched, and the right check digit.
    expect(hidden.body.hint).toMatchObject({ field: "containerNumber", search: low.containerNumber });
    expect((await queue(officer, { containerNumber: wrongDigit.toLowerCase() })).body.hint).toEqual({
      reason: "invalidContainerNumber", field: "containerNumber", search: wrongDigit, expectedCheckDigit: Number(low.containerNumber.slice(10)), message: expect.any(String),
    });
    expect((await queue(officer, { containerNumber: "MSCX1234565" })).body.hint).not.toHaveProperty("expectedCheckDigit");
    expect((await queue(officer, { billOfLading: " zzbl9 " })).body.hint).toMatchObject({ reason: "noMatch", field: "billOfLading", search: "ZZBL9" });
  });
});

describe("a decision on every flagged container", () => {
  test("hold, assign, inspect: the queue shows each state, filters by it, and refuses stale or impossible changes", async () => {
    const target = byScore[119]!;
    const decide = (user: TestUser, body: unknown) => request(app).put(`/v1/units/${unit.code}/shipments/${target}/decision`).set(bearer(user)).send(body as object);
    expect((await decide(analyst, { decision: "hold" })).status).toBe(403);
    const held = await decide(officer, { decision: "hold", expected: "none" });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ state: "hold", by: officer.id });
    // A colleague who still saw "none" does not overwrite it.
    const stale = await decide(colleague, { decision: "released", note: "papers in order", expected: "none" });
    expect(stale.status).toBe(409);
    expect((await decide(colleague, { decision: "released" })).body.errors).toEqual([{ path: "note", message: "say why the container is released" }]);

    const assign = (assigneeId: string | null) => request(app).put(`/v1/units/${unit.code}/shipments/${target}/assignee`).set(bearer(officer)).send({ assigneeId });
    expect((await assign(analyst.id)).body.errors).toEqual([{ path: "assigneeId", message: "is not an active officer of this unit" }]);
    expect((await assign(colleague.id)).body.assignee).toMatchObject({ id: colleague.id });
    const mine = await queue(colleague, { assignee: "me" });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([target]);
    expect(mine.body.items[0].decision).toMatchObject({ state: "hold", assignee: { id: colleague.id } });
    expect((await queue(officer, { decision: "hold" })).body.total).toBe(1);
    expect((await counts(officer)).body).toMatchObject({ awaitingDecision: 9, byDecision: { hold: 1, none: CONTAINERS - 1 } });

    const inspection = { shipmentId: target, scanned: true, physicallyExamined: true, inspectedBy: "Officer Peeters", inspectedAt: "2026-12-06T07:30:00Z", outcome: "seizure" };
    const recorded = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(colleague)).send(inspection);
    expect(recorded.status).toBe(201);
    // The same form sent twice stores one inspection.
    const again = await request(app).post(`/v1/units/${unit.code}/inspections`).set(bearer(colleague)).send(inspection);
    expect(again.status).toBe(409);
    const inspected = (await queue(officer, { decision: "inspected" })).body.items as { id: string; decision: { state: string; inspectionOutcome: string } }[];
    expect(inspected).toEqual([expect.objectContaining({ id: target, decision: expect.objectContaining({ state: "inspected", inspectionOutcome: "seizure" }) })]);
    expect((await decide(officer, { decision: "released", note: "done" })).status).toBe(409);
  });

  test("another unit's officer sees neither the decisions nor the officers", async () => {
    // A unit you are not a member of is hidden (404), as everywhere in the API.
    expect((await request(app).get(`/v1/units/${unit.code}/shipments/${byScore[119]}/decision`).set(bearer(stranger))).status).toBe(404);
    expect((await request(app).get(`/v1/units/${unit.code}/officers`).set(bearer(stranger))).status).toBe(404);
    expect((await request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(stranger)).query({ decision: "hold" })).status).toBe(404);
    expect((await request(app).get(`/v1/units/${otherUnit.code}/shipments/${byScore[119]}/decision`).set(bearer(stranger))).status).toBe(404);
    // A path that is no shipment id is no shipment: 404, never a database error.
    expect((await request(app).get(`/v1/units/${unit.code}/shipments/%2e%2e/decision`).set(bearer(officer))).status).toBe(404);
    expect((await request(app).put(`/v1/units/${unit.code}/shipments/not-an-id/decision`).set(bearer(officer)).send({ decision: "hold" })).status).toBe(404);
    expect((await request(app).put(`/v1/units/${unit.code}/shipments/not-an-id/assignee`).set(bearer(officer)).send({ assigneeId: null })).status).toBe(404);
    const officers = await request(app).get(`/v1/units/${unit.code}/officers`).set(bearer(analyst));
    expect(officers.body.items.map((o: { id: string }) => o.id).sort()).toEqual([officer.id, colleague.id].sort());
  });
});

describe("vessels arriving soon", () => {
  test("the manifest arriving in two days is on the 72-hour board with its counts, not on the 24-hour one", async () => {
    const board = await request(app).get(`/v1/units/${unit.code}/queue/voyages`).set(bearer(officer));
    expect(board.status).toBe(200);
    const voyage = (board.body.items as { manifestId: string }[]).find((v) => v.manifestId === manifestId);
    expect(voyage).toMatchObject({ vesselName: "MSC AURORA", arrivalDate: "2026-12-08", containers: CONTAINERS, flagged: 10, topScore: 119, byBand: { high: 4, medium: 6 } });
    const day = await request(app).get(`/v1/units/${unit.code}/queue/voyages`).set(bearer(officer)).query({ withinHours: 24 });
    expect((day.body.items as { manifestId: string }[]).some((v) => v.manifestId === manifestId)).toBe(false);
    expect((await request(app).get(`/v1/units/${unit.code}/queue/voyages`).set(bearer(officer)).query({ withinHours: 0 })).body.errors[0].path).toBe("query.withinHours");
  });
});

describe("flagged by a watchlist", () => {
  test("a low score matched by a watchlist indicator is flagged and counted as such", async () => {
    const listed = byScore[5]!;
    // What scoring writes when an indicator reading a watchlist matched (core/scoring/write-assessments.ts).
    await services.pool.query("UPDATE scoring_state SET watchlisted = true WHERE shipment_id = $1", [listed]);
    const flagged = await queue(officer, { flagged: true, limit: 100 });
    expect(flagged.body.total).toBe(11);
    expect(flagged.body.items.find((i: { id: string }) => i.id === listed)).toMatchObject({ flagged: true, band: "low", scoring: { score: 5 } });
    expect((await counts(officer)).body.flagged).toBe(11);
  });
});
