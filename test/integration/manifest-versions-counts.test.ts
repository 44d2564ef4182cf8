// Replaced and cancelled CUSCAR manifest versions outside the officer's queue:
// alert matching and the alert inbox's counts, and the managers' profile
// performance, count a replaced manifest's containers once (in the version
// in force) and a cancelled manifest's not at all; so do the analysts' profile
// performance and the selection targets' score cut-offs. The queue, its
// counts and the voyages board are covered by manifest-versions-queue.test.ts.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { matchAlertsForShipments } from "../../core/alerts/match-alerts.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { performanceByVersion } from "../../core/profiles/profile-performance.js";
import { MIN_SAMPLE, refreshBandCutoffs } from "../../core/triage/band-cutoffs.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");
const actor = { name: "test:manifest-versions-counts" };
const programme = `V-${randomBytes(3).toString("hex").toUpperCase()}`;

let services: TestServices;
let app: ReturnType<typeof createApp>;
let sender: TestUnit;
let unit: TestUnit;
let senderOfficer: TestUser;
let officer: TestUser;
let manager: TestUser;
let sequence = 0;

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000" }, () => NOW);
  app = createApp(services);
  sender = await createTestUnit(services, "ECGYE");
  unit = await createTestUnit(services, "BEANR");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [sender.id, unit.id]]);
  senderOfficer = await createTestUser(services, [{ role: "officer", unitCode: sender.code }]);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  manager = await createTestUser(services, [{ role: "manager", programme }]);
});
afterAll(async () => services.dispose());

/** Sends one CUSCAR message (9 original, 5 replacement, 1 cancellation) to the unit; returns its manifest id. */
async function send(manifest: ManifestDocument, functionCode: "9" | "5" | "1"): Promise<string> {
  sequence += 1;
  const text = cuscarInterchange([cuscarMessage(manifest, { reference: "1", functionCode, documentDateTime: "202611191500" })], { controlReference: `VC${sequence}`, sender: "MSCU" });
  const result = await receiveInterchange(services, { unitCode: unit.code, text, actor, source: "cli" });
  expect(result.messages[0]!.errors).toEqual([]);
  return result.messages[0]!.manifestId!;
}

const shipmentIds = async (manifestId: string) =>
  (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId])).rows.map((r) => r.id);

/** A container alert from the sending unit; returns its id. */
async function alertOn(containerNumber: string): Promise<string> {
  const res = await request(app).post(`/v1/units/${sender.code}/alerts`).set(bearer(senderOfficer)).send({ subject: { kind: "container", containerNumber }, message: "watch this box", recipients: [unit.code] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function inboxCount(alertId: string): Promise<number> {
  const inbox = await request(app).get(`/v1/units/${unit.code}/alerts`).set(bearer(officer));
  return (inbox.body.items as { id: string; matchedShipments: number }[]).find((a) => a.id === alertId)!.matchedShipments;
}

async function flagged(alertId: string): Promise<string[]> {
  const list = await request(app).get(`/v1/units/${unit.code}/alert-matches`).set(bearer(officer)).query({ alertId });
  expect(list.status).toBe(200);
  return (list.body.items as { shipmentId: string }[]).map((i) => i.shipmentId);
}

describe("alerts against manifest versions", () => {
  test("a replaced manifest's container is matched and counted once, in the version in force; a cancelled one not at all", async () => {
    const original = buildManifest(0, { shipments: [buildShipment(40), buildShipment(41)] }) as unknown as ManifestDocument;
    const box = original.shipments[0]!.containerNumber!;
    const v1 = await send(original, "9");
    const early = await alertOn(box);
    expect(await flagged(early)).toEqual([(await shipmentIds(v1))[0]]);

    const v2 = await send({ ...original, shipments: [original.shipments[0]!, buildShipment(42)] } as unknown as ManifestDocument, "5");
    const [liveBox] = await shipmentIds(v2);
    // Scoring v2 matches its shipments against the unit's alerts, as the worker does.
    expect(await matchAlertsForShipments(services.pool, unit.id, await shipmentIds(v2), NOW)).toBe(1);
    expect(await flagged(early)).toEqual([liveBox]);
    expect(await inboxCount(early)).toBe(1);
    // An alert sent after the replacement finds the box once, not in the replaced version too.
    const late = await alertOn(box);
    expect(await flagged(late)).toEqual([liveBox]);
    expect(await inboxCount(late)).toBe(1);

    await send(original, "1");
    expect(await flagged(early)).toEqual([]);
    expect(await inboxCount(early)).toBe(0);
    const afterCancel = await alertOn(box);
    expect(await inboxCount(afterCancel)).toBe(0);
    expect(await matchAlertsForShipments(services.pool, unit.id, [...(await shipmentIds(v1)), ...(await shipmentIds(v2))], NOW)).toBe(0);
  });
});

describe("profile performance against manifest versions", () => {
  test("assessments of a replaced version's shipments are not counted beside the new version's; a cancelled manifest's not at all", async () => {
    const profile = await services.pool.query<{ id: string }>("INSERT INTO risk_profile (id, unit_id, code, name) VALUES (gen_random_uuid(), $1, 'VERS', 'versions') RETURNING id", [unit.id]);
    const version = await services.pool.query<{ id: string }>(
      "INSERT INTO profile_version (id, profile_id, version, status, definition, definition_hash) VALUES (gen_random_uuid(), $1, 1, 'active', '{}', 'x') RETURNING id",
      [profile.rows[0]!.id],
    );
    const assess = async (manifestId: string) => {
      for (const shipmentId of await shipmentIds(manifestId)) {
        await services.pool.query(
          `INSERT INTO assessment (id, shipment_id, profile_version_id, unit_id, score, selected, random, indicators, scored_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 80, true, false, '[]', '2026-11-20')`,
          [shipmentId, version.rows[0]!.id, unit.id],
        );
      }
    };
    const assessed = async () => {
      const res = await request(app).get("/v1/summaries/profiles").set(bearer(manager)).query({ units: unit.code });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const row = (res.body.rows as { profile: string; assessed: number; selected: number }[]).find((r) => r.profile === "VERS");
      return row ? [row.assessed, row.selected] : [0, 0];
    };
    // The analysts' view of the same version (the profile list and its performance page).
    const scored = async () => (await performanceByVersion(services.pool, unit.id, [version.rows[0]!.id])).get(version.rows[0]!.id)!.scored;
    const original = buildManifest(0, { shipments: [buildShipment(50), buildShipment(51), buildShipment(52)] }) as unknown as ManifestDocument;
    const v1 = await send(original, "9");
    await assess(v1);
    expect(await assessed()).toEqual([3, 3]);
    expect(await scored()).toBe(3);
    const v2 = await send({ ...original, shipments: [original.shipments[0]!, original.shipments[1]!] }, "5");
    await assess(v2);
    expect(await assessed()).toEqual([2, 2]);
    expect(await scored()).toBe(2);
    await send(original, "1");
    expect(await assessed()).toEqual([0, 0]);
    expect(await scored()).toBe(0);
  });
});

describe("selection-target cut-offs against manifest versions", () => {
  test("the recent scores a unit's cut-offs are taken from hold a replaced manifest's containers once and a cancelled one's not at all", async () => {
    const boxes = MIN_SAMPLE + 10;
    const original = buildManifest(0, { shipments: Array.from({ length: boxes }, (_, i) => buildShipment(200 + i)) }) as unknown as ManifestDocument;
    const score = async (manifestId: string) =>
      services.pool.query("UPDATE scoring_state SET score = 10 + (random() * 80)::int, status = 'scored' WHERE shipment_id = ANY($1::uuid[])", [await shipmentIds(manifestId)]);
    const sample = async () => {
      await refreshBandCutoffs(services, unit.id);
      const row = await services.pool.query<{ sample_size: number }>("SELECT sample_size FROM unit_band_cutoff WHERE unit_id = $1 AND transport_mode = 'sea'", [unit.id]);
      return row.rows[0]?.sample_size ?? 0;
    };
    await score(await send(original, "9"));
    expect(await sample()).toBe(boxes);
    await score(await send(original, "5"));
    expect(await sample()).toBe(boxes);
    await send(original, "1");
    // Fewer than MIN_SAMPLE scores in force: the profiles' own bands apply again.
    expect(await sample()).toBe(0);
  });
});
