// The board of voyages due soon at a unit that screens exports too: a vessel
// loaded at the unit's own port is listed as departing on its departure day,
// never as arriving on its arrival day at the far end; it stays in the queue.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const NOW = new Date("2026-12-06T08:00:00Z");

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
const ids: Record<"leavingSoon" | "leftLastMonth" | "inbound", string> = { leavingSoon: "", leftLastMonth: "", inbound: "" };

beforeAll(async () => {
  services = createTestServices({}, () => NOW);
  app = createApp(services);
  unit = await createTestUnit(services, "ECGYE");
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const manifests = {
    // RIO GUAYAS EXPRESS: Guayaquil to Antwerp, sails tomorrow.
    leavingSoon: buildManifest(2, { vessel: { imo: "9723148", name: "RIO GUAYAS EXPRESS", voyage: "647E" }, portOfLoading: "ECGYE", portOfDischarge: "BEANR", departureDate: "2026-12-07", arrivalDate: "2026-12-24" }),
    // Sailed from Guayaquil in November and reaches Antwerp in two days: nothing happens at Guayaquil now.
    leftLastMonth: buildManifest(2, { vessel: { imo: "9074729", name: "GUAYAS TRADER", voyage: "12E" }, portOfLoading: "ECGYE", portOfDischarge: "BEANR", departureDate: "2026-11-20", arrivalDate: "2026-12-08" }),
    inbound: buildManifest(2, { vessel: { imo: "9074729", name: "CARIBE STAR", voyage: "88S" }, portOfLoading: "COCTG", portOfDischarge: "ECGYE", departureDate: "2026-12-03", arrivalDate: "2026-12-08" }),
  };
  for (const [key, manifest] of Object.entries(manifests)) {
    const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(manifest);
    expect(posted.status).toBe(202);
    ids[key as keyof typeof ids] = posted.body.manifestId as string;
  }
});
afterAll(async () => services.dispose());

describe("voyages board at a port that also screens exports", () => {
  test("an export sailing from the unit's port is 'departing' on its departure day; an import is 'arriving' on its arrival day", async () => {
    const board = await request(app).get(`/v1/units/${unit.code}/queue/voyages`).set(bearer(officer));
    expect(board.status).toBe(200);
    const items = board.body.items as { manifestId: string; direction: string; date: string; vesselName: string }[];
    expect(items.find((v) => v.manifestId === ids.leavingSoon)).toMatchObject({ vesselName: "RIO GUAYAS EXPRESS", direction: "departing", date: "2026-12-07", arrivalDate: "2026-12-24", containers: 2 });
    expect(items.find((v) => v.manifestId === ids.inbound)).toMatchObject({ vesselName: "CARIBE STAR", direction: "arriving", date: "2026-12-08" });
    // Soonest first, by the day that put each on the board.
    expect(items.map((v) => v.manifestId)).toEqual([ids.leavingSoon, ids.inbound]);
  });

  test("an export that sailed weeks ago is not on the board, though it arrives abroad within 72 hours, and stays in the queue", async () => {
    const board = await request(app).get(`/v1/units/${unit.code}/queue/voyages`).set(bearer(officer));
    expect((board.body.items as { manifestId: string }[]).some((v) => v.manifestId === ids.leftLastMonth)).toBe(false);
    const queue = await request(app).get(`/v1/units/${unit.code}/shipments`).set(bearer(officer)).query({ manifestId: ids.leftLastMonth });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(2);
  });
});
