// partySeizureLinked in live scoring: the per-unit cached sets of degree 1
// (a party of a seized shipment) and degree 2 (also a party that shared a
// shipment with one), loaded from the unit's manifests and inspections.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { partyKey } from "../../profiling/features/normalize.js";
import { loadScoringContext } from "../../core/scoring/scoring-context.js";
import { clearSeizureLinkCache } from "../../core/scoring/seizure-links.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  services = createTestServices();
  app = createApp(services);
});
afterAll(async () => {
  await services.dispose();
});

const party = (name: string, country = "EC") => ({ name, address: "Somewhere 1", country });
const S = party("SEIZED SHIPPER SA");
const C = party("LINKED CONSIGNEE BV", "BE");
const T = party("NEW SHIPPER TRES SA");
const U = party("UNRELATED CONSIGNEE BV", "BE");
const keyOf = (p: { name: string; country: string }) => partyKey(p)!;

describe("seizure links in live scoring", () => {
  let unit: TestUnit;
  let auth: Record<string, string>;

  beforeAll(async () => {
    unit = await createTestUnit(services);
    auth = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  });

  async function post(shipments: Record<string, unknown>[]): Promise<string[]> {
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(auth).send(buildManifest(0, { shipments }));
    expect(posted.status).toBe(202);
    const ids = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId]);
    return ids.rows.map((r) => r.id);
  }

  async function links(): Promise<Record<string, [boolean, boolean]>> {
    const ctx = await loadScoringContext(services.pool, unit.id, [], new Date());
    return Object.fromEntries([["S", S], ["C", C], ["T", T], ["U", U]].map(([name, p]) => {
      const key = keyOf(p as typeof S);
      return [name, [ctx.partyLinkedToSeizure(key), ctx.partyLinkedToSeizure(key, 2)]];
    }));
  }

  test("degree 1 through the seized shipment, degree 2 once a shipment shares a party with it", async () => {
    const [a] = await post([buildShipment(0, { shipper: S, consignee: C })]);
    // Shipment D with shipper T is in before any link exists.
    await post([buildShipment(1, { shipper: T, consignee: U })]);
    expect(await links()).toEqual({ S: [false, false], C: [false, false], T: [false, false], U: [false, false] });

    // A seizure on A, recorded through the API: this process's cache is cleared at once.
    const inspected = await request(app).post(`/v1/units/${unit.code}/inspections`).set(auth).send({
      shipmentId: a, scanned: true, physicallyExamined: true, inspectedBy: "Team 1", inspectedAt: new Date().toISOString(), outcome: "seizure",
    });
    expect(inspected.status).toBe(201);
    expect(await links()).toEqual({ S: [true, true], C: [true, true], T: [false, false], U: [false, false] });

    // B: consignee C with a new shipper T. T is now degree 2 (it shared B with C), not degree 1;
    // U shared D with T only, and T is not degree 1: U stays unlinked.
    await post([buildShipment(2, { shipper: T, consignee: C })]);
    clearSeizureLinkCache(unit.id); // as the cache's minute running out would
    expect(await links()).toEqual({ S: [true, true], C: [true, true], T: [false, true], U: [false, false] });
  });

  test("the sets are cached per unit: a seizure written behind the process's back counts once the cache is cleared", async () => {
    const [x] = await post([buildShipment(3, { shipper: U, consignee: party("LATE CONSIGNEE BV", "BE") })]);
    const before = await links();
    expect(before.U).toEqual([false, false]);
    await services.pool.query(
      "INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, 'seizure', '{physical}', now())",
      [x, unit.id],
    );
    expect((await links()).U).toEqual([false, false]);
    clearSeizureLinkCache(unit.id);
    expect((await links()).U).toEqual([true, true]);
  });

  test("another unit's seizures link nothing here", async () => {
    const other = await createTestUnit(services);
    const ctx = await loadScoringContext(services.pool, other.id, [], new Date());
    expect(ctx.partyLinkedToSeizure(keyOf(C), 2)).toBe(false);
    expect(ctx.partyLinkedToSeizure(keyOf(S))).toBe(false);
  });
});
