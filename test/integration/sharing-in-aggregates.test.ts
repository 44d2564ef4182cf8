// An agency-only seizure (and its inspection and referral) reaches members of
// its owning agency and no one else, through every path that can carry it:
// each summary in JSON and in CSV, the dashboard, the record's own route,
// the unit's notifications and alerts to other units. Two programme
// managers with the same scope differ only by agency.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { matchAlert } from "../../core/alerts/match-alerts.js";
import { withTransaction } from "../../core/db/pool.js";
import { insertReferral, insertSeizure } from "../helpers/summary-fixtures.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-01-20T00:00:00Z");
let services: TestServices;
let app: ReturnType<typeof createApp>;
const programme = `SH-${randomBytes(3).toString("hex").toUpperCase()}`;
let unitA: TestUnit;
let unitB: TestUnit;
/** Same programme scope, different agencies: the owner's (customs) and another (police). */
let ownerManager: TestUser;
let otherManager: TestUser;
let ownerOfficer: TestUser;
let otherOfficer: TestUser;
let officerB: TestUser;
/** The agency-only seizure (7 kg) and the one shared with the unit (100 kg). */
let hidden: { seizureId: string; shipmentId: string; referralId: string };
let shared: { seizureId: string; shipmentId: string };

beforeAll(async () => {
  services = createTestServices({ EXPENSIVE_RATE_LIMIT: "1000", INGEST_RATE_LIMIT: "1000" }, () => NOW);
  app = createApp(services);
  unitA = await createTestUnit(services, "BEANR");
  unitB = await createTestUnit(services, "BEZEE");
  await services.pool.query("UPDATE control_unit SET programme = $1 WHERE id = ANY($2::uuid[])", [programme, [unitA.id, unitB.id]]);
  const customs = await createTestAgency(services);
  const police = await createTestAgency(services);
  ownerManager = await createTestUser(services, [{ role: "manager", programme }], customs.code);
  otherManager = await createTestUser(services, [{ role: "manager", programme }], police.code);
  ownerOfficer = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }], customs.code);
  otherOfficer = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }], police.code);
  officerB = await createTestUser(services, [{ role: "officer", unitCode: unitB.code }], customs.code);

  await withTransaction(services.pool, async (client) => {
    const agencyOnly = { sharing: "agency" as const, ownerAgencyId: customs.id };
    const h = await insertSeizure(client, { unitId: unitA.id, commodity: "cocaine", quantity: 7, qUnit: "kg", at: "2025-06-10T08:00:00Z", arrests: 2, ...agencyOnly }, 1);
    shared = await insertSeizure(client, { unitId: unitA.id, commodity: "cocaine", quantity: 100, qUnit: "kg", at: "2025-06-12T08:00:00Z", arrests: 1 }, 2);
    const referralId = await insertReferral(client, {
      unitId: unitA.id,
      seizureId: h.seizureId,
      steps: [["sent", "2025-06-10T10:00:00Z"]],
      overdue: true,
      recipient: { kind: "prosecutor", name: "Fiscal Especial" },
    });
    hidden = { ...h, referralId };
    // One profile version that selected both seized shipments on indicator A.
    const profile = await client.query<{ id: string }>("INSERT INTO risk_profile (id, unit_id, code, name) VALUES (gen_random_uuid(), $1, 'SHARING', 'sharing') RETURNING id", [unitA.id]);
    const version = await client.query<{ id: string }>(
      "INSERT INTO profile_version (id, profile_id, version, status, definition, definition_hash) VALUES (gen_random_uuid(), $1, 1, 'active', '{}', 'x') RETURNING id",
      [profile.rows[0]!.id],
    );
    for (const shipmentId of [hidden.shipmentId, shared.shipmentId]) {
      await client.query(
        `INSERT INTO assessment (id, shipment_id, profile_version_id, unit_id, score, selected, random, indicators, scored_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 50, true, false, '[{"code":"A","label":"A","points":10,"evidence":[]}]', '2025-06-01')`,
        [shipmentId, version.rows[0]!.id, unitA.id],
      );
    }
    await client.query(
      `INSERT INTO notification (id, unit_id, kind, message, entity_type, entity_id, dedupe_key)
       VALUES (gen_random_uuid(), $1, 'referral_overdue', 'Referral of the cocaine seizure to Fiscal Especial is overdue', 'referral', $2, $3)`,
      [unitA.id, hidden.referralId, `sharing-${hidden.referralId}`],
    );
  });
});
afterAll(async () => services.dispose());

const summary = (user: TestUser, report: string, query: Record<string, string> = {}) =>
  request(app).get(`/v1/summaries/${report}`).set(bearer(user)).query({ units: unitA.code, ...query });

/** CSV body as rows of cells (the fixtures hold no quoted commas). */
const csvRows = (text: string) => text.trim().split("\r\n").map((line) => line.split(","));

describe("summaries count an agency-only seizure for its own agency only", () => {
  test("seizures: JSON and CSV", async () => {
    const owner = await summary(ownerManager, "seizures");
    const other = await summary(otherManager, "seizures");
    expect(owner.body).toMatchObject({ totalSeizures: 2, rows: [{ key: "cocaine", seizures: 2, personsArrested: 3, quantities: { kg: 107 } }] });
    expect(other.body).toMatchObject({ totalSeizures: 1, rows: [{ key: "cocaine", seizures: 1, personsArrested: 1, quantities: { kg: 100 } }] });
    // The other agency learns only that one seizure is left out, never which: the owner has nothing left out.
    expect(other.body.withheldSeizures).toBe(1);
    expect(owner.body.withheldSeizures).toBe(0);
    const outsidePeriod = await summary(otherManager, "seizures", { from: "2025-07-01" });
    expect(outsidePeriod.body).toMatchObject({ totalSeizures: 0, withheldSeizures: 0 });
    const ownerCsv = csvRows((await summary(ownerManager, "seizures", { format: "csv" })).text);
    const otherCsv = csvRows((await summary(otherManager, "seizures", { format: "csv" })).text);
    expect(ownerCsv[0]).toEqual(["commodity", "seizures", "share_percent", "quantity_kg", "persons_arrested"]);
    expect(ownerCsv.slice(1)).toEqual([["cocaine", "2", "100", "107", "3"]]);
    expect(otherCsv.slice(1)).toEqual([["cocaine", "1", "100", "100", "1"]]);
  });

  test("seizures over time: JSON and CSV", async () => {
    const query = { interval: "month", series: "all" };
    expect((await summary(ownerManager, "seizures-over-time", query)).body.rows).toMatchObject([{ period: "2025-06", seizures: 2, quantities: { kg: 107 } }]);
    expect((await summary(otherManager, "seizures-over-time", query)).body.rows).toMatchObject([{ period: "2025-06", seizures: 1, quantities: { kg: 100 } }]);
    const ownerCsv = csvRows((await summary(ownerManager, "seizures-over-time", { ...query, format: "csv" })).text);
    const otherCsv = csvRows((await summary(otherManager, "seizures-over-time", { ...query, format: "csv" })).text);
    expect(ownerCsv.slice(1)).toEqual([["2025-06", "all", "2", "107", "3"]]);
    expect(otherCsv.slice(1)).toEqual([["2025-06", "all", "1", "100", "1"]]);
  });

  test("referral follow-up: JSON and CSV", async () => {
    const owner = await summary(ownerManager, "referrals");
    const other = await summary(otherManager, "referrals");
    expect(owner.body.rows).toMatchObject([{ key: "all", seizures: 2, referred: 1, referredInTime: 1, overdueReferrals: 1, personsArrested: 3 }]);
    expect(other.body.rows).toMatchObject([{ key: "all", seizures: 1, referred: 0, referredInTime: 0, overdueReferrals: 0, personsArrested: 1 }]);
    const ownerCsv = csvRows((await summary(ownerManager, "referrals", { format: "csv" })).text);
    const otherCsv = csvRows((await summary(otherManager, "referrals", { format: "csv" })).text);
    const column = (rows: string[][], name: string) => rows[1]![rows[0]!.indexOf(name)];
    expect([column(ownerCsv, "seizures"), column(ownerCsv, "referred"), column(ownerCsv, "overdue_referrals")]).toEqual(["2", "1", "1"]);
    expect([column(otherCsv, "seizures"), column(otherCsv, "referred"), column(otherCsv, "overdue_referrals")]).toEqual(["1", "0", "0"]);
  });

  test("profile performance per version and per indicator: JSON and CSV", async () => {
    const ownerVersion = await summary(ownerManager, "profiles", { by: "version" });
    const otherVersion = await summary(otherManager, "profiles", { by: "version" });
    expect(ownerVersion.body.rows).toMatchObject([{ profile: "SHARING", assessed: 2, inspectedSelected: 2, hits: 2 }]);
    expect(otherVersion.body.rows).toMatchObject([{ profile: "SHARING", assessed: 2, inspectedSelected: 1, hits: 1 }]);
    const ownerIndicator = await summary(ownerManager, "profiles", { by: "indicator" });
    const otherIndicator = await summary(otherManager, "profiles", { by: "indicator" });
    expect(ownerIndicator.body.rows).toMatchObject([{ indicator: "A", inspected: 2, seizures: 2, hits: 2 }]);
    expect(otherIndicator.body.rows).toMatchObject([{ indicator: "A", inspected: 1, seizures: 1, hits: 1 }]);
    const csv = async (user: TestUser) => {
      const rows = csvRows((await summary(user, "profiles", { by: "indicator", format: "csv" })).text);
      return ["inspected", "seizures", "hits"].map((name) => rows[1]![rows[0]!.indexOf(name)]);
    };
    expect(await csv(ownerManager)).toEqual(["2", "2", "2"]);
    expect(await csv(otherManager)).toEqual(["1", "1", "1"]);
  });

  test("pilot list: JSON and CSV", async () => {
    const ids = (body: { items: { seizureId: string }[] }) => body.items.map((item) => item.seizureId).sort();
    expect(ids((await summary(ownerManager, "pilot")).body)).toEqual([hidden.seizureId, shared.seizureId].sort());
    expect(ids((await summary(otherManager, "pilot")).body)).toEqual([shared.seizureId]);
    const ownerCsv = (await summary(ownerManager, "pilot", { format: "csv" })).text;
    const otherCsv = (await summary(otherManager, "pilot", { format: "csv" })).text;
    expect(ownerCsv).toContain(hidden.seizureId);
    expect(otherCsv).toContain(shared.seizureId);
    expect(otherCsv).not.toContain(hidden.seizureId);
    expect(otherCsv).not.toContain("Fiscal");
  });

  test("dashboard: no block carries the record for another agency", async () => {
    const owner = await summary(ownerManager, "dashboard");
    const other = await summary(otherManager, "dashboard");
    expect(owner.status).toBe(200);
    expect(JSON.stringify(owner.body)).toContain(hidden.seizureId);
    expect(owner.body.seizures.totalSeizures).toBe(2);
    expect(other.status).toBe(200);
    const text = JSON.stringify(other.body);
    expect(text).not.toContain(hidden.seizureId);
    expect(text).not.toContain(hidden.referralId);
    expect(other.body).toMatchObject({
      seizures: { totalSeizures: 1, withheldSeizures: 1 },
      overTime: { totalSeizures: 1 },
      referrals: { rows: [{ seizures: 1, referred: 0 }] },
      pilot: { items: [{ seizureId: shared.seizureId }] },
    });
    expect(other.body.indicators.rows).toMatchObject([{ indicator: "A", seizures: 1 }]);
  });
});

describe("the record's own routes and the unit's other lists agree", () => {
  test("the seizure and its referral: 200 for the owning agency, 404 for another", async () => {
    const seizure = `/v1/units/${unitA.code}/seizures/${hidden.seizureId}`;
    expect((await request(app).get(seizure).set(bearer(ownerManager))).status).toBe(200);
    expect((await request(app).get(seizure).set(bearer(otherManager))).status).toBe(404);
    const referral = `/v1/units/${unitA.code}/referrals/${hidden.referralId}`;
    expect((await request(app).get(referral).set(bearer(ownerOfficer))).status).toBe(200);
    expect((await request(app).get(referral).set(bearer(otherOfficer))).status).toBe(404);
  });

  test("a notice about the referral reaches the owning agency's members only", async () => {
    const list = async (user: TestUser) => {
      const res = await request(app).get(`/v1/units/${unitA.code}/notifications`).set(bearer(user));
      expect(res.status).toBe(200);
      return (res.body.items as { entityId: string; id: string }[]).filter((item) => item.entityId === hidden.referralId);
    };
    const seen = await list(ownerOfficer);
    expect(seen).toHaveLength(1);
    expect(await list(otherOfficer)).toEqual([]);
    const read = (user: TestUser) => request(app).post(`/v1/units/${unitA.code}/notifications/${seen[0]!.id}/read`).set(bearer(user)).send({});
    expect((await read(otherOfficer)).status).toBe(404);
    expect((await read(ownerOfficer)).status).toBe(200);
  });

  test("sharing an agency-only seizure with other units: refused, and to another agency it does not exist", async () => {
    const send = (user: TestUser) =>
      request(app)
        .post(`/v1/units/${unitA.code}/alerts`)
        .set(bearer(user))
        .send({ subject: { kind: "seizure_report" }, message: "look", recipients: [unitB.code], seizureId: hidden.seizureId });
    const owner = await send(ownerOfficer);
    const other = await send(otherOfficer);
    expect(owner.status).toBe(400);
    expect(owner.body.errors).toEqual([{ path: "seizureId", message: "an agency-only seizure cannot be shared with other units" }]);
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: "seizureId", message: "no such seizure in your unit" }]);
  });

  test("an alert carrying an agency-only seizure flags nothing in other units and does not name it", async () => {
    const posted = await request(app).post(`/v1/units/${unitB.code}/manifests`).set(bearer(officerB)).send(buildManifest(2));
    expect(posted.status).toBe(202);
    const containers = await services.pool.query<{ container_number: string }>(
      "SELECT container_number FROM shipment WHERE manifest_id = $1 ORDER BY line_no",
      [posted.body.manifestId as string],
    );
    const alertOn = async (seizureId: string, container: string) => {
      const res = await services.pool.query<{ id: string }>(
        `WITH a AS (INSERT INTO alert (id, from_unit_id, subject_kind, subject, match_key, message, seizure_id)
                    VALUES (gen_random_uuid(), $1, 'container', $2, $3, 'seized here', $4) RETURNING id),
              r AS (INSERT INTO alert_recipient (alert_id, unit_id) SELECT a.id, $5 FROM a)
         SELECT id FROM a`,
        [unitA.id, JSON.stringify({ kind: "container", containerNumber: container }), container, seizureId, unitB.id],
      );
      return res.rows[0]!.id;
    };
    const hiddenAlert = await alertOn(hidden.seizureId, containers.rows[0]!.container_number);
    const sharedAlert = await alertOn(shared.seizureId, containers.rows[1]!.container_number);
    expect(await matchAlert(services.pool, hiddenAlert, NOW)).toBe(0);
    expect(await matchAlert(services.pool, sharedAlert, NOW)).toBe(1);
    const inbox = await request(app).get(`/v1/units/${unitB.code}/alerts`).set(bearer(officerB));
    const byId = new Map((inbox.body.items as { id: string; seizureId: string | null }[]).map((item) => [item.id, item.seizureId]));
    expect(byId.get(hiddenAlert)).toBeNull();
    expect(byId.get(sharedAlert)).toBe(shared.seizureId);
    const one = await request(app).get(`/v1/units/${unitB.code}/alerts/${hiddenAlert}`).set(bearer(officerB));
    expect(one.body).toMatchObject({ seizureId: null, seizureReport: null, flaggedShipments: [] });
  });
});
