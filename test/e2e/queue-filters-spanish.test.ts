// The queue's filters at 1366×768 in Spanish: every drop-down shows its chosen
// text whole ("Número de contenedor", and "Todos" under "Buque / manifiesto"), never cut.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signIn, startWebHarness, type WebHarness } from "./harness.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

let harness: WebHarness;
let officer: string;

beforeAll(async () => {
  harness = await startWebHarness();
  const { unitA, agencyCode } = await vesselTomorrow(harness, "COC-ES-FILTERS", 20, 120_000);
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Olga Filtros");
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe("queue filters in Spanish at 1366 px", () => {
  test("each drop-down is wide enough for its chosen text and the native arrow", async () => {
    const page = await harness.newPage({ width: 1366, height: 768 });
    await signIn(page, harness.baseUrl, officer);
    // The sign-in page is English here (the harness signs in by its English labels); the queue is read in Spanish.
    await page.getByRole("form", { name: "Filters" }).waitFor();
    await page.evaluate(`localStorage.setItem('portcullis.language', 'es')`);
    await page.reload();
    const filters = page.getByRole("form", { name: "Filtros" });
    await filters.locator("select").first().waitFor();
    // The chosen option's text measured in the select's own font, against the room inside the select (padding and the arrow's 16 px taken off).
    const selects = await page.evaluate<{ text: string; need: number; room: number }[]>(`(() => {
      const ctx = document.createElement("canvas").getContext("2d");
      return [...document.querySelectorAll("form.compact-filters select")].map((s) => {
        const cs = getComputedStyle(s);
        ctx.font = cs.font;
        const text = s.options[s.selectedIndex].text;
        return { text, need: Math.ceil(ctx.measureText(text).width), room: s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 16 };
      });
    })()`);
    const texts = selects.map((s) => s.text);
    // Short "all" choices under their labels keep the filter bar on one line at 1366 px (15 rows in the first screen).
    expect(texts).toContain("Todos");
    expect(texts).toContain("Número de contenedor");
    for (const s of selects) expect(s.need, s.text).toBeLessThanOrEqual(s.room);
    // Wider drop-downs still leave the page without a sideways scroll.
    expect(await page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await page.context().close();
  });
});
