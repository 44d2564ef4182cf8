// Two findings of a newcomer's walk of the web app, in headless Chromium:
// an officer refers a seizure to another unit of the programme (the origin
// or transit country's PCU) from the container page, choosing it from the
// programme's units, in English and in Spanish; and a container number with
// a wrong check digit in the queue search reads as a warning (amber, as the
// app's other warnings), not in the green of a success.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { containerCheckDigit } from "../../profiling/features/iso6346.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { eventually, fruitFromGuayaquilProfile, PASSWORD, postScoredManifest, shot, signIn, startWebHarness, twoUnits, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unitA: TestUnit;
let unitB: TestUnit;
let feeder: TestUser;
let officer: string;
let shipmentId: string;
let containerNumber: string;

beforeAll(async () => {
  harness = await startWebHarness();
  let agencyCode: string;
  ({ unitA, unitB, agencyCode } = await twoUnits(harness, fruitFromGuayaquilProfile("COC-REFER-UNIT")));
  feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unitA.code }], agencyCode);
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Olga Remite");
  const manifestId = await postScoredManifest(harness, unitA, feeder, 3);
  const row = await harness.services.pool.query<{ id: string; container_number: string }>("SELECT id, container_number FROM shipment WHERE manifest_id = $1 ORDER BY line_no LIMIT 1", [manifestId]);
  ({ id: shipmentId, container_number: containerNumber } = row.rows[0]!);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

/** A seizure of the shipment, recorded through the API as the unit's systems would. */
async function seize(): Promise<string> {
  const inspection = await request(harness.app).post(`/v1/units/${unitA.code}/inspections`).set(bearer(feeder)).send({
    shipmentId,
    scanned: false,
    physicallyExamined: true,
    inspectedBy: "Olga Remite",
    inspectedAt: new Date(Date.now() - 3_600_000).toISOString(),
    outcome: "seizure",
  });
  expect(inspection.status).toBe(201);
  const seizure = await request(harness.app).post(`/v1/units/${unitA.code}/seizures`).set(bearer(feeder)).send({
    inspectionId: inspection.body.id,
    commodity: "cocaine",
    quantity: 120.5,
    quantityUnit: "kg",
    concealment: "in_reefer_unit",
    detectionMethod: "profile",
    personsArrested: 0,
  });
  expect(seizure.status).toBe(201);
  return seizure.body.id as string;
}

describe("an officer refers a seizure to another unit of the programme", () => {
  test("the recipient list offers the programme's units; the referral goes to the unit chosen, named after it", async () => {
    const seizureId = await seize();
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/shipments/${shipmentId}`);
    await page.getByRole("button", { name: "Refer this seizure" }).click();
    const form = page.getByRole("form", { name: "Create a referral" });
    await form.getByLabel("Recipient").selectOption({ label: "Another unit of the programme (e.g. origin or transit country)" });
    // Not sent without a unit chosen: the field says so.
    await form.getByRole("button", { name: "Create a referral" }).click();
    await eventually(() => form.getByLabel("Unit referred to").getAttribute("aria-invalid")).toBe("true");
    const unitField = form.getByLabel("Unit referred to");
    const options = await unitField.locator("option").allInnerTexts();
    expect(options).toContain(`${unitB.code} — Test unit ${unitB.code} (EC)`);
    expect(options.some((o) => o.startsWith(`${unitA.code} `))).toBe(false);
    await unitField.selectOption(unitB.code);
    await form.getByRole("button", { name: "Create a referral" }).click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await shot(page, "ru-01-referred-to-unit");
    const referralId = page.url().split("/").pop()!;
    const referral = await request(harness.app).get(`/v1/units/${unitA.code}/referrals/${referralId}`).set(bearer(feeder));
    expect(referral.body).toMatchObject({ seizureId, recipient: { kind: "programme_unit", unitCode: unitB.code, name: `Test unit ${unitB.code}` } });
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
    await page.context().close();
  });

  test("in Spanish", async () => {
    // A seizure referred already shows its referral instead of the form: a second one.
    await seize();
    const page = await harness.newPage();
    await page.addInitScript("localStorage.setItem('portcullis.language', 'es')");
    await page.goto(`${harness.baseUrl}/`);
    await page.getByLabel("Nombre de usuario").fill(officer);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("button", { name: "Cerrar sesión" }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/shipments/${shipmentId}`);
    await page.getByRole("button", { name: "Remitir esta incautación" }).first().click();
    const kind = page.getByRole("combobox", { name: "Destinatario", exact: true });
    await kind.selectOption({ label: "Otra unidad del programa (p. ej. del país de origen o de tránsito)" });
    await eventually(() => page.getByLabel("Unidad a la que se remite").locator("option").allInnerTexts()).toContain(`${unitB.code} — Test unit ${unitB.code} (EC)`);
    await page.context().close();
  });
});

describe("a container number with a wrong check digit in the queue search", () => {
  test("reads as a warning, not as a success", async () => {
    const right = containerCheckDigit(containerNumber.slice(0, 10));
    const wrong = `${containerNumber.slice(0, 10)}${(right + 1) % 10}`;
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/queue?q=${wrong}&all=true`);
    const hint = page.getByTestId("search-hint").getByRole("status");
    await eventually(() => hint.innerText()).toBe(`${wrong} is not a valid container number: its check digit should be ${right}.`);
    expect(await hint.getAttribute("class")).toBe("warning");
    // The app's warning colour (styles.css .warning), not the success green of .notice (rgb(34, 85, 34)).
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('[data-testid=search-hint] [role=status]')).color")).toBe("rgb(122, 77, 0)");
    await shot(page, "ru-02-wrong-check-digit");
    await page.context().close();
  });
});
