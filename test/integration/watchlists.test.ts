// Watchlists through the HTTP API: lists and entries, normalised so that a
// profile's `inList` finds them, with provenance, expiry and an audit trail.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let analyst: TestUser;
let officer: TestUser;
let outsider: TestUser;
let shipmentIds: string[];

const base = () => `/v1/units/${unit.code}`;
const as = (user: TestUser) => ({
  get: (path: string) => request(app).get(`${base()}${path}`).set(bearer(user)),
  post: (path: string, body: unknown = {}) => request(app).post(`${base()}${path}`).set(bearer(user)).send(body as object),
  delete: (path: string) => request(app).delete(`${base()}${path}`).set(bearer(user)),
});

const watchProfile = {
  language: "portcullis/profile@1",
  code: "WATCHED",
  name: "Watched consignees",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20 },
  indicators: [{ code: "WATCH_CONSIGNEE", label: "Consignee on the watchlist", points: 60, when: { op: "inList", field: "consignee.name", list: "WATCH-CONSIGNEES" } }],
};

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  outsider = await createTestUser(services, [{ role: "analyst", unitCode: (await createTestUnit(services)).code }]);
  // Consignees "TRADE IMPORT 0 BV" and "TRADE IMPORT 1 BV".
  const posted = await as(officer).post("/manifests", buildManifest(2));
  const rows = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId]);
  shipmentIds = rows.rows.map((r) => r.id);
});
afterAll(async () => services.dispose());

const dryRun = async (shipmentId: string) => {
  const res = await as(analyst).post("/profiles/dry-run", { definition: watchProfile, shipmentId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results[0] as { score: number; indicators: { code: string; evidence: unknown[] }[] };
};

describe("watchlists", () => {
  test("a listed consignee makes the inList indicator match; removing or expiring the entry stops it", async () => {
    const a = as(analyst);
    const created = await a.post("/watchlists", { code: "watch-consignees", name: "Consignees to watch", kind: "party" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "WATCH-CONSIGNEES", kind: "party", entries: 0 });
    expect((await dryRun(shipmentIds[0]!)).score).toBe(0);

    const added = await a.post("/watchlists/WATCH-CONSIGNEES/entries", {
      entries: [
        { value: "Trade Import 0 B.V.", provenance: "seizure SZ-2026-114" },
        { value: "Somebody Else Ltd", expiresAt: "2099-01-01" },
      ],
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ watchlist: "WATCH-CONSIGNEES", added: 2, renewed: 0 });
    const entry = added.body.entries.find((e: { display: string }) => e.display === "Trade Import 0 B.V.");
    // Stored without the legal-form suffix, as the scorer compares party names.
    expect(entry).toMatchObject({ value: "TRADE IMPORT 0", provenance: "seizure SZ-2026-114", addedBy: analyst.username, expiresAt: null });

    const matched = await dryRun(shipmentIds[0]!);
    expect(matched.score).toBe(60);
    expect(matched.indicators).toEqual([
      { code: "WATCH_CONSIGNEE", label: "Consignee on the watchlist", points: 60, evidence: [{ field: "consignee.name", value: "TRADE IMPORT 0 BV" }] },
    ]);
    expect((await dryRun(shipmentIds[1]!)).score).toBe(0);

    // Adding the same party again renews it rather than duplicating it.
    const renewed = await a.post("/watchlists/WATCH-CONSIGNEES/entries", { entries: [{ value: "TRADE IMPORT 0 BV", provenance: "alert AL-9" }] });
    expect(renewed.body).toMatchObject({ added: 0, renewed: 1 });
    const listed = await a.get("/watchlists/WATCH-CONSIGNEES/entries");
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ watchlist: { code: "WATCH-CONSIGNEES", kind: "party" }, total: 2 });
    expect(listed.body.items.map((e: { value: string; provenance: string | null }) => [e.value, e.provenance])).toEqual([
      ["SOMEBODY ELSE", null],
      ["TRADE IMPORT 0", "alert AL-9"],
    ]);
    const lists = await a.get("/watchlists");
    expect(lists.body.items).toEqual([expect.objectContaining({ code: "WATCH-CONSIGNEES", entries: 2, expiredEntries: 0 })]);

    // An expired entry no longer matches and is hidden unless asked for.
    await services.pool.query("UPDATE watchlist_entry SET expires_at = now() - interval '1 minute' WHERE id = $1", [entry.id]);
    expect((await dryRun(shipmentIds[0]!)).score).toBe(0);
    expect((await a.get("/watchlists/WATCH-CONSIGNEES/entries")).body.total).toBe(1);
    expect((await a.get("/watchlists/WATCH-CONSIGNEES/entries?includeExpired=true")).body.total).toBe(2);
    await services.pool.query("UPDATE watchlist_entry SET expires_at = NULL WHERE id = $1", [entry.id]);
    expect((await dryRun(shipmentIds[0]!)).score).toBe(60);

    // Removing it: no match any more; removing twice is a 404.
    const removed = await a.delete(`/watchlists/WATCH-CONSIGNEES/entries/${entry.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.removed).toMatchObject({ id: entry.id, value: "TRADE IMPORT 0" });
    expect((await dryRun(shipmentIds[0]!)).score).toBe(0);
    expect((await a.delete(`/watchlists/WATCH-CONSIGNEES/entries/${entry.id}`)).status).toBe(404);

    const audit = await services.pool.query<{ action: string; actor_name: string }>(
      "SELECT action, actor_name FROM audit_event WHERE entity_id = ANY($1::text[]) ORDER BY id",
      [[created.body.id, entry.id]],
    );
    expect(audit.rows).toEqual([
      { action: "watchlist.created", actor_name: analyst.username },
      { action: "watchlist.entries_added", actor_name: analyst.username },
      { action: "watchlist.entries_added", actor_name: analyst.username },
      { action: "watchlist.entry_removed", actor_name: analyst.username },
    ]);
  });

  test("ports and HS codes are checked against the list's kind; bad input names the field", async () => {
    const a = as(analyst);
    const paths = (res: request.Response): string[] => {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.errors.map((e: { path: string }) => e.path);
    };
    expect((await a.post("/watchlists", { code: "PORTS", name: "Source ports", kind: "port" })).status).toBe(201);
    expect((await a.post("/watchlists", { code: "HS-RISK", name: "Risky HS", kind: "hs" })).status).toBe(201);
    const duplicate = await a.post("/watchlists", { code: "ports", name: "again", kind: "port" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: "code", message: "already used by another list of this unit" }]);
    expect(paths(await a.post("/watchlists", { code: "x", name: "", kind: "vessel", extra: true }))).toEqual(["code", "name", "kind", "extra"]);
    expect(paths(await a.post("/watchlists/PORTS/entries", { entries: [{ value: "ecgye" }, { value: "ZZABC" }, { value: "COCTG", expiresAt: "2001-01-01" }] })))
      .toEqual(["entries[1].value", "entries[2].expiresAt"]);
    expect(paths(await a.post("/watchlists/HS-RISK/entries", { entries: [{ value: "0803.90" }, { value: "bananas" }] }))).toEqual(["entries[1].value"]);
    expect(paths(await a.post("/watchlists/HS-RISK/entries", { entries: [] }))).toEqual(["entries"]);
    expect(paths(await a.post("/watchlists/HS-RISK/entries", { entries: [{ value: "0803", when: "now" }] }))).toEqual(["entries[0].when"]);
    expect(paths(await a.get("/watchlists/HS-RISK/entries?limit=0"))).toEqual(["query.limit"]);
    // Nothing of a refused request was stored.
    expect((await a.get("/watchlists/PORTS/entries")).body.total).toBe(0);
    const hs = await a.post("/watchlists/HS-RISK/entries", { entries: [{ value: "0803.90" }] });
    expect(hs.body.entries[0]).toMatchObject({ value: "080390", display: "0803.90" });
    const ports = await a.post("/watchlists/PORTS/entries", { entries: [{ value: "ecgye" }] });
    expect(ports.body.entries[0]).toMatchObject({ value: "ECGYE" });
    expect((await a.get("/watchlists/NOPE/entries")).status).toBe(404);
    expect((await a.post("/watchlists/NOPE/entries", { entries: [{ value: "x" }] })).status).toBe(404);
    expect((await a.delete("/watchlists/PORTS/entries/not-an-id")).status).toBe(404);
  });

  test("officers may not read or change watchlists; other units see 404", async () => {
    const o = as(officer);
    for (const res of [await o.get("/watchlists"), await o.post("/watchlists", { code: "OFF", name: "o", kind: "text" }), await o.get("/watchlists/PORTS/entries")]) {
      expect(res.status).toBe(403);
    }
    expect((await as(outsider).get("/watchlists")).status).toBe(404);
    expect((await as(outsider).get("/watchlists/PORTS/entries")).status).toBe(404);
  });
});
