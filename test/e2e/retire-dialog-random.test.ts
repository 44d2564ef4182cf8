// The retire dialog of a profile version says what retiring does to the
// random selection, as the activation dialog says its random selection is
// drawn anew: without a re-score, the containers scored from now on are no
// longer picked at random by it and the open queue keeps its picks; with one,
// the open queue is scored again (how many containers) and the retired
// version's random picks are dropped. In English and Spanish, at a laptop
// (1366×768) and a tablet (820×1180).
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { createTestUser } from "../helpers/test-users.js";
import { fitsWidth, fruitFromGuayaquilProfile, PASSWORD, postScoredManifest, screenshotDir, startWebHarness, unexpectedErrors, unitWithProfile, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;
const CODE = "RD-COC";

beforeAll(async () => {
  harness = await startWebHarness();
  // A version that picks 5 % of containers at random, live.
  const profile = { ...fruitFromGuayaquilProfile(CODE), randomRate: 0.05 };
  ({ unit, username: analyst } = await unitWithProfile(harness, profile, { activate: true, role: "analyst", name: "Retiring analyst" }));
  const feeder = await createTestUser(harness.services, [{ role: "officer", unitCode: unit.code }]);
  // Three containers not yet arrived: the open queue a re-score scores again.
  await postScoredManifest(harness, unit, feeder, 3);
}, 120_000);
afterAll(async () => harness?.close());

const TEXT = {
  en: {
    user: "User name",
    password: "Password",
    signIn: "Sign in",
    retire: "Retire this version…",
    title: `Retire ${CODE} version 1?`,
    rescore: "Re-score shipments not yet arrived",
    cancel: "Cancel",
    later: [
      "The open queue keeps its current scores: only shipments scored from now on go without this version. Tick “Re-score shipments not yet arrived” to score the open queue again.",
      "Its random selection stops: version 1 picks 5% of containers at random, and none of the containers scored from now on is picked by it. The open queue keeps its random picks until it is scored again.",
    ],
    now: [
      "The open queue will be scored again without it: the 3 containers not yet arrived.",
      "Its random selection is dropped: version 1 picks 5% of containers at random, so containers of the open queue picked at random by it lose that pick when the queue is scored again.",
    ],
  },
  es: {
    user: "Nombre de usuario",
    password: "Contraseña",
    signIn: "Entrar",
    retire: "Retirar esta versión…",
    title: `¿Retirar ${CODE} versión 1?`,
    rescore: "Volver a evaluar los envíos aún no llegados",
    cancel: "Cancelar",
    later: [
      "La cola abierta conserva sus puntuaciones actuales: solo los envíos evaluados a partir de ahora prescinden de esta versión. Marque «Volver a evaluar los envíos aún no llegados» para evaluar de nuevo la cola abierta.",
      "Su selección aleatoria se detiene: la versión 1 elige al azar el 5 % de los contenedores, y ninguno de los evaluados a partir de ahora lo elige ella. La cola abierta conserva los contenedores ya elegidos al azar hasta que se evalúe de nuevo.",
    ],
    now: [
      "La cola abierta se evaluará de nuevo sin ella: los 3 contenedores aún no llegados.",
      "Su selección aleatoria se descarta: la versión 1 elige al azar el 5 % de los contenedores, así que los contenedores de la cola abierta elegidos al azar por ella dejan de estarlo cuando la cola se evalúa de nuevo.",
    ],
  },
} as const;

/** The effects' paragraphs, no-break spaces ("5 %") read as spaces. */
const effects = async (page: Page) => (await page.getByTestId("retire-effects").locator("p").allInnerTexts()).map((p) => p.replace(/\s/g, " "));

describe("the retire dialog and the retired version's random picks", () => {
  test.each([
    ["laptop-en", { width: 1366, height: 768 }, "en"],
    ["laptop-es", { width: 1366, height: 768 }, "es"],
    ["tablet-en", { width: 820, height: 1180 }, "en"],
    ["tablet-es", { width: 820, height: 1180 }, "es"],
  ] as const)("%s", async (name, viewport, language) => {
    const say = TEXT[language];
    const page = await harness.newPage(viewport);
    page.setDefaultTimeout(20_000);
    await page.addInitScript(`localStorage.setItem('portcullis.language', '${language}')`);
    await page.goto(`${harness.baseUrl}/`);
    await page.getByLabel(say.user).fill(analyst);
    await page.getByLabel(say.password).fill(PASSWORD);
    await page.getByRole("button", { name: say.signIn }).click();
    await page.waitForURL(/\/profiles/);
    await page.goto(`${harness.baseUrl}/units/${unit.code}/profiles/${CODE}/versions/1`);

    await page.getByRole("button", { name: say.retire }).click();
    const dialog = page.getByRole("alertdialog", { name: say.title });
    await dialog.getByTestId("retire-effects").waitFor();
    expect(await effects(page)).toEqual(say.later);
    expect(await fitsWidth(page)).toBe(true);
    await dialog.screenshot({ path: path.join(screenshotDir, `retire-random-later-${name}.png`) });
    await dialog.getByRole("button", { name: say.cancel }).click();

    // With a re-score: how many containers, and the random picks dropped.
    await page.getByLabel(say.rescore).check();
    await page.getByRole("button", { name: say.retire }).click();
    await dialog.getByTestId("retire-effects").waitFor();
    expect(await effects(page)).toEqual(say.now);
    await dialog.screenshot({ path: path.join(screenshotDir, `retire-random-rescore-${name}.png`) });
    await dialog.getByRole("button", { name: say.cancel }).click();
    await page.context().close();
  }, 90_000);

  test("no browser errors", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
