// GET .../versions/{n}/activation-preview: what the activation dialog states
// before an analyst activates a draft. How many containers of the open queue
// a re-score would score again (the unit's shipments arriving today or later,
// not those already arrived nor another unit's), the same number the
// activation then re-scores; and the random rates of the draft and of the
// live version it replaces, whose draws differ.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

const CODE = "COC-PREVIEW";
let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let analyst: Record<string, string>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const profile = (randomRate: number) => ({
  language: "portcullis/profile@1",
  code: CODE,
  name: "Cocaine from source ports",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 60, medium: 40, low: 20 },
  randomRate,
  indicators: [{ code: "SRC", label: "Loaded in a source port", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } }],
});

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  const other = await createTestUnit(services);
  analyst = bearer(await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]));
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const otherOfficer = bearer(await createTestUser(services, [{ role: "officer", unitCode: other.code }]));
  // Upcoming: 15 containers in five days. Arrived two days ago: 5. Another unit's upcoming: 7.
  for (const [auth, code, n, arrival] of [[officer, unit.code, 15, 5], [officer, unit.code, 5, -2], [otherOfficer, other.code, 7, 5]] as const) {
    const posted = await request(app).post(`/v1/units/${code}/manifests`).set(auth).send(buildManifest(n, { departureDate: day(arrival - 10), arrivalDate: day(arrival) }));
    expect(posted.status).toBe(202);
  }
  await installProfile(services, unit.id, profile(0.02), { activate: true, createdBy: "test" });
  await installProfile(services, unit.id, profile(0.05), { activate: false, createdBy: "test" });
});
afterAll(async () => services.dispose());

const preview = (version: number | string) => request(app).get(`/v1/units/${unit.code}/profiles/${CODE}/versions/${version}/activation-preview`).set(analyst);

test("the draft's random rate, the live version's, and the unit's containers not yet arrived; the activation re-scores as many", async () => {
  const res = await preview(2);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ version: 2, randomRate: 0.05, live: { version: 1, randomRate: 0.02 }, upcomingShipments: 15 });
  const activated = await request(app).post(`/v1/units/${unit.code}/profiles/${CODE}/versions/2/activate`).set(analyst).send({ rescoreUpcoming: true });
  expect(activated.status).toBe(200);
  expect(activated.body.shipmentsRescored).toBe(res.body.upcomingShipments);
  // Once live, nothing replaces it: no other live version.
  expect((await preview(2)).body).toMatchObject({ version: 2, randomRate: 0.05, live: null });
});

test("an unknown version or profile is a 404", async () => {
  expect((await preview(9)).status).toBe(404);
  expect((await request(app).get(`/v1/units/${unit.code}/profiles/NO-SUCH/versions/1/activation-preview`).set(analyst)).status).toBe(404);
});
