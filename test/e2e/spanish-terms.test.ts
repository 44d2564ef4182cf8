// Spanish in headless Chromium (shared harness): a manager who reads Spanish
// sees counts in the right plural form ("1 incautación", then "2
// incautaciones") and the referral states in the customs vocabulary
// ("Con acuse de recibo", not "Acusada", which means accused) on the
// dashboard, the referral list and a referral's history.
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { eventually, PASSWORD, seizeAndRefer, shot, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: TestUser;
let manager: string;
let shipments: string[];
let referralId: string;

async function moveReferral(id: string, to: string): Promise<void> {
  const res = await request(harness.app).post(`/v1/units/${unit.code}/referrals/${id}/transitions`).set(bearer(officer)).send({ to });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Signs in with the interface already in Spanish (the language the user picked last time). */
async function signInInSpanish(page: Page): Promise<void> {
  await page.addInitScript("localStorage.setItem('portcullis.language', 'es')");
  await page.goto(`${harness.baseUrl}/`);
  await page.getByLabel("Nombre de usuario").fill(manager);
  await page.getByLabel("Contraseña").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByRole("button", { name: "Cerrar sesión" }).waitFor();
}

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createUnitWithBaseline(harness.services, "ECGYE");
  const agency = await createTestAgency(harness.services, "EC");
  officer = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }], agency.code);
  manager = await harness.userWithPassword([{ role: "manager", unitCode: unit.code }], agency.code, "Marta Gerente");
  // Seizures need shipments, not scores: the manifest's rows are enough.
  const posted = await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send(buildManifest(2));
  expect(posted.status).toBe(202);
  shipments = (await harness.services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [posted.body.manifestId])).rows.map((r) => r.id);
  expect(shipments).toHaveLength(2);
  const first = await seizeAndRefer(harness, unit, officer, shipments[0]!, { inspectedBy: "Equipo conjunto", quantity: 40, concealment: "in_cargo", personsArrested: 1, prosecutor: "Fiscalía Antidrogas" });
  referralId = first.referralId;
  await moveReferral(referralId, "sent");
  await moveReferral(referralId, "acknowledged");
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe("Spanish plurals and referral-state terms", () => {
  test("the dashboard counts one seizure in the singular, two in the plural, and names the acknowledged stage", async () => {
    const page = await harness.newPage();
    await signInInSpanish(page);
    await page.goto(`${harness.baseUrl}/dashboard?units=${unit.code}`);
    const summary = page.getByTestId("seizure-summary");
    await eventually(() => summary.locator("caption").innerText()).toBe("1 incautación");
    const funnel = page.getByTestId("referral-funnel");
    await eventually(() => funnel.getByRole("row", { name: /^Con acuse de recibo/ }).locator("td").first().innerText()).toBe("1");
    expect(await page.locator("main").innerText()).not.toMatch(/Acusad|1 incautaciones/);

    await seizeAndRefer(harness, unit, officer, shipments[1]!, { inspectedBy: "Equipo conjunto", quantity: 12, concealment: "in_structure", personsArrested: 0, prosecutor: "Fiscalía Antidrogas" });
    await page.reload();
    await eventually(() => summary.locator("caption").innerText()).toBe("2 incautaciones");
    await shot(page, "spanish-dashboard");
    await page.close();
  });

  test("the referral list and a referral's history use the Spanish referral states", async () => {
    const page = await harness.newPage();
    await signInInSpanish(page);
    await page.goto(`${harness.baseUrl}/units/${unit.code}/referrals`);
    const rows = page.getByTestId("referral-row");
    await eventually(() => rows.count()).toBe(2);
    const states = (await rows.allInnerTexts()).join("\n");
    expect(states).toMatch(/Con acuse de recibo/);
    expect(states).toMatch(/Borrador/);
    expect(states).not.toMatch(/Acusad|Acknowledged|status\./);

    await page.goto(`${harness.baseUrl}/units/${unit.code}/referrals/${referralId}`);
    await eventually(() => page.locator("main").innerText()).toMatch(/Enviada → Con acuse de recibo/);
    expect(await page.locator("main").innerText()).not.toMatch(/Acusad|Acknowledged/);
    await shot(page, "spanish-referral");
    await page.close();
  });

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
