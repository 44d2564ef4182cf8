// A new unit gets the air cargo baseline next to the maritime one, so the
// Quito air cargo manifest fixture is assessed line by line through the real
// worker pipeline (the maritime baseline alone leaves air shipments unscored).
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createUnit } from "../../core/admin/manage-units.js";
import { loadAirCargoManifest, PLANTED_RISKS } from "../../fixtures/index.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { manifestProgress } from "../helpers/scoring-state.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let pool: WorkerPool | undefined;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  services = createTestServices({ SCORE_CHUNK_SIZE: "10" });
  app = createApp(services);
});
afterAll(async () => {
  await pool?.close();
  await services.dispose();
});

describe("air cargo baseline", () => {
  test("a new unit scores every line of the air cargo fixture with the active air baseline, and selects its planted risks", async () => {
    const agency = await createTestAgency(services, "EC");
    const suffix = randomBytes(3).toString("hex").toUpperCase().replace(/[01]/g, "7");
    const unit = await createUnit(services, { code: `ECUIO-A${suffix}`, name: "Quito air cargo (test)", kind: "air_cargo", timeZone: "America/Guayaquil", programme: "CCP", agencyCodes: [agency.code] }, { name: "test" });

    const active = await services.pool.query<{ code: string; id: string }>(
      "SELECT p.code, v.id FROM risk_profile p JOIN profile_version v ON v.profile_id = p.id WHERE p.unit_id = $1 AND v.status = 'active' ORDER BY p.code",
      [unit.id],
    );
    expect(active.rows).toEqual([{ code: "BASELINE-AIR", id: unit.airBaselineProfileVersionId }, { code: "BASELINE-SEA", id: unit.baselineProfileVersionId }]);

    pool = startWorkerPool(services);
    const officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }], agency.code);
    const manifest = loadAirCargoManifest();
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
    expect(posted.status).toBe(202);
    const manifestId = posted.body.manifestId as string;
    const progress = await waitFor(async () => {
      const p = await manifestProgress(services, manifestId);
      return p.scored + p.failed === manifest.shipments.length ? p : undefined;
    }, { what: "air manifest scored" });
    expect(progress).toMatchObject({ total: manifest.shipments.length, scored: manifest.shipments.length, failed: 0, assessments: manifest.shipments.length });

    // One assessment per line, each from the air baseline (the maritime one does not apply to air).
    const lines = await services.pool.query<{ house: string; version: string; score: number; selected: boolean; random: boolean }>(
      `SELECT s.house_bill_of_lading AS house, a.profile_version_id AS version, a.score, a.selected, a.random
         FROM shipment s JOIN assessment a ON a.shipment_id = s.id WHERE s.manifest_id = $1 ORDER BY s.line_no`,
      [manifestId],
    );
    expect(lines.rows).toHaveLength(manifest.shipments.length);
    expect(new Set(lines.rows.map((r) => r.version))).toEqual(new Set([unit.airBaselineProfileVersionId]));

    // The fixture's planted air risks are selected on their score; the usual flower consignments are not.
    const planted = new Set(PLANTED_RISKS.filter((r) => r.manifestRef === manifest.manifestRef).map((r) => r.houseBillOfLading));
    expect(planted.size).toBe(3);
    for (const row of lines.rows) {
      if (planted.has(row.house)) expect(row, row.house).toMatchObject({ selected: true, random: false });
      else expect(row.score, row.house).toBeLessThan(60);
    }
  });
});
