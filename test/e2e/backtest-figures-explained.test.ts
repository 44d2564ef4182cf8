// A newcomer's walk as analyst (H4): the back-test's figures say what they
// count, and the build form says what is wrong with its periods in the
// reader's words. Before: the back-test on all records read "Hits in the
// evaluation period" and "inspecting the highest-scored share of the
// evaluation period" (there is no such period there), nothing said what a hit,
// precision or recall is, the shares read "1%" on a Spanish page, and an
// evaluation day outside the history was refused by the API as
// "1 field(s) are not valid / evaluateFrom: must be after from ..." in English.
import { afterAll, beforeAll, expect, test } from "vitest";
import { installBaselineProfiles } from "../../core/profiles/baseline-profile.js";
import { insertSeaHistory } from "../helpers/sea-history.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { createTestAgency } from "../helpers/test-users.js";
import { eventually, PASSWORD, sessionToken, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "BEANR");
  await installBaselineProfiles(harness.services, unit.id, "test");
  const agency = await createTestAgency(harness.services, "BE");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "analyst.figures");
  await insertSeaHistory(harness.services, unit.id, ["seizure", "nothing_found", "seizure", "nothing_found", "nothing_found", "nothing_found"]);
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

test("a back-test and a comparison say what their figures count, in English and Spanish, and the explanation opens from the keyboard", async () => {
  const page = await harness.newPage({ width: 1366, height: 768 });
  page.setDefaultTimeout(30_000);
  await signIn(page, harness.baseUrl, analyst);
  await eventually(() => sessionToken(page)).not.toBe("");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/profiles/BASELINE-SEA/versions/1`);
  await page.getByRole("button", { name: "Start back-test" }).click();
  const result = page.getByTestId("backtest-result");
  await result.waitFor();
  // All records are back-tested: no evaluation period is named.
  expect(await result.locator("dt").allInnerTexts()).toContain("Hits");
  expect(await result.innerText()).not.toContain("evaluation period");
  await eventually(() => result.getByTestId("pr-chart").innerText()).toContain("inspecting the highest-scored share of these records");

  const help = result.getByTestId("figures-help");
  expect(await help.getAttribute("open")).toBeNull();
  await help.locator("summary").focus();
  await page.keyboard.press("Enter");
  await eventually(() => help.getAttribute("open")).toBe("");
  const said = await help.innerText();
  expect(said).toContain("What these figures mean");
  expect(said).toContain("An inspected record whose inspection found a seizure or an irregularity.");
  expect(said).toContain("Of the records above the threshold, the share that were hits");
  expect(said).toContain("Of all the hits, the share above the threshold");
  expect(said).toContain("Precision and recall at the top k %");
  expect(said).toContain("Lift over random");
  await shot(page, "backtest-figures-explained-en");

  await page.getByRole("button", { name: "Start the comparison" }).click();
  await page.getByTestId("comparison").waitFor();
  const comparison = page.locator("section[aria-labelledby=cmp-h]");
  expect(await comparison.getByTestId("figures-help").locator("summary").innerText()).toBe("What these figures mean");

  // The same page in Spanish: the words and the shares as Spanish writes them.
  await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  await eventually(() => result.locator("dt").allInnerTexts()).toContain("Aciertos");
  const shares = await result.getByTestId("pr-chart").locator("tbody th").allInnerTexts();
  // Intl writes a no-break space between the number and the sign.
  expect(shares).toEqual(["1\u00a0%", "2\u00a0%", "5\u00a0%", "10\u00a0%"]);
  const ayuda = await help.innerText();
  expect(ayuda).toContain("Qué significan estas cifras");
  expect(ayuda).toContain("De los registros por encima del umbral, la proporción que fueron aciertos");
  expect(await result.getByTestId("pr-chart").innerText()).toContain("inspeccionando la proporción con mayor puntuación de estos registros");
  await shot(page, "backtest-figures-explained-es");
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
}, 150_000);

test("the build form says under the field, in Spanish, why its periods cannot be learned from, before asking the API", async () => {
  const page = await harness.newPage({ width: 1366, height: 768 });
  page.setDefaultTimeout(30_000);
  await page.addInitScript("localStorage.setItem('portcullis.language', 'es')");
  await page.goto(`${harness.baseUrl}/`);
  await page.getByLabel("Nombre de usuario").fill(analyst);
  await page.getByLabel("Contraseña").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await eventually(() => sessionToken(page)).not.toBe("");
  const builds: string[] = [];
  page.on("request", (r) => {
    // A build started (POST); the page reads the unit's recent builds with GET on the same path since b551617.
    if (r.method() === "POST" && r.url().includes("/profile-builds")) builds.push(r.url());
  });
  await page.goto(`${harness.baseUrl}/units/${unit.code}/analysis`);
  const evaluate = page.getByLabel("Evaluar desde (opcional)");
  expect(await page.locator("#build-evaluateFrom-hint").innerText()).toContain("se reserva para evaluar el perfil");
  await page.getByLabel("Historial desde").fill("2025-01-01");
  await page.getByLabel("Historial hasta").fill("2025-12-31");
  await evaluate.fill("2024-06-01");
  await page.getByRole("button", { name: "Iniciar la construcción" }).click();
  const problem = page.locator("#build-evaluateFrom-error");
  await eventually(() => problem.innerText()).toBe(
    "Debe ser posterior a «Historial desde» y no posterior a «Historial hasta», para que ambos periodos, el de aprender y el de evaluar, tengan registros.",
  );
  expect(await evaluate.getAttribute("aria-invalid")).toBe("true");
  expect(await page.evaluate("document.activeElement?.id")).toBe("build-evaluateFrom");
  expect(await page.locator("section[aria-labelledby=build-h]").innerText()).not.toContain("evaluateFrom");
  await shot(page, "build-form-period-es");

  // Editing the day takes the problem away; a history that ends before it starts is said under "Historial hasta".
  await evaluate.fill("");
  expect(await problem.count()).toBe(0);
  await page.getByLabel("Historial hasta").fill("2024-12-31");
  await page.getByRole("button", { name: "Iniciar la construcción" }).click();
  await eventually(() => page.locator("#build-to-error").innerText()).toBe("«Historial hasta» debe ser igual o posterior a «Historial desde».");
  expect(builds).toEqual([]);
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
}, 120_000);
