// The queue board's shared reads (core/triage/board-cache.ts): readers of a
// unit share one computation per view and interval, a write through the API
// makes the next read fresh at once, a feed of manifests does not empty the
// cache, failures are never kept, and one unit never reads another's entry.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { createBoardCache } from "../../core/triage/board-cache.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

describe("the cache itself", () => {
  test("readers arriving together share one computation; another key or unit computes its own", async () => {
    const cache = createBoardCache(60_000);
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { n: computed };
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => cache.read("unit-a", "counts", { flagged: true }, compute)));
    expect(computed).toBe(1);
    expect(new Set(answers.map((a) => a.n))).toEqual(new Set([1]));
    await cache.read("unit-a", "counts", { flagged: false }, compute);
    await cache.read("unit-b", "counts", { flagged: true }, compute);
    await cache.read("unit-a", "page", { flagged: true }, compute);
    expect(computed).toBe(4);
    // And the first key is still served from the cache.
    expect(await cache.read("unit-a", "counts", { flagged: true }, compute)).toEqual({ n: 1 });
    expect(computed).toBe(4);
  });

  test("an entry lives its lifetime only; after invalidate() nothing older is read; a failure is not kept", async () => {
    const cache = createBoardCache(40);
    let computed = 0;
    const compute = () => Promise.resolve({ n: ++computed });
    await cache.read("u", "voyages", 72, compute);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await cache.read("u", "voyages", 72, compute)).toEqual({ n: 2 });
    cache.invalidate();
    expect(await cache.read("u", "voyages", 72, compute)).toEqual({ n: 3 });

    const failing = createBoardCache(60_000);
    await expect(failing.read("u", "counts", {}, () => Promise.reject(new Error("database went away")))).rejects.toThrow("database went away");
    expect(await failing.read("u", "counts", {}, compute)).toEqual({ n: 4 });
  });

  test("read late in its lifetime, an entry is recomputed in the background: readers do not wait, and nothing past its lifetime is served", async () => {
    let now = 0;
    const cache = createBoardCache(1_000, () => now);
    let computed = 0;
    let release: (() => void) | undefined;
    const slow = () => new Promise<{ n: number }>((resolve) => {
      const n = ++computed;
      release = () => resolve({ n });
    });
    const first = cache.read("u", "page", {}, slow);
    release!();
    expect(await first).toEqual({ n: 1 });
    // Early in its lifetime: served, nothing recomputed.
    now = 500;
    expect(await cache.read("u", "page", {}, slow)).toEqual({ n: 1 });
    expect(computed).toBe(1);
    // Late in it: still served at once, while one recomputation starts (it started at 700).
    now = 700;
    expect(await cache.read("u", "page", {}, slow)).toEqual({ n: 1 });
    expect(await cache.read("u", "page", {}, slow)).toEqual({ n: 1 });
    expect(computed).toBe(2);
    release!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Its result replaces the entry, with a lifetime counted from when it started.
    now = 1_200;
    expect(await cache.read("u", "page", {}, slow)).toEqual({ n: 2 });
    expect(computed).toBe(2);
    now = 1_500;
    const late = cache.read("u", "page", {}, slow);
    expect(computed).toBe(3);
    expect(await late).toEqual({ n: 2 });
    // Past its lifetime (and the recomputation not back yet): nobody is served the old entry.
    now = 2_100;
    const fresh = cache.read("u", "page", {}, () => Promise.resolve({ n: 99 }));
    expect(await fresh).toEqual({ n: 99 });
    release!();

    // A recomputation that fails leaves the entry, and a later read tries again.
    now = 0;
    const failing = createBoardCache(1_000, () => now);
    let calls = 0;
    await failing.read("u", "counts", {}, () => Promise.resolve({ n: ++calls }));
    now = 700;
    expect(await failing.read("u", "counts", {}, () => (++calls, Promise.reject(new Error("gone"))))).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await failing.read("u", "counts", {}, () => Promise.resolve({ n: ++calls }))).toEqual({ n: 1 });
    expect(calls).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await failing.read("u", "counts", {}, () => Promise.resolve({ n: ++calls }))).toEqual({ n: 3 });
  });

  test("a lifetime of 0 computes every read", async () => {
    const cache = createBoardCache(0);
    let computed = 0;
    await Promise.all([cache.read("u", "page", {}, () => Promise.resolve({ n: ++computed })), cache.read("u", "page", {}, () => Promise.resolve({ n: ++computed }))]);
    expect(computed).toBe(2);
  });
});

describe("through the API, with reads shared for a minute", () => {
  let services: TestServices;
  let app: ReturnType<typeof createApp>;
  let unit: TestUnit;
  let officer: TestUser;
  let manifestId: string;

  beforeAll(async () => {
    services = createTestServices({ QUEUE_READ_CACHE_MS: "60000" });
    app = createApp(services);
    unit = await createTestUnit(services);
    officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(6));
    expect(posted.status).toBe(202);
    manifestId = posted.body.manifestId as string;
    await services.pool.query("UPDATE scoring_state SET status = 'scored', score = 80, band = 'high', selected = true WHERE shipment_id IN (SELECT id FROM shipment WHERE manifest_id = $1)", [manifestId]);
  });
  afterAll(async () => services.dispose());

  const board = async () => {
    const [page, counts] = await Promise.all([
      request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(officer)).query({ manifestId }),
      request(app).get(`/v1/units/${unit.code}/queue/counts`).set(bearer(officer)).query({ manifestId }),
    ]);
    expect(page.status).toBe(200);
    expect(counts.status).toBe(200);
    return { items: page.body.items as { id: string; decision: { state: string } }[], total: page.body.total as number, decisions: counts.body.byDecision as Record<string, number> };
  };

  test("a change the API did not make waits for the lifetime; a decision through the API shows at once", async () => {
    const before = await board();
    expect(before.total).toBe(6);
    // A worker process writes a score: this process's readers still share the answer they have.
    const first = before.items[0]!.id;
    await services.pool.query("UPDATE scoring_state SET score = 1 WHERE shipment_id = $1", [first]);
    expect((await board()).items[0]!.id).toBe(first);
    // A manifest posted meanwhile does not empty the cache either: its containers show once scored.
    const another = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(3));
    expect(another.status).toBe(202);
    expect((await board()).items[0]!.id).toBe(first);

    // An officer's decision through the API: the very next read has it, in the list and in the counts.
    const target = before.items[1]!.id;
    const held = await request(app).put(`/v1/units/${unit.code}/shipments/${target}/decision`).set(bearer(officer)).send({ decision: "hold" });
    expect(held.status).toBe(200);
    const after = await board();
    expect(after.items.find((i) => i.id === target)!.decision.state).toBe("hold");
    expect(after.decisions.hold).toBe(1);
    // Fresh everywhere: the score written behind its back shows too.
    expect(after.items[after.items.length - 1]!.id).toBe(first);
  });

  test("a refused write leaves the shared reads as they were", async () => {
    const before = await board();
    const refused = await request(app).put(`/v1/units/${unit.code}/shipments/${before.items[0]!.id}/decision`).set(bearer(officer)).send({ decision: "no-such-state" });
    expect(refused.status).toBe(400);
    await services.pool.query("UPDATE scoring_state SET score = 0 WHERE shipment_id = $1", [before.items[0]!.id]);
    expect((await board()).items[0]!.id).toBe(before.items[0]!.id);
  });

  test("a CUSCAR cancellation or replacement, from the inbox or the CLI as well, takes the old containers off the next read", async () => {
    const original = buildManifest(2, { shipments: [buildShipment(40), buildShipment(41)] }) as unknown as ManifestDocument;
    const receive = async (manifest: ManifestDocument, functionCode: "9" | "5" | "1", controlReference: string) => {
      const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference, sender: "MSCU" });
      const result = await receiveInterchange(services, { unitCode: unit.code, text, actor: { name: "test:board-cache" }, source: "cli" });
      expect(result.messages[0]!.errors).toEqual([]);
      return result.messages[0]!.manifestId!;
    };
    const v1 = await receive(original, "9", "BC1");
    const inQueue = async () => {
      const page = await request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(officer)).query({ limit: 200 });
      return (page.body.items as { manifestId: string }[]).map((i) => i.manifestId);
    };
    // Read once the original is in (an ingest does not refresh the shared reads: wait for it to show).
    await expect.poll(inQueue, { timeout: 70_000, interval: 200 }).toContain(v1);
    const v2 = await receive({ ...original, shipments: [buildShipment(42)] } as unknown as ManifestDocument, "5", "BC2");
    const afterReplacement = await inQueue();
    expect(afterReplacement).not.toContain(v1);
    expect(afterReplacement).toContain(v2);
    await receive(original, "1", "BC3");
    expect(await inQueue()).not.toContain(v2);
  });
});
