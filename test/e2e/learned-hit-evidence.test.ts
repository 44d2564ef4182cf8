// A newcomer's walk as officer (H4): why a container was flagged by a profile
// the builder learned, in English and Spanish. The demo's learned profile
// showed, under a Spanish page, its indicators in English ("Port of loading",
// "Transshipped in PAMIT", "Gross kg per package 13 to under 20 kg" with an
// English decimal point), a band's evidence twice (its two bounds each wrote
// the value: "kg por bulto: 13,09" two times), freight terms as the raw code
// "prepaid", and a table label naming its key's raw values ("(true) or dry
// (false)"). The profile below is written as the builder writes it.
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { installProfile } from "../../core/profiles/install-profile.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { eventually, PASSWORD, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let shipmentId: string;

const LEARNED = {
  language: "portcullis/profile@1",
  code: "LEARNED-E2E",
  name: "Learned from cocaine seizures, 2025-12-09 to 2026-09-25",
  target: { kind: "commodity", commodity: "cocaine" },
  rationale: "Learned from the unit's inspected history.",
  thresholds: { low: 0.2, medium: 0.4, high: 0.6, select: 0.6 },
  indicators: [
    { code: "LOADING_PORT", label: "Port of loading", table: { key: ["portOfLoading"], default: 0, entries: { ECGYE: 0.3 } } },
    { code: "VIA_PORT.PAMIT", label: "Transshipped in PAMIT", points: -0.5, when: { op: "eq", field: "transshipmentPorts", value: "PAMIT" } },
    {
      code: "KG_PER_PACKAGE.B02",
      label: "Gross kg per package 13.5 to under 20 kg",
      points: 0.2,
      when: { op: "all", of: [{ op: "gte", field: "derived.kgPerPackage", value: 13.5 }, { op: "lt", field: "derived.kgPerPackage", value: 20 }] },
    },
    { code: "FREIGHT_SHIPPER_COUNTRY", label: "Freight terms with the shipper's country", table: { key: ["freightTerms", "shipper.country"], default: 0, entries: { "PREPAID|EC": 0.1 } } },
    { code: "HS4_REEFER", label: "HS heading in a reefer (true) or dry (false) container", table: { key: ["hs:4", "derived.isReefer"], default: 0, entries: { "0803|TRUE": 0.2 } } },
  ],
};

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "BEANR");
  await installProfile(harness.services, unit.id, LEARNED, { activate: true, createdBy: "e2e" });
  const agency = await createTestAgency(harness.services, "BE");
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, "officer.learned");
  const feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }]);
  // One container of fresh bananas (45R1 reefer, 19 kg a carton, prepaid) loaded in Guayaquil via Manzanillo.
  const posted = await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(buildManifest(1));
  expect(posted.status).toBe(202);
  await waitFor(async () => {
    const r = await harness.services.pool.query<{ id: string }>(
      "SELECT sh.id FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status = 'scored'",
      [posted.body.manifestId],
    );
    shipmentId = r.rows[0]?.id ?? "";
    return shipmentId !== "";
  }, { what: "scoring of the bananas" });
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

/** The "why it was flagged" rows: label, points and evidence as the officer reads them. */
async function indicatorRows(page: Page): Promise<string[]> {
  const rows = page.getByTestId("indicator");
  await rows.first().waitFor();
  return (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, " ").trim());
}

test("a learned profile's hit reads in plain words, once each, in English and in Spanish", async () => {
  const page = await harness.newPage({ width: 1366, height: 768 });
  page.setDefaultTimeout(30_000);
  await signIn(page, harness.baseUrl, officer, PASSWORD);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await page.goto(`${harness.baseUrl}/units/${unit.code}/shipments/${shipmentId}`);
  const en = await indicatorRows(page);
  expect(en).toEqual([
    "Port of loading LOADING_PORT 0.3 Port of loading: ECGYE",
    "Transshipped in PAMIT VIA_PORT.PAMIT -0.5 Transhipment ports: PAMIT",
    "Gross kg per package 13.5 to under 20 kg KG_PER_PACKAGE.B02 0.2 kg per package: 19",
    "Freight terms with the shipper's country FREIGHT_SHIPPER_COUNTRY 0.1 Freight terms: prepaid Shipper: country: EC",
    "HS heading, in a reefer or a dry container HS4_REEFER 0.2 HS codes: 080390 Reefer container: Yes",
  ]);
  await shot(page, "learned-hit-evidence-en");

  await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  await eventually(() => indicatorRows(page)).toEqual([
    "Puerto de carga LOADING_PORT 0,3 Puerto de carga: ECGYE",
    "Transbordado en PAMIT VIA_PORT.PAMIT -0,5 Puertos de transbordo: PAMIT",
    "Kg brutos por bulto: de 13,5 a menos de 20 kg KG_PER_PACKAGE.B02 0,2 kg por bulto: 19",
    "Condiciones de flete con el país del embarcador FREIGHT_SHIPPER_COUNTRY 0,1 Condiciones de flete: pagado en origen Embarcador: país: EC",
    "Partida SA, en contenedor refrigerado o seco HS4_REEFER 0,2 Códigos SA: 080390 Contenedor refrigerado: Sí",
  ]);
  await shot(page, "learned-hit-evidence-es");
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
}, 120_000);
