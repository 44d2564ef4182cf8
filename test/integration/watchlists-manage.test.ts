// Managing watchlists through the HTTP API: rename (the code profiles name
// stays), delete (refused while a draft or active profile version uses the
// list, and for the list seizures feed), edit an entry's reason and end date,
// and add a pasted block all or nothing with each bad line named. Every change
// is audited; another unit's list answers 404; officers are refused.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { SEIZURE_WATCHLIST } from "../../core/seizures/seizure-parties.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let otherUnit: TestUnit;
let analyst: TestUser;
let officer: TestUser;
let otherAnalyst: TestUser;
let shipmentId: string;

const as = (user: TestUser, unitCode = unit.code) => {
  const base = `/v1/units/${unitCode}`;
  return {
    get: (path: string) => request(app).get(`${base}${path}`).set(bearer(user)),
    post: (path: string, body: unknown = {}) => request(app).post(`${base}${path}`).set(bearer(user)).send(body as object),
    patch: (path: string, body: unknown = {}) => request(app).patch(`${base}${path}`).set(bearer(user)).send(body as object),
    put: (path: string, body: unknown = {}) => request(app).put(`${base}${path}`).set(bearer(user)).send(body as object),
    delete: (path: string) => request(app).delete(`${base}${path}`).set(bearer(user)),
    paste: (path: string, text: string, query: Record<string, string> = {}) =>
      request(app).post(`${base}${path}`).set(bearer(user)).query(query).set("Content-Type", "text/plain; charset=utf-8").send(text),
  };
};

const createList = async (code: string, kind = "party", name = `List ${code}`) => {
  const res = await as(analyst).post("/watchlists", { code, name, kind });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; code: string };
};

const addOne = async (code: string, value: string, extra: Record<string, string> = {}) => {
  const res = await as(analyst).post(`/watchlists/${code}/entries`, { entries: [{ value, ...extra }] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.entries[0] as { id: string; value: string; provenance: string | null; expiresAt: string | null };
};

const auditOf = async (entityId: string) =>
  (
    await services.pool.query<{ action: string; actor_name: string; before: unknown; after: unknown; details: unknown }>(
      "SELECT action, actor_name, before, after, details FROM audit_event WHERE entity_id = $1 ORDER BY id",
      [entityId],
    )
  ).rows;

const entryCount = async (listId: string) =>
  (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM watchlist_entry WHERE watchlist_id = $1", [listId])).rows[0]!.n;

/** A profile whose indicators name `lists` with inList, one nested under all/not. */
const profileUsing = (code: string, lists: string[]) => ({
  language: "portcullis/profile@1",
  code,
  name: `Uses ${lists.join(", ")}`,
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20 },
  indicators: lists.length === 0
    ? [{ code: "FRUIT", label: "Fresh fruit", points: 20, when: { op: "hsPrefix", prefixes: ["0803"] } }]
    : lists.map((list, i) => ({
        code: `L${i}`,
        label: `On ${list}`,
        points: 60,
        when: { op: "all", of: [{ op: "exists", field: "consignee.name" }, { op: "not", of: { op: "not", of: { op: "inList", field: "consignee.name", list } } }] },
      })),
});

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  otherUnit = await createTestUnit(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  otherAnalyst = await createTestUser(services, [{ role: "analyst", unitCode: otherUnit.code }]);
  // Consignee "TRADE IMPORT 0 BV".
  const posted = await as(officer).post("/manifests", buildManifest(1));
  expect(posted.status).toBe(202);
  shipmentId = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [posted.body.manifestId])).rows[0]!.id;
});
afterAll(async () => services.dispose());

describe("renaming a watchlist", () => {
  test("the name changes and is audited; the code profiles use stays and cannot be changed", async () => {
    const list = await createList("RENAME-ME");
    const renamed = await as(analyst).patch("/watchlists/rename-me", { name: "  Consignees under review  " });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ code: "RENAME-ME", name: "Consignees under review", kind: "party", system: false, usedBy: [] });
    expect((await as(analyst).get("/watchlists")).body.items.find((l: { code: string }) => l.code === "RENAME-ME")).toMatchObject({ name: "Consignees under review" });

    // The code sent back unchanged is fine; another code is refused, naming the field.
    expect((await as(analyst).patch("/watchlists/RENAME-ME", { code: "rename-me", name: "Consignees under review" })).status).toBe(200);
    const recoded = await as(analyst).patch("/watchlists/RENAME-ME", { code: "NEW-CODE", name: "Other" });
    expect(recoded.status).toBe(400);
    expect(recoded.body.errors).toEqual([{ path: "code", message: expect.stringContaining("the code cannot change") }]);
    const blank = await as(analyst).patch("/watchlists/RENAME-ME", { name: " " });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0]).toMatchObject({ path: "name" });
    expect((await as(analyst).get("/watchlists/NEW-CODE/entries")).status).toBe(404);

    // One audit event: the unchanged and refused requests left none.
    const audit = await auditOf(list.id);
    expect(audit.map((a) => a.action)).toEqual(["watchlist.created", "watchlist.renamed"]);
    expect(audit[1]).toMatchObject({
      actor_name: analyst.username,
      before: { code: "RENAME-ME", name: "List RENAME-ME" },
      after: { code: "RENAME-ME", name: "Consignees under review" },
    });
  });
});

describe("deleting a watchlist", () => {
  test("refused while a draft or an active profile version uses it; allowed once only retired versions do", async () => {
    const list = await createList("USED-LIST");
    await addOne("USED-LIST", "Trade Import 0 BV");
    const a = as(analyst);
    // v1 (active) uses it nested under all/not/not; v2 (draft) uses it and another list.
    expect((await a.post("/profiles", profileUsing("USES-LIST", ["USED-LIST"]))).status).toBe(201);
    expect((await a.post("/profiles/USES-LIST/versions/1/activate", {})).status).toBe(200);
    expect((await a.post("/profiles/USES-LIST/versions", profileUsing("USES-LIST", ["OTHER-LIST", "USED-LIST"]))).status).toBe(201);
    // The nested condition is live: the listed consignee scores.
    const dry = await a.post("/profiles/dry-run", { definition: profileUsing("USES-LIST", ["USED-LIST"]), shipmentId });
    expect(dry.body.results[0].score).toBe(60);

    const refused = await a.delete("/watchlists/USED-LIST");
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe("watchlist USED-LIST is used with inList by USES-LIST version 1 (active), USES-LIST version 2 (draft): change or retire those versions first");
    expect(refused.body.usedBy).toEqual([
      { profileCode: "USES-LIST", version: 1, status: "active" },
      { profileCode: "USES-LIST", version: 2, status: "draft" },
    ]);
    expect(refused.body.errors).toEqual([
      { path: "code", message: "used by profile USES-LIST version 1 (active)" },
      { path: "code", message: "used by profile USES-LIST version 2 (draft)" },
    ]);
    // The lists say so before anyone tries.
    const listed = (await a.get("/watchlists")).body.items.find((l: { code: string }) => l.code === "USED-LIST");
    expect(listed.usedBy).toEqual(refused.body.usedBy);
    expect((await a.get("/watchlists/USED-LIST/entries")).body.watchlist.usedBy).toEqual(refused.body.usedBy);

    // The draft drops the list: only the active version holds it.
    expect((await a.put("/profiles/USES-LIST/versions/2", profileUsing("USES-LIST", []))).status).toBe(200);
    const still = await a.delete("/watchlists/USED-LIST");
    expect(still.status).toBe(409);
    expect(still.body.usedBy).toEqual([{ profileCode: "USES-LIST", version: 1, status: "active" }]);
    // Retired, v1 no longer scores: the list can go.
    expect((await a.post("/profiles/USES-LIST/versions/1/retire", {})).status).toBe(200);
    expect((await a.get("/watchlists/USED-LIST/entries")).body.watchlist.usedBy).toEqual([]);
    const deleted = await a.delete("/watchlists/USED-LIST");
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toEqual({ deleted: { code: "USED-LIST", name: "List USED-LIST", kind: "party" }, entries: 1 });
    expect(await entryCount(list.id)).toBe(0);
    const audit = await auditOf(list.id);
    expect(audit.map((x) => x.action)).toEqual(["watchlist.created", "watchlist.entries_added", "watchlist.deleted"]);
    // The refused attempts left nothing; the deletion keeps the entries so the list can be rebuilt.
    expect(audit[2]).toMatchObject({
      actor_name: analyst.username,
      before: { code: "USED-LIST", kind: "party", entries: [{ value: "TRADE IMPORT 0", display: "Trade Import 0 BV", provenance: null, expiresAt: null }] },
      details: { entries: 1 },
    });
  });

  test("an unused list goes with its entries; it no longer answers and its code is free again", async () => {
    const list = await createList("UNUSED-LIST", "port");
    expect((await as(analyst).post("/watchlists/UNUSED-LIST/entries", { entries: [{ value: "ECGYE" }, { value: "COBUN" }] })).status).toBe(201);
    // A profile of another unit naming the same code does not hold this unit's list.
    const foreign = await as(otherAnalyst, otherUnit.code).post("/profiles", profileUsing("FOREIGN", ["UNUSED-LIST"]));
    expect(foreign.status).toBe(201);
    const deleted = await as(analyst).delete("/watchlists/unused-list");
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body.entries).toBe(2);
    expect(await entryCount(list.id)).toBe(0);
    expect((await as(analyst).get("/watchlists")).body.items.map((l: { code: string }) => l.code)).not.toContain("UNUSED-LIST");
    expect((await as(analyst).get("/watchlists/UNUSED-LIST/entries")).status).toBe(404);
    expect((await as(analyst).delete("/watchlists/UNUSED-LIST")).status).toBe(404);
    expect((await as(analyst).post("/watchlists", { code: "UNUSED-LIST", name: "Again", kind: "hs" })).status).toBe(201);
  });

  test("the list seizures feed is refused as a system list", async () => {
    // As a recorded seizure creates it (core/seizures/seizure-parties.ts).
    const created = await services.pool.query<{ id: string }>(
      "INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES (gen_random_uuid(), $1, $2, 'Parties linked to seizures', 'party') RETURNING id",
      [unit.id, SEIZURE_WATCHLIST],
    );
    const lists = (await as(analyst).get("/watchlists")).body.items as { code: string; system: boolean }[];
    expect(lists.filter((l) => l.system).map((l) => l.code)).toEqual([SEIZURE_WATCHLIST]);
    const refused = await as(analyst).delete(`/watchlists/${SEIZURE_WATCHLIST}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: "conflict", system: true, message: expect.stringContaining("fed by the system") });
    expect((await services.pool.query("SELECT 1 FROM watchlist WHERE id = $1", [created.rows[0]!.id])).rowCount).toBe(1);
    expect(await auditOf(created.rows[0]!.id)).toEqual([]);
  });
});

describe("editing an entry", () => {
  test("its reason and end date change, audited; an expired entry given a new end matches again", async () => {
    await createList("EDIT-LIST");
    const entry = await addOne("EDIT-LIST", "Trade Import 0 BV", { provenance: "alert AL-1" });
    const path = `/watchlists/EDIT-LIST/entries/${entry.id}`;
    const changed = await as(analyst).patch(path, { provenance: " case 2026/114 ", expiresAt: "2099-06-30" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ watchlist: "EDIT-LIST", changed: true, entry: { id: entry.id, value: "TRADE IMPORT 0", provenance: "case 2026/114", expiresAt: "2099-06-30T00:00:00.000Z" } });
    // Left out stays; null clears.
    const cleared = await as(analyst).patch(path, { expiresAt: null });
    expect(cleared.body.entry).toMatchObject({ provenance: "case 2026/114", expiresAt: null });
    const unchanged = await as(analyst).patch(path, { provenance: "case 2026/114" });
    expect(unchanged.body.changed).toBe(false);

    // Expired entries stop matching; a new end date in the future brings it back.
    const profile = profileUsing("EDITED", ["EDIT-LIST"]);
    const score = async () => (await as(analyst).post("/profiles/dry-run", { definition: profile, shipmentId })).body.results[0].score as number;
    expect(await score()).toBe(60);
    await services.pool.query("UPDATE watchlist_entry SET expires_at = now() - interval '1 day' WHERE id = $1", [entry.id]);
    expect(await score()).toBe(0);
    const past = await as(analyst).patch(path, { expiresAt: "2001-01-01" });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: "expiresAt", message: expect.stringContaining("must be in the future") }]);
    // The reason alone can change on an expired entry (its end is not touched).
    expect((await as(analyst).patch(path, { provenance: "case closed" })).status).toBe(200);
    expect((await as(analyst).patch(path, { expiresAt: "2099-01-01T00:00:00Z" })).status).toBe(200);
    expect(await score()).toBe(60);

    const audit = await auditOf(entry.id);
    expect(audit.map((a) => a.action)).toEqual(["watchlist.entry_updated", "watchlist.entry_updated", "watchlist.entry_updated", "watchlist.entry_updated"]);
    expect(audit[0]).toMatchObject({
      actor_name: analyst.username,
      before: { provenance: "alert AL-1", expiresAt: null },
      after: { provenance: "case 2026/114", expiresAt: "2099-06-30T00:00:00.000Z" },
      details: { watchlist: "EDIT-LIST", value: "TRADE IMPORT 0" },
    });
  });

  test("bad requests: nothing to change, a seizure's reason, another list's entry, a foreign unit", async () => {
    await createList("EDIT-RULES");
    const entry = await addOne("EDIT-RULES", "Somebody Ltd");
    const empty = await as(analyst).patch(`/watchlists/EDIT-RULES/entries/${entry.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toMatch(/nothing to change/);
    expect((await as(analyst).patch(`/watchlists/EDIT-RULES/entries/${entry.id}`, { value: "Other" })).status).toBe(400);

    const seizureId = "0190a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b";
    const seized = await addOne("EDIT-RULES", "Seized Party SA", { provenance: `seizure:${seizureId}` });
    const reason = await as(analyst).patch(`/watchlists/EDIT-RULES/entries/${seized.id}`, { provenance: "mine now" });
    expect(reason.status).toBe(400);
    expect(reason.body.errors).toEqual([{ path: "provenance", message: expect.stringContaining("came from a seizure") }]);
    const end = await as(analyst).patch(`/watchlists/EDIT-RULES/entries/${seized.id}`, { provenance: `seizure:${seizureId}`, expiresAt: "2099-01-01" });
    expect(end.status).toBe(200);
    expect(end.body.entry).toMatchObject({ provenance: `seizure:${seizureId}`, expiresAt: "2099-01-01T00:00:00.000Z" });

    await createList("EDIT-ELSEWHERE");
    expect((await as(analyst).patch(`/watchlists/EDIT-ELSEWHERE/entries/${entry.id}`, { provenance: "x" })).status).toBe(404);
    expect((await as(analyst).patch("/watchlists/EDIT-RULES/entries/not-a-uuid", { provenance: "x" })).status).toBe(404);
    expect((await as(otherAnalyst).patch(`/watchlists/EDIT-RULES/entries/${entry.id}`, { provenance: "x" })).status).toBe(404);
    const fromOtherUnit = await as(otherAnalyst, otherUnit.code).patch(`/watchlists/EDIT-RULES/entries/${entry.id}`, { provenance: "x" });
    expect(fromOtherUnit.status).toBe(404);
    expect((await as(officer).patch(`/watchlists/EDIT-RULES/entries/${entry.id}`, { provenance: "x" })).status).toBe(403);
    const after = await as(analyst).get("/watchlists/EDIT-RULES/entries?search=somebody");
    expect(after.body.items[0]).toMatchObject({ id: entry.id, provenance: null });
  });
});

describe("adding a pasted block", () => {
  test("all or nothing: bad lines are named by line number and nothing is added; the fixed paste adds, renews and merges", async () => {
    const list = await createList("PORTS", "port");
    await addOne("PORTS", "ECGYE", { provenance: "old reason" });
    const paste = ["ECGYE", "", "copbu", "Guayaquil", "  ", "NLRTM", "cobun", "COBUN", "X".repeat(501)].join("\r\n");
    const refused = await as(analyst).paste("/watchlists/PORTS/entries/bulk", paste, { provenance: "intel report 7" });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("2 of 7 lines cannot go on PORTS: nothing was added");
    expect(refused.body.errors).toEqual([
      { path: "line 4", line: 4, value: "Guayaquil", message: expect.any(String) },
      { path: "line 9", line: 9, value: "X".repeat(100), message: "longer than 500 characters" },
    ]);
    expect(refused.body).toMatchObject({ errorCount: 2, lines: 7 });
    expect(await entryCount(list.id)).toBe(1);

    const fixed = paste.replace("Guayaquil", "ECPSJ").replace("X".repeat(501), "");
    const added = await as(analyst).paste("/watchlists/PORTS/entries/bulk", fixed, { provenance: "intel report 7", expiresAt: "2099-12-31" });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toEqual({ watchlist: "PORTS", lines: 6, added: 4, renewed: 1, duplicates: 1 });
    const entries = (await as(analyst).get("/watchlists/PORTS/entries")).body.items as { value: string; provenance: string; expiresAt: string }[];
    expect(entries.map((e) => [e.value, e.provenance, e.expiresAt])).toEqual(
      ["COBUN", "COPBU", "ECGYE", "ECPSJ", "NLRTM"].map((v) => [v, "intel report 7", "2099-12-31T00:00:00.000Z"]),
    );
    const audit = await auditOf(list.id);
    expect(audit.map((a) => a.action)).toEqual(["watchlist.created", "watchlist.entries_added", "watchlist.entries_added"]);
    expect(audit[2]).toMatchObject({ actor_name: analyst.username, details: { code: "PORTS", added: 4, renewed: 1, pasted: 6, duplicates: 1 } });
  });

  test("5,000 values in one paste (over the JSON body limit) go in; 5,001 are refused; a JSON body or an old end date is refused", async () => {
    const list = await createList("BIG-PASTE");
    const names = Array.from({ length: 5_000 }, (_, i) => `Trading Company Number ${String(i).padStart(4, "0")} International Holdings BV`);
    expect(Buffer.byteLength(names.join("\n"))).toBeGreaterThan(256 * 1024);
    const big = await as(analyst).paste("/watchlists/BIG-PASTE/entries/bulk", `${names.join("\n")}\n`);
    expect(big.status, JSON.stringify(big.body).slice(0, 300)).toBe(201);
    expect(big.body).toMatchObject({ lines: 5_000, added: 5_000, renewed: 0, duplicates: 0 });
    expect(await entryCount(list.id)).toBe(5_000);

    const tooMany = await as(analyst).paste("/watchlists/BIG-PASTE/entries/bulk", [...names, "One more"].join("\n"));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].message).toMatch(/5001 values/);
    const json = await as(analyst).post("/watchlists/BIG-PASTE/entries/bulk", { values: ["A"] });
    expect(json.status).toBe(400);
    expect(json.body.errors).toEqual([{ path: "body", message: "expected a text/plain body" }]);
    const blank = await as(analyst).paste("/watchlists/BIG-PASTE/entries/bulk", "\n \n");
    expect(blank.status).toBe(400);
    const old = await as(analyst).paste("/watchlists/BIG-PASTE/entries/bulk", "New Party", { expiresAt: "2001-01-01" });
    expect(old.status).toBe(400);
    expect(old.body.errors).toEqual([{ path: "query.expiresAt", message: "must be in the future" }]);
    expect(await entryCount(list.id)).toBe(5_000);
  }, 60_000);

  test("HS codes: one bad line among many, errors beyond 200 are counted not listed", async () => {
    const list = await createList("HS-PASTE", "hs");
    const lines = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `0803.${String(i % 100).padStart(2, "0")}` : "bananas"));
    const refused = await as(analyst).paste("/watchlists/HS-PASTE/entries/bulk", lines.join("\n"));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCount: 150, truncated: false });
    expect(refused.body.errors[0]).toEqual({ path: "line 2", line: 2, value: "bananas", message: "expected an HS code or prefix of 2-10 digits" });
    const many = await as(analyst).paste("/watchlists/HS-PASTE/entries/bulk", Array.from({ length: 250 }, () => "nope").join("\n"));
    expect(many.body).toMatchObject({ errorCount: 250, truncated: true });
    expect(many.body.errors).toHaveLength(200);
    expect(await entryCount(list.id)).toBe(0);
  });
});

describe("who may manage lists", () => {
  test("another unit's list answers 404 from either unit's address; officers are refused", async () => {
    const list = await createList("GUARDED");
    const entry = await addOne("GUARDED", "Guarded Party");
    const routes = [
      ["patch", "/watchlists/GUARDED", { name: "x" }],
      ["delete", "/watchlists/GUARDED", undefined],
      ["patch", `/watchlists/GUARDED/entries/${entry.id}`, { provenance: "x" }],
    ] as const;
    for (const [method, path, body] of routes) {
      // Through this unit's address, an analyst of another unit does not see the unit at all.
      const foreign = as(otherAnalyst);
      expect((method === "delete" ? await foreign.delete(path) : await foreign.patch(path, body)).status, `${method} ${path}`).toBe(404);
      // Through their own unit's address, the list is not theirs.
      const own = as(otherAnalyst, otherUnit.code);
      expect((method === "delete" ? await own.delete(path) : await own.patch(path, body)).status, `${method} ${path} own unit`).toBe(404);
      const officerRes = method === "delete" ? await as(officer).delete(path) : await as(officer).patch(path, body);
      expect(officerRes.status, `${method} ${path} officer`).toBe(403);
    }
    expect((await as(otherAnalyst).paste("/watchlists/GUARDED/entries/bulk", "A Party")).status).toBe(404);
    expect((await as(otherAnalyst, otherUnit.code).paste("/watchlists/GUARDED/entries/bulk", "A Party")).status).toBe(404);
    expect((await as(officer).paste("/watchlists/GUARDED/entries/bulk", "A Party")).status).toBe(403);
    expect(await entryCount(list.id)).toBe(1);
    expect((await as(analyst).get("/watchlists")).body.items.find((l: { code: string }) => l.code === "GUARDED")).toMatchObject({ name: "List GUARDED" });
  });
});
