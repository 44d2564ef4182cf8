// The container page shows the box's type, seals and freight terms, which the
// manifest gave and the database stored but the page left out: the ISO 6346
// code with its reading in plain words, the seal numbers, who pays the
// freight; a shipment whose manifest gave none of them says so plainly. In
// English and in Spanish.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { eventually, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let reefer: string;
let bare: string;

beforeAll(async () => {
  harness = await startWebHarness();
  const { services, app } = harness;
  unit = await createTestUnit(services);
  const agency = await createTestAgency(services);
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, "officer.equipment");
  const feeder = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const withEverything = buildShipment(0, { containerType: "45R1", sealNumbers: ["S8312021", "ML-7741"], freightTerms: "collect" });
  const { containerType: _type, sealNumbers: _seals, freightTerms: _terms, ...withNone } = buildShipment(1);
  const posted = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(buildManifest(0, { shipments: [withEverything, withNone] }));
  expect(posted.status, JSON.stringify(posted.body)).toBe(202);
  const rows = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId]);
  [reefer, bare] = rows.rows.map((r) => r.id) as [string, string];
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

test("type with its reading, seals and freight terms; missing ones said plainly; in Spanish too", async () => {
  const page = await harness.newPage();
  await signIn(page, harness.baseUrl, officer);
  await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
  await page.goto(`${harness.baseUrl}/units/${unit.code}/shipments/${reefer}`);
  await eventually(() => page.getByTestId("container-type").textContent()).toBe("45R1 — 40 ft high cube, reefer");
  expect(await page.getByTestId("seal-numbers").textContent()).toBe("S8312021, ML-7741");
  expect(await page.getByTestId("freight-terms").textContent()).toBe("Collect (freight paid at destination, by the consignee)");
  await shot(page, "ce-01-container-equipment");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/shipments/${bare}`);
  await eventually(() => page.getByTestId("container-type").textContent()).toBe("Not given in the manifest");
  expect(await page.getByTestId("seal-numbers").textContent()).toBe("None given in the manifest");
  expect(await page.getByTestId("freight-terms").textContent()).toBe("Not given in the manifest");
  await page.evaluate(`localStorage.setItem('portcullis.language', 'es')`);
  await page.goto(`${harness.baseUrl}/units/${unit.code}/shipments/${reefer}`);
  await eventually(() => page.getByTestId("container-type").textContent()).toBe("45R1 — 40 pies, high cube, refrigerado (reefer)");
  expect(await page.getByTestId("freight-terms").textContent()).toBe("Por cobrar (flete pagado en destino, por el consignatario)");
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  await page.context().close();
}, 120_000);
