// A unit's profile list puts the profiles that apply to its transport mode
// first: a seaport sees the maritime baseline before the air one, an air
// cargo unit the air baseline first; a profile scoped to no mode applies to
// every unit. Each profile says which modes it is scoped to.
import { randomBytes } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createUnit } from "../../core/admin/manage-units.js";
import { loadBaselineProfile } from "../../core/profiles/baseline-profile.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let agencyCode: string;

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  agencyCode = (await createTestAgency(services, "EC")).code;
});
afterAll(async () => services.dispose());

/** A new unit of this kind (with both baselines, as every unit starts), plus a profile scoped to no mode. */
async function unitOfKind(kind: "seaport" | "air_cargo") {
  const suffix = randomBytes(3).toString("hex").toUpperCase().replace(/[01]/g, "7");
  const unit = await createUnit(services, { code: `ECX-${kind === "seaport" ? "S" : "A"}${suffix}`, name: `Order test ${kind}`, kind, timeZone: "America/Guayaquil", programme: "CCP", agencyCodes: [agencyCode] }, { name: "test" });
  const unscoped: Record<string, unknown> = { ...((await loadBaselineProfile()) as Record<string, unknown>), code: "ANY-MODE", name: "Every mode" };
  delete unscoped.scope;
  await installProfile(services, unit.id, unscoped, { activate: false, createdBy: "test" });
  const analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }], agencyCode);
  const res = await request(app).get(`/v1/units/${unit.code}/profiles`).set(bearer(analyst));
  expect(res.status).toBe(200);
  return res.body.items as { code: string; transportModes: string[] | null }[];
}

describe("the profile list", () => {
  test("in a seaport: the profiles that apply to sea first, the air baseline last", async () => {
    const items = await unitOfKind("seaport");
    expect(items.map((p) => p.code)).toEqual(["ANY-MODE", "BASELINE-SEA", "BASELINE-AIR"]);
    expect(items.map((p) => p.transportModes)).toEqual([null, ["sea"], ["air"]]);
  });

  test("in an air cargo unit: the air baseline first, the maritime one last", async () => {
    const items = await unitOfKind("air_cargo");
    expect(items.map((p) => p.code)).toEqual(["ANY-MODE", "BASELINE-AIR", "BASELINE-SEA"]);
  });
});
