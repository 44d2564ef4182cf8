// An officer looking at a vessel's containers while they are re-scored after a
// profile change: the queue filtered to the manifest says how many wait
// (GET manifest counts.rescoring) and that their score and band shown are the
// previous ones, reads the count again until it reaches 0, then says the
// re-score is done and shows the new scores; in English and in Spanish. The
// queue as it opens, no manifest chosen, says the same of the unit's
// containers (GET queue/counts rescoring).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PoolClient } from "../../core/db/pool.js";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import type { TestUnit } from "../helpers/test-units.js";
import { eventually, fruitFromGuayaquilProfile, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

const CODE = "COC-RESCORE";
const CONTAINERS = 30;
let harness: WebHarness;
let unitA: TestUnit;
let manifestId: string;
let officer: string;

beforeAll(async () => {
  harness = await startWebHarness();
  let agencyCode: string;
  ({ unitA, agencyCode, manifestId } = await vesselTomorrow(harness, CODE, CONTAINERS, 120_000));
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Olga Rescore");
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const rows = (page: Page) => page.getByTestId("queue-row");
const firstScore = async (page: Page) => Number.parseFloat((await rows(page).first().locator("td.num").innerText()).replace(",", "."));
const topScore = async () =>
  (await harness.services.pool.query<{ max: number }>("SELECT max(st.score) AS max FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = $1", [manifestId])).rows[0]!.max;

/**
 * Another transaction holds the vessel's outbox rows, then a version with every indicator `extra` points heavier is
 * activated with a re-score: its chunk jobs wait for those rows, so the re-score stays in progress until the caller
 * rolls the holder back (then releases it).
 */
async function holdAndActivate(extra: number): Promise<PoolClient> {
  const holder = await harness.services.pool.connect();
  try {
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = $1 FOR UPDATE OF st", [manifestId]);
    const profile = fruitFromGuayaquilProfile(CODE);
    const heavier = { ...profile, indicators: profile.indicators.map((i) => ({ ...i, points: i.points + extra })) };
    const draft = await installProfile(harness.services, unitA.id, heavier, { activate: false, createdBy: "e2e" });
    const activated = await activateVersion(harness.services, { id: unitA.id, code: unitA.code, country: "EC", programme: "CCP" },
      { profileCode: CODE, version: draft.version }, { rescoreUpcoming: true }, { name: "e2e" });
    expect(activated.shipmentsRescored).toBe(CONTAINERS);
    return holder;
  } catch (error) {
    await holder.query("ROLLBACK").catch(() => undefined);
    holder.release();
    throw error;
  }
}

describe("a manifest being re-scored after a profile change", () => {
  test("the queue of the vessel says how many containers wait and that their verdict is the previous one, until the re-score is done", async () => {
    const before = await topScore();
    const holder = await holdAndActivate(10);
    try {
      const page = await harness.newPage({ width: 1366, height: 768 });
      await signIn(page, harness.baseUrl, officer);
      const voyage = page.getByTestId("voyage").filter({ hasText: "MSC AURORA" });
      await voyage.getByRole("button").click();
      const notice = page.getByTestId("rescoring");
      await eventually(() => notice.innerText()).toBe(
        "30 containers of this manifest are being re-scored after a profile change: until they are, their scores and bands shown are the previous ones.",
      );
      await eventually(() => firstScore(page)).toBeCloseTo(before, 0);
      await shot(page, "rn-01-rescoring");
      // The same in Spanish (the manifest stays chosen: it is in the address).
      await page.evaluate(`localStorage.setItem('portcullis.language', 'es')`);
      await page.reload();
      await eventually(() => notice.innerText()).toBe(
        "30 contenedores de este manifiesto se están volviendo a evaluar tras un cambio de perfil: hasta entonces, sus puntuaciones y niveles mostrados son los anteriores.",
      );

      // The rows are let go: the chunks run, the count (read again every few seconds) reaches 0, and the rows show the new scores.
      await holder.query("ROLLBACK");
      await eventually(() => notice.innerText()).toBe("La nueva evaluación tras el cambio de perfil ha terminado: las puntuaciones y niveles mostrados son los nuevos.");
      const after = await topScore();
      expect(after).toBeGreaterThan(before);
      await eventually(() => firstScore(page)).toBeCloseTo(after, 0);
      await shot(page, "rn-02-rescored");
      expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
      await page.context().close();
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      holder.release();
    }
  });
});

describe("the unit's containers being re-scored, no manifest chosen", () => {
  test("the queue and voyage board say how many of the unit's containers wait and that their verdict is the previous one, until the re-score is done", async () => {
    const before = await topScore();
    const holder = await holdAndActivate(20);
    try {
      const page = await harness.newPage({ width: 1366, height: 768 });
      await signIn(page, harness.baseUrl, officer);
      // The queue as it opens: every manifest, the voyage board above it.
      await eventually(() => page.getByTestId("voyage").filter({ hasText: "MSC AURORA" }).count()).toBe(1);
      expect(new URL(page.url()).searchParams.get("manifestId")).toBeNull();
      const notice = page.getByTestId("rescoring");
      await eventually(() => notice.innerText()).toBe(
        "30 containers of this unit are being re-scored after a profile change: until they are, their scores and bands shown here are the previous ones.",
      );
      await eventually(() => firstScore(page)).toBeCloseTo(before, 0);
      await shot(page, "rn-03-unit-rescoring");
      await page.evaluate(`localStorage.setItem('portcullis.language', 'es')`);
      await page.reload();
      await eventually(() => notice.innerText()).toBe(
        "30 contenedores de esta unidad se están volviendo a evaluar tras un cambio de perfil: hasta entonces, sus puntuaciones y niveles mostrados aquí son los anteriores.",
      );

      // The rows are let go: the count, read again every few seconds with the view's counts, reaches 0, and the rows show the new scores.
      await holder.query("ROLLBACK");
      await eventually(() => notice.innerText()).toBe("La nueva evaluación tras el cambio de perfil ha terminado: las puntuaciones y niveles mostrados son los nuevos.");
      const after = await topScore();
      expect(after).toBeGreaterThan(before);
      await eventually(() => firstScore(page)).toBeCloseTo(after, 0);
      await shot(page, "rn-04-unit-rescored");
      expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
      await page.context().close();
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      holder.release();
    }
  });
});
