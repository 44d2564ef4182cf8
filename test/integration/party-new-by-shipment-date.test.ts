// "New consignee" is judged by the shipments' own dates, not by when their
// manifests were received: two manifests arriving 200 days apart date their
// parties 200 days apart, even when both are received on the same day (as the
// demo data is), and the scoring answer is the same either way.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { forgetPreparedHistory, preparedHistory } from "../../core/profiles/prepared-history.js";
import { loadScoringContext } from "../../core/scoring/scoring-context.js";
import { ShipmentFacts } from "../../profiling/derived.js";
import { partyKey, partyNameKey } from "../../profiling/features/normalize.js";
import { scoreShipments } from "../../core/scoring/score-shipments.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit } from "../helpers/test-units.js";

let clock = new Date("2026-01-01T00:00:00Z");
let services: TestServices;

beforeAll(() => {
  services = createTestServices({}, () => clock);
});
afterAll(async () => {
  await services.dispose();
});

const PROFILE = {
  language: "portcullis/profile@1",
  code: "NEW-CONSIGNEE",
  name: "New consignee",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 30, low: 10 },
  indicators: [{ code: "NEW_CONSIGNEE", label: "Consignee first seen within 90 days", points: 20, when: { op: "partyNew", role: "consignee", days: 90 } }],
};

const SHARED = { name: "SHARED IMPORT BV", address: "Havenstraat 1, Antwerpen", country: "BE" };
const ONLY_SECOND = { name: "FRESH START IMPORT BV", address: "Havenstraat 9, Antwerpen", country: "BE" };

function manifest(arrivalDate: string, departureDate: string, consignees: Record<string, string>[]) {
  return manifestSchema(1_000).parse(buildManifest(0, {
    arrivalDate,
    departureDate,
    manifestFiledAt: `${departureDate}T10:00:00Z`,
    shipments: consignees.map((consignee, i) => buildShipment(i, { consignee })),
  }));
}

async function unitWithProfile() {
  const unit = await createTestUnit(services);
  await installProfile(services, unit.id, PROFILE, { activate: true, createdBy: "test" });
  const scope = { id: unit.id, code: unit.code, country: "BE", programme: "CCP" };
  return { unit, ingest: (m: ReturnType<typeof manifest>) => ingestManifest(services, { unit: scope, manifest: m, actor: { name: "test" } }) };
}

/** Scores a manifest's shipments with the real use case; returns each line's NEW_CONSIGNEE evidence, or null. */
async function newConsigneeByLine(unitId: string, manifestId: string): Promise<(unknown[] | null)[]> {
  const ids = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [manifestId]);
  await scoreShipments(services, unitId, ids.rows.map((r) => r.id));
  const found = await services.pool.query<{ line_no: number; indicators: { code: string; evidence: unknown[] }[] }>(
    `SELECT s.line_no, a.indicators FROM shipment s JOIN assessment a ON a.shipment_id = s.id WHERE s.manifest_id = $1 ORDER BY s.line_no`,
    [manifestId],
  );
  expect(found.rows).toHaveLength(ids.rows.length);
  return found.rows.map((r) => r.indicators.find((i) => i.code === "NEW_CONSIGNEE")?.evidence ?? null);
}

async function sightings(unitId: string): Promise<Record<string, string>> {
  const rows = await services.pool.query<{ name: string; first_seen_at: Date }>(
    "SELECT p.name, s.first_seen_at FROM party_sighting s JOIN party p ON p.id = s.party_id WHERE s.unit_id = $1 AND p.name = ANY($2::text[])",
    [unitId, [SHARED.name, ONLY_SECOND.name]],
  );
  return Object.fromEntries(rows.rows.map((r) => [r.name, r.first_seen_at.toISOString()]));
}

describe("partyNew by the shipment's date", () => {
  const first = () => manifest("2026-01-20", "2026-01-02", [SHARED]);
  // 200 days after the first by arrival date.
  const second = () => manifest("2026-08-08", "2026-07-20", [SHARED, ONLY_SECOND]);

  for (const receivedSameDay of [false, true]) {
    test(receivedSameDay ? "both manifests received the same day (demo data)" : "manifests received before each arrival", async () => {
      const { unit, ingest } = await unitWithProfile();
      clock = new Date("2026-01-15T08:00:00Z");
      const one = await ingest(first());
      if (!receivedSameDay) clock = new Date("2026-08-03T08:00:00Z");
      const two = await ingest(second());
      // Sightings carry the arrival dates, whenever the manifests came in.
      expect(await sightings(unit.id)).toEqual({
        [SHARED.name]: "2026-01-20T00:00:00.000Z",
        [ONLY_SECOND.name]: "2026-08-08T00:00:00.000Z",
      });

      // Scored days or months later: the answer does not move with the clock.
      for (const scoredAt of ["2026-08-08T12:00:00Z", "2026-12-31T00:00:00Z"]) {
        clock = new Date(scoredAt);
        await services.pool.query("UPDATE scoring_state SET status = 'pending' WHERE unit_id = $1", [unit.id]);
        await services.pool.query("DELETE FROM assessment WHERE unit_id = $1", [unit.id]);
        const [shared, onlySecond] = await newConsigneeByLine(unit.id, two.body.manifestId);
        expect(shared).toBeNull();
        // Its first sighting is this very shipment: never seen before it (not the shipment's own arrival date).
        expect(onlySecond).toEqual([{ field: "consignee.name", value: ONLY_SECOND.name }, { field: "consignee.firstSeen", value: "never seen" }]);
        // In the first manifest the shared consignee was new: its first sighting is that very shipment.
        const [sharedInFirst] = await newConsigneeByLine(unit.id, one.body.manifestId);
        expect(sharedInFirst).toEqual([{ field: "consignee.name", value: SHARED.name }, { field: "consignee.firstSeen", value: "never seen" }]);
      }
    });
  }
});

// Carrier manifests give party ids only sometimes: the same company comes keyed
// by its id (ID|BE|...) on one manifest and by its name (NM|BE|...) on another.
// It is new only when neither its id nor its name was seen before the shipment's day.
describe("partyNew by id or by name", () => {
  const ACME_ID = { name: "ACME IMPORT BV", address: "Havenstraat 3, Antwerpen", country: "BE", id: "BE0411222333" };
  const ACME_NO_ID = { name: "Acme Import B.V.", address: "Havenstraat 3, Antwerpen", country: "BE" };
  const ACME_NL = { name: "ACME IMPORT BV", address: "Kade 1, Rotterdam", country: "NL" };
  const BETA_NO_ID = { name: "BETA TRADING NV", address: "Kaai 2, Gent", country: "BE" };
  const BETA_ID = { name: "Beta Trading", address: "Kaai 2, Gent", country: "BE", id: "BE0555666777" };
  const LATE_ID = { name: "LATE NAME BV", address: "Dok 4, Antwerpen", country: "BE", id: "BE0999888777" };
  const LATE_NO_ID = { name: "LATE NAME BV", address: "Dok 4, Antwerpen", country: "BE" };

  test("a party seen with its id then without, or without then with, is not new; another country's namesake is; a later sighting does not count", async () => {
    const { unit, ingest } = await unitWithProfile();
    clock = new Date("2026-01-15T08:00:00Z");
    await ingest(manifest("2026-01-20", "2026-01-02", [ACME_ID, BETA_NO_ID]));
    clock = new Date("2026-08-03T08:00:00Z");
    const two = await ingest(manifest("2026-08-08", "2026-07-20", [ACME_NO_ID, BETA_ID, ACME_NL, LATE_ID]));
    clock = new Date("2026-08-25T08:00:00Z");
    // The late name without its id 24 days later: seen by name since the id-keyed sighting of 08-08.
    const three = await ingest(manifest("2026-09-01", "2026-08-20", [LATE_NO_ID]));
    clock = new Date("2026-09-02T08:00:00Z");

    const [acmeNoId, betaId, acmeNl, lateId] = await newConsigneeByLine(unit.id, two.body.manifestId);
    expect(acmeNoId).toBeNull();
    expect(betaId).toBeNull();
    expect(acmeNl).toEqual([{ field: "consignee.name", value: ACME_NL.name }, { field: "consignee.firstSeen", value: "never seen" }]);
    // Its name is seen again on 09-01, after this shipment's day: that does not make it known on 08-08.
    expect(lateId).toEqual([{ field: "consignee.name", value: LATE_ID.name }, { field: "consignee.firstSeen", value: "never seen" }]);
    const [lateNoId] = await newConsigneeByLine(unit.id, three.body.manifestId);
    expect(lateNoId).toEqual([{ field: "consignee.name", value: LATE_NO_ID.name }, { field: "consignee.firstSeen", value: "2026-08-08" }]);

    // The back-test's prepared history answers as live scoring does, for every key either asks.
    const ids = await services.pool.query<{ consignee_id: string }>("SELECT DISTINCT consignee_id FROM shipment WHERE unit_id = $1", [unit.id]);
    const live = await loadScoringContext(services.pool, unit.id, ids.rows.map((r) => r.consignee_id), clock);
    forgetPreparedHistory(unit.id);
    const history = await preparedHistory(services.pool, unit.id, 1);
    const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);
    for (const party of [ACME_ID, ACME_NO_ID, ACME_NL, BETA_NO_ID, BETA_ID, LATE_ID, LATE_NO_ID]) {
      for (const key of [partyKey(party)!, partyNameKey(party)!]) expect([key, day(history.partyFirstSeen(key))]).toEqual([key, day(live.partyFirstSeen(key))]);
    }
    expect(day(live.partyFirstSeen(partyNameKey(ACME_NO_ID)!))).toBe("2026-01-20");
    expect(day(live.partyFirstSeen(partyNameKey(ACME_NL)!))).toBe("2026-08-08");
    const facts = (party: typeof ACME_ID | typeof ACME_NO_ID) => new ShipmentFacts({ id: "x", transportMode: "sea", transshipmentPorts: [], sealNumbers: [], isEmpty: false, hsCodes: [], attributes: {}, consignee: { ...party, key: partyKey(party) } }, live);
    expect(day(facts(BETA_ID).partyFirstSeen(1, partyKey(BETA_ID)!))).toBe("2026-01-20");
    expect(day(facts(LATE_ID).partyFirstSeen(1, partyKey(LATE_ID)!))).toBe("2026-08-08");
  });
});
