// "New consignee" is judged by the shipments' own dates, not by when their
// manifests were received: two manifests arriving 200 days apart date their
// parties 200 days apart, even when both are received on the same day (as the
// demo data is), and the scoring answer is the same either way.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { installProfile } from "../../core/profiles/install-profile.js";
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
