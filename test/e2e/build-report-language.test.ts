// A profile build's report and failure, and a back-test's first seconds, in
// the reader's language (H6). The build screen showed the server's English
// explanation and strongest indicators (ISO dates, dot decimals) under a
// Spanish page, a failed build's English message ("no inspected shipments
// between 2020-01-01 and …"), and a back-test read "En curso: 0 % hecho"
// while it prepared the history. A draft built from a Spanish page is named
// and explained in Spanish (H4).
import { afterAll, beforeAll, expect, test } from "vitest";
import type { PoolClient } from "pg";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { createTestAgency } from "../helpers/test-users.js";
import { eventually, importPlantedHistory, shot, signedInPage, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "ESVLC");
  const agency = await createTestAgency(harness.services, "ES");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Ana Analista");
  await importPlantedHistory(harness, unit, agency.code);
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

test("a failed build, a build's report and a back-test preparing its history read in Spanish; the report in English too", async () => {
  const page = await signedInPage(harness, analyst);
  await page.goto(`${harness.baseUrl}/units/${unit.code}/analysis`);
  await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  const from = page.locator("#build-from");
  await from.waitFor();
  await from.fill("2020-01-01");
  await page.locator("#build-to").fill("2020-12-31");

  // The unit's own manifests hold no inspection: the build fails, said in Spanish with Spanish dates.
  await page.getByRole("combobox", { name: "Aprender de" }).selectOption("manifests");
  await page.getByRole("button", { name: "Iniciar la construcción" }).click();
  const failure = page.locator("p.error");
  await failure.waitFor();
  expect(await failure.innerText()).toBe(
    "No hay envíos inspeccionados entre el 1 ene 2020 y el 31 dic 2020 (en los manifiestos propios de la unidad): antes registre inspecciones de los manifiestos recibidos.",
  );
  await shot(page, "h6-build-failed-es");

  await page.getByRole("combobox", { name: "Aprender de" }).selectOption("all");
  await page.locator("#build-evaluateFrom").fill("2020-10-27");
  await page.getByRole("button", { name: "Iniciar la construcción" }).click();
  const result = page.getByTestId("build-result");
  await result.waitFor({ timeout: 60_000 });
  const explanation = await result.locator("p").first().innerText();
  expect(explanation).toMatch(/^Aprendido de [\d.]+ (declaraciones|contenedores|registros) inspeccionad[oa]s \(del \d{1,2} \w{3} 2020 al \d{1,2} \w{3} 2020\): [\d.]+ (hallaron|dieron lugar) [^(]+\(\d+(,\d)?\s%\); /);
  expect(explanation).not.toMatch(/\d{4}-\d{2}-\d{2}|Learned|inspections/);
  const strongest = await result.getByRole("list").first().getByRole("listitem").allInnerTexts();
  expect(strongest.length).toBeGreaterThan(0);
  for (const line of strongest) expect(line).toMatch(/(inspecciones anteriores|su única inspección anterior) .*→ [+-]\d+(,\d)? puntos?$/);
  expect(strongest.join("\n")).toContain("BADCO01");
  expect(strongest.join("\n")).not.toMatch(/past inspection|points|\d\.\d/);
  await shot(page, "h6-build-report-es");

  // The same report in English, composed again on the page from the same result.
  await page.getByRole("combobox", { name: /^Idioma/ }).selectOption("en");
  await eventually(() => result.locator("p").first().innerText()).toMatch(/^Learned from [\d,]+ inspected \w+ \([\w ,]+ 2020 to [\w ,]+ 2020\), [\d,]+ of which found /);
  expect(await result.getByRole("list").first().getByRole("listitem").first().innerText()).toMatch(/past inspections? .*→ [+-]\d+(\.\d)? points?$/);
  await shot(page, "h6-build-report-en");
  await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  await page.getByRole("link", { name: /^Abrir el borrador / }).waitFor();

  // A back-test of the draft: while it prepares the history (held here by a lock on the inspections), the page says so, not "0 %".
  const draftLink = page.getByRole("link", { name: /^Abrir el borrador / });
  const href = (await draftLink.getAttribute("href"))!;
  // The build was asked for from a Spanish page: the draft's stored name and rationale are Spanish (H4).
  const [, draftCode, draftVersion] = /\/profiles\/([^/]+)\/versions\/(\d+)$/.exec(href)!;
  const stored = await harness.services.pool.query<{ definition: { name: string; rationale?: string } }>(
    "SELECT v.definition FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND p.code = $2 AND v.version = $3",
    [unit.id, draftCode, Number(draftVersion)],
  );
  expect(stored.rows[0]!.definition.name).toMatch(/^Aprendido de .+, del 2020-\d{2}-\d{2} al 2020-\d{2}-\d{2}$/);
  expect(stored.rows[0]!.definition.rationale).toMatch(/^Aprendido de [\d.]+ (declaraciones|contenedores|registros) inspeccionad[oa]s \(del 2020-/);
  const lock: PoolClient = await harness.services.pool.connect();
  try {
    await lock.query("BEGIN");
    await lock.query("LOCK TABLE inspection IN ACCESS EXCLUSIVE MODE");
    await page.goto(`${harness.baseUrl}${href}`);
    await page.getByRole("button", { name: "Iniciar prueba retrospectiva" }).click();
    await eventually(() => page.locator("#bt-progress").innerText()).toBe("Preparando el historial para la prueba retrospectiva…");
    expect(await page.getByRole("progressbar", { name: "Preparando el historial para la prueba retrospectiva…" }).getAttribute("value")).toBeNull();
    await shot(page, "h6-backtest-preparing-es");
  } finally {
    await lock.query("ROLLBACK");
    lock.release();
  }
  await page.getByTestId("backtest-result").waitFor({ timeout: 60_000 });
  await eventually(() => page.locator("#bt-progress").innerText()).toMatch(/^Terminado: 100\s% completado$/);
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
}, 300_000);
