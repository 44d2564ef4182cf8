// The analyst's profile workflow through the HTTP API, on real PostgreSQL and
// Redis with an in-process worker pool: draft, validate, dry-run, edit,
// activate with re-scoring, new version, diff, retire, performance.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { rescoringCount } from "../../core/scoring/rescore-chunks.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;
let unit: TestUnit & { versionId: string };
let analyst: TestUser;
let officer: TestUser;
let outsider: TestUser;
let manifestId: string;
let shipmentIds: string[];

function profileDoc(overrides: Record<string, unknown> = {}) {
  return {
    language: "portcullis/profile@1",
    code: "COC-FRUIT",
    name: "Cocaine in fruit from source ports",
    target: { kind: "commodity", commodity: "cocaine" },
    rationale: "Fruit loaded in Guayaquil has carried most cocaine found in this port.",
    thresholds: { high: 60, medium: 40, low: 20, select: 60 },
    indicators: [
      { code: "SRC", label: "Loaded in a source port", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } },
      { code: "FRUIT", label: "Fresh fruit", points: 20, note: "Check the reefer unit", when: { op: "hsPrefix", prefixes: ["0803"] } },
    ],
    ...overrides,
  };
}

const base = () => `/v1/units/${unit.code}`;
const as = (user: TestUser) => ({
  get: (path: string) => request(app).get(`${base()}${path}`).set(bearer(user)),
  post: (path: string, body: unknown = {}) => request(app).post(`${base()}${path}`).set(bearer(user)).send(body as object),
  put: (path: string, body: unknown) => request(app).put(`${base()}${path}`).set(bearer(user)).send(body as object),
});

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  workers = startWorkerPool(services);
  unit = await createUnitWithBaseline(services);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const other = await createTestUnit(services);
  outsider = await createTestUser(services, [{ role: "analyst", unitCode: other.code }]);
  // Three upcoming containers loaded in Guayaquil: bananas, shrimp, cocoa.
  const posted = await as(officer).post("/manifests", buildManifest(3));
  expect(posted.status).toBe(202);
  manifestId = posted.body.manifestId as string;
  const rows = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId]);
  shipmentIds = rows.rows.map((r) => r.id);
  await waitFor(async () => {
    const r = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status = 'scored'", [manifestId]);
    return r.rows[0]!.n === 3;
  }, { what: "baseline scoring" });
});
afterAll(async () => {
  await workers.close();
  await services.dispose();
});

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await services.pool.query<{ action: string }>("SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id", [entityId]);
  return rows.rows.map((r) => r.action);
}

describe("the analyst workflow", () => {
  test("draft → validate → dry-run → edit → activate with re-score → new version → diff → retire → performance", async () => {
    const a = as(analyst);

    // Validation answers with profile paths, without saving anything.
    const broken = profileDoc({ thresholds: { medium: 40, low: 20 }, indicators: [{ code: "SRC", label: "s", points: 50, when: { op: "routeVia", ports: ["ECGYE"], extra: 1 } }] });
    const checked = await a.post("/profiles/validate", broken);
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({
      valid: false,
      indicators: null,
      errors: [
        { path: "thresholds.high", message: "required" },
        { path: "indicators[0].when.extra", message: "unknown field" },
      ],
    });
    expect((await a.post("/profiles/validate", profileDoc())).body).toEqual({ valid: true, errors: [], indicators: 2 });
    const refused = await a.post("/profiles", broken);
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(["thresholds.high", "indicators[0].when.extra"]);

    // Create: version 1, a draft.
    const created = await a.post("/profiles", profileDoc());
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${base()}/profiles/COC-FRUIT`);
    expect(created.body).toMatchObject({ profileCode: "COC-FRUIT", version: { version: 1, status: "draft", createdBy: analyst.username } });
    const v1Id = created.body.version.versionId as string;

    // Dry-run on one of the unit's shipments: the bananas container.
    const one = await a.post("/profiles/COC-FRUIT/versions/1/dry-run", { shipmentId: shipmentIds[0] });
    expect(one.status).toBe(200);
    expect(one.body.summary).toEqual({ shipments: 1, applicable: 1, selected: 1, random: 0, byBand: { high: 1, medium: 0, low: 0, none: 0 } });
    expect(one.body.results[0]).toMatchObject({
      shipmentId: shipmentIds[0],
      score: 70,
      band: "high",
      selected: true,
      random: false,
      indicators: [
        { code: "SRC", points: 50, evidence: [{ field: "derived.route", value: "ECGYE" }] },
        { code: "FRUIT", points: 20, evidence: [{ field: "hsCodes", value: "080390" }] },
      ],
    });

    // Dry-run on a posted sample of 1,000 shipments (the manifest's shipment shape).
    const sample = {
      voyage: { portOfLoading: "ECGYE", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR", arrivalDate: "2026-12-20" },
      shipments: Array.from({ length: 1_000 }, (_, i) => buildShipment(i)),
    };
    const many = await a.post("/profiles/COC-FRUIT/versions/1/dry-run", { sample });
    expect(many.status).toBe(200);
    // Every fourth shipment carries bananas: 70 points; the others 50.
    expect(many.body.summary).toEqual({ shipments: 1_000, applicable: 1_000, selected: 250, random: 0, byBand: { high: 250, medium: 750, low: 0, none: 0 } });
    expect(many.body.results[1]).toMatchObject({ index: 1, score: 50, band: "medium", selected: false });

    // An unsaved document can be dry-run too.
    const unsaved = await a.post("/profiles/dry-run", { definition: profileDoc({ thresholds: { high: 50, medium: 40, low: 20 } }), shipmentId: shipmentIds[1] });
    expect(unsaved.status).toBe(200);
    expect(unsaved.body).toMatchObject({ version: null, results: [{ score: 50, band: "high", selected: true }] });

    // Edit the draft: FRUIT weighs more. The audit keeps the earlier text.
    const edited = await a.put("/profiles/COC-FRUIT/versions/1", profileDoc({ indicators: [profileDoc().indicators[0], { ...profileDoc().indicators[1], points: 25 }] }));
    expect(edited.status).toBe(200);
    expect(edited.body.definition.indicators[1].points).toBe(25);
    const draftAudit = await services.pool.query<{ before: { definition: { indicators: { points: number }[] } } }>(
      "SELECT before FROM audit_event WHERE entity_id = $1 AND action = 'profile.draft_updated'", [v1Id],
    );
    expect(draftAudit.rows[0]!.before.definition.indicators[1]!.points).toBe(20);

    // Activate with re-scoring of upcoming shipments: the queue shows the new version's assessments.
    const activated = await a.post("/profiles/COC-FRUIT/versions/1/activate", { rescoreUpcoming: true });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ version: 1, status: "active", retiredVersion: null, shipmentsRescored: 3 });
    await waitFor(async () => {
      const r = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM assessment WHERE profile_version_id = $1", [v1Id]);
      const pending = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status <> 'scored'", [manifestId]);
      return r.rows[0]!.n === 3 && pending.rows[0]!.n === 0;
    }, { what: "re-scoring with version 1" });
    const queue = await as(officer).get(`/shipments?manifestId=${manifestId}&flagged=true`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((s: { id: string }) => s.id)).toContain(shipmentIds[0]);
    const opened = await as(officer).get(`/shipments/${shipmentIds[0]}`);
    const mine = opened.body.assessments.find((x: { profile: { code: string } }) => x.profile.code === "COC-FRUIT");
    expect(mine).toMatchObject({ profile: { version: 1, versionId: v1Id, rationale: profileDoc().rationale }, score: 75, band: "high", selected: true });
    expect(opened.body.scoring).toMatchObject({ status: "scored", selected: true });
    expect(opened.body.scoring.score).toBeGreaterThanOrEqual(75);

    // Activated versions are immutable.
    const frozen = await a.put("/profiles/COC-FRUIT/versions/1", profileDoc());
    expect(frozen.status).toBe(409);
    expect(frozen.body.error).toBe("conflict");

    // Version 2: a new draft; activating it retires version 1.
    const wrongCode = await a.post("/profiles/COC-FRUIT/versions", profileDoc({ code: "OTHER" }));
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.errors).toEqual([{ path: "code", message: "must be COC-FRUIT, the code of this profile" }]);
    const v2 = await a.post("/profiles/COC-FRUIT/versions", profileDoc({
      name: "Cocaine in fruit reefers",
      indicators: [profileDoc().indicators[0], { ...profileDoc().indicators[1], points: 10 }, { code: "REEFER", label: "Reefer", points: 15, when: { op: "eq", field: "derived.isReefer", value: true } }],
    }));
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, status: "draft" });
    const second = await a.post("/profiles/COC-FRUIT/versions/2/activate");
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, status: "active", retiredVersion: 1, shipmentsRescored: 0 });
    const profile = await a.get("/profiles/COC-FRUIT");
    expect(profile.body).toMatchObject({ name: "Cocaine in fruit reefers", activeVersion: 2 });
    expect(profile.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, "active"], [1, "retired"]]);

    // At most one active version per profile, even for a writer that bypasses the use case.
    await expect(services.pool.query("UPDATE profile_version SET status = 'active' WHERE id = $1", [v1Id])).rejects.toThrow(/profile_version_one_active/);

    // Diff between the two versions.
    const diff = await a.get("/profiles/COC-FRUIT/diff?from=1&to=2");
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({
      from: { version: 1, status: "retired" },
      to: { version: 2, status: "active" },
      added: [{ code: "REEFER", points: 15, kind: "rule" }],
      removed: [],
      changed: [{ code: "FRUIT", changes: ["points"], before: { points: 25 }, after: { points: 10 } }],
      unchanged: 1,
      settings: { name: { before: "Cocaine in fruit from source ports", after: "Cocaine in fruit reefers" } },
      identical: false,
    });

    // Retire: version 2 stops scoring; retiring twice or re-activating a retired version is a conflict.
    const retired = await a.post("/profiles/COC-FRUIT/versions/2/retire", { rescoreUpcoming: true });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ version: 2, status: "retired", shipmentsRescored: 3 });
    // The verdict is recomputed from the versions still active (the baseline); earlier assessments stay.
    const verdict = await waitFor(async () => {
      // The unit's last re-score chunk gone first, then the row: a chunk committing in between is then in what is read.
      if ((await rescoringCount(services.pool, unit.id)) > 0) return undefined;
      const r = await services.pool.query<{ status: string; score: number; baseline: number; kept: number }>(
        `SELECT st.status, st.score,
                (SELECT a.score FROM assessment a WHERE a.shipment_id = st.shipment_id AND a.profile_version_id = $2) AS baseline,
                (SELECT count(*)::int FROM assessment a WHERE a.shipment_id = st.shipment_id AND a.profile_version_id = $3) AS kept
           FROM scoring_state st WHERE st.shipment_id = $1`,
        [shipmentIds[0], unit.versionId, v1Id],
      );
      // The row stays scored during a re-score: its end is the unit's last re-score chunk gone.
      return r.rows[0]!.status === "scored" ? r.rows[0] : undefined;
    }, { what: "re-scoring after retirement" });
    expect(verdict).toMatchObject({ kept: 1 });
    expect(verdict!.score).toBe(verdict!.baseline);
    expect((await a.post("/profiles/COC-FRUIT/versions/2/retire")).status).toBe(409);
    expect((await a.post("/profiles/COC-FRUIT/versions/1/activate")).status).toBe(409);
    expect((await a.get("/profiles/COC-FRUIT")).body.activeVersion).toBeNull();

    // Performance in operation: an inspection of the bananas container found cocaine.
    await services.pool.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, commodity, methods, inspected_at)
       VALUES (gen_random_uuid(), $1, $2, 'seizure', 'cocaine', '{physical}', now()),
              (gen_random_uuid(), $3, $2, 'nothing_found', NULL, '{scan}', now())`,
      [shipmentIds[0], unit.id, shipmentIds[1]],
    );
    const perf = await as(officer).get("/profiles/COC-FRUIT/performance");
    expect(perf.status).toBe(200);
    const v1Perf = perf.body.versions.find((v: { version: number }) => v.version === 1);
    expect(v1Perf).toMatchObject({ scored: 3, selected: 1, random: 0, inspected: 2, hits: 1, hitRate: 0.5, selectedInspected: 1, selectedHits: 1, selectedHitRate: 1 });
    expect(v1Perf.indicators).toEqual([
      { code: "SRC", label: "Loaded in a source port", matched: 3, selected: 1, inspected: 2, hits: 1, hitRate: 0.5, pointsTotal: 150 },
      { code: "FRUIT", label: "Fresh fruit", matched: 1, selected: 1, inspected: 1, hits: 1, hitRate: 1, pointsTotal: 25 },
    ]);
    expect(perf.body.versions.find((v: { version: number }) => v.version === 2)).toMatchObject({ scored: 0, hitRate: null, indicators: [] });

    // The list shows every profile of the unit with its versions and their performance.
    const list = await as(officer).get("/profiles");
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(["BASELINE-SEA", "COC-FRUIT"]);
    const listed = list.body.items[1];
    expect(listed).toMatchObject({ activeVersion: null, rationale: profileDoc().rationale });
    expect(listed.versions[1]).toMatchObject({ version: 1, status: "retired", performance: { scored: 3, hits: 1 } });

    // Every change left an audit row, in order.
    expect(await auditActions(created.body.profileId as string)).toEqual(["profile.created"]);
    expect(await auditActions(v1Id)).toEqual(["profile.draft_updated", "profile.version_activated"]);
    expect(await auditActions(v2.body.versionId as string)).toEqual(["profile.version_created", "profile.version_activated", "profile.version_retired"]);
  });

  test("a draft edited after a dry-run is scored with its new text (drafts never reach the compile cache)", async () => {
    const a = as(analyst);
    const code = "DRAFT-CACHE";
    expect((await a.post("/profiles", profileDoc({ code }))).status).toBe(201);
    const before = await a.post(`/profiles/${code}/versions/1/dry-run`, { shipmentId: shipmentIds[0] });
    expect(before.body.results[0].score).toBe(70);
    await a.put(`/profiles/${code}/versions/1`, profileDoc({ code, indicators: [{ ...profileDoc().indicators[0], points: 5 }] }));
    const after = await a.post(`/profiles/${code}/versions/1/dry-run`, { shipmentId: shipmentIds[0] });
    expect(after.body.results[0].score).toBe(5);
  });
});

describe("bad input, other units and roles", () => {
  test("each class of bad input is a 400 naming the field, or a 404/409", async () => {
    const a = as(analyst);
    expect((await a.post("/profiles", profileDoc({ code: "DUP-1" }))).status).toBe(201);
    const duplicate = await a.post("/profiles", profileDoc({ code: "DUP-1" }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: "code", message: "already used by another profile of this unit" }]);

    const paths = (res: request.Response): string[] => {
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.errors.map((e: { path: string }) => e.path);
    };
    expect(paths(await a.post("/profiles/DUP-1/versions/1/dry-run", {}))).toEqual(["shipmentId"]);
    expect(paths(await a.post("/profiles/DUP-1/versions/1/dry-run", { shipmentId: shipmentIds[0], sample: { shipments: [buildShipment(0)] } }))).toEqual(["shipmentId"]);
    expect(paths(await a.post("/profiles/DUP-1/versions/1/dry-run", { shipmentId: "not-a-uuid" }))).toEqual(["shipmentId"]);
    expect(paths(await a.post("/profiles/DUP-1/versions/1/dry-run", {
      sample: { voyage: { portOfLoading: "ZZABC" }, shipments: [buildShipment(0), buildShipment(1, { countryOfOrigin: "XX", extra: 1 })] },
    }))).toEqual(["sample.voyage.portOfLoading", "sample.shipments[1].countryOfOrigin", "sample.shipments[1].extra"]);
    const tooMany = await a.post("/profiles/DUP-1/versions/1/dry-run", { sample: { shipments: Array.from({ length: 1_001 }, (_, i) => buildShipment(i)) } });
    expect(paths(tooMany)).toEqual(["sample.shipments"]);
    expect(paths(await a.post("/profiles/dry-run", { definition: profileDoc({ randomRate: 0.5 }), shipmentId: shipmentIds[0] }))).toEqual(["definition.randomRate"]);
    expect(paths(await a.post("/profiles/DUP-1/versions/1/activate", { rescoreUpcoming: "yes" }))).toEqual(["rescoreUpcoming"]);
    expect(paths(await a.get("/profiles/DUP-1/diff?from=1"))).toEqual(["query.to"]);
    expect(paths(await a.get("/profiles/DUP-1/performance?from=2026-02-01&to=2026-01-01"))).toEqual(["query.to"]);
    expect(paths(await a.post("/backtests", { profile: {} }))).toEqual(["profile"]);
    expect(paths(await a.post("/backtests", { profile: { profileCode: "DUP-1" }, from: "2026-13-01" }))).toEqual(["profile.version", "from"]);
    expect(paths(await a.post("/backtests", { profile: { definition: profileDoc({ thresholds: {} }) } }))).toEqual(["profile.definition.thresholds.high", "profile.definition.thresholds.medium", "profile.definition.thresholds.low"]);
    expect(paths(await a.post("/backtest-comparisons", { baseline: { profileCode: "DUP-1", version: 1 } }))).toEqual(["candidate"]);
    const notJson = await request(app).post(`${base()}/profiles`).set(bearer(analyst)).set("Content-Type", "application/json").send("{ not json");
    expect(notJson.status).toBe(400);

    for (const path of ["/profiles/NOPE", "/profiles/DUP-1/versions/9", "/profiles/DUP-1/versions/abc", "/profiles/DUP-1/diff?from=1&to=9"]) {
      expect((await a.get(path)).status, path).toBe(404);
    }
    expect((await a.post("/backtests", { profile: { profileCode: "DUP-1", version: 7 } })).status).toBe(404);
    // A shipment of another unit is as unknown as a missing one.
    const elsewhere = await createTestUnit(services);
    const stranger = await createTestUser(services, [{ role: "officer", unitCode: elsewhere.code }]);
    const theirs = await request(app).post(`/v1/units/${elsewhere.code}/manifests`).set(bearer(stranger)).send(buildManifest(1));
    const theirShipment = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1", [theirs.body.manifestId]);
    expect((await a.post("/profiles/DUP-1/versions/1/dry-run", { shipmentId: theirShipment.rows[0]!.id })).status).toBe(404);
  });

  test("another unit's analyst sees 404; an officer reads profiles but may not change them", async () => {
    expect((await as(outsider).get("/profiles")).status).toBe(404);
    expect((await as(outsider).get("/profiles/COC-FRUIT")).status).toBe(404);
    expect((await as(outsider).post("/profiles", profileDoc({ code: "SNEAKY" }))).status).toBe(404);
    const o = as(officer);
    expect((await o.get("/profiles")).status).toBe(200);
    const seen = await o.get("/profiles/COC-FRUIT/versions/1");
    expect(seen.status).toBe(200);
    expect(seen.body.definition.rationale).toBe(profileDoc().rationale);
    const answers = [
      await o.post("/profiles", profileDoc({ code: "OFFICER-1" })),
      await o.post("/profiles/validate", profileDoc()),
      await o.post("/profiles/COC-FRUIT/versions", profileDoc()),
      await o.put("/profiles/COC-FRUIT/versions/1", profileDoc()),
      await o.post("/profiles/COC-FRUIT/versions/1/activate"),
      await o.post("/profiles/COC-FRUIT/versions/1/retire"),
      await o.post("/profiles/COC-FRUIT/versions/1/dry-run", { shipmentId: shipmentIds[0] }),
      await o.get("/profiles/COC-FRUIT/diff?from=1&to=2"),
      await o.post("/backtests", { profile: { profileCode: "COC-FRUIT", version: 1 } }),
    ];
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 403));
  });
});
