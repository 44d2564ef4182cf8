// A keyboard user records an inspection with Enter on "Record an inspection":
// once it is recorded, the focus is still on that button (the form is empty
// again, "Inspection recorded." said beside it), so the next Tab goes on from
// the form. The button was disabled while the request ran, and a focused
// button that becomes disabled drops the focus to the page's body: the user
// was sent back to the top of the page after every inspection.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { eventually, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

let harness: WebHarness;
let unitA: TestUnit;
let officer: string;
let shipmentId: string;

beforeAll(async () => {
  harness = await startWebHarness();
  let agencyCode: string;
  let manifestId: string;
  ({ unitA, agencyCode, manifestId } = await vesselTomorrow(harness, "COC-KEEP-FOCUS", 4, 120_000));
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Kira Keyboard");
  const row = await harness.services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no LIMIT 1", [manifestId]);
  shipmentId = row.rows[0]!.id;
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

// A string evaluated in the page, as the other browser tests do: the test's TypeScript has no DOM types.
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    return el ? el.tagName.toLowerCase() + ":" + (el.textContent ?? "").trim() : "none";
  })()`);

describe("recording from the keyboard", () => {
  test("after Enter on Record an inspection, the focus stays on the button", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/shipments/${shipmentId}`);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Record an inspection" }) });
    await form.getByLabel("Scanned").check();
    await form.getByLabel("Outcome").selectOption("nothing_found");
    await form.getByLabel("Notes").fill("Scanned from the keyboard");
    const submit = form.getByRole("button", { name: "Record an inspection" });
    await submit.focus();
    await page.keyboard.press("Enter");
    await form.getByText("Inspection recorded.").waitFor();
    await eventually(() => page.getByText("Scanned from the keyboard").count()).toBe(1);
    await shot(page, "rkf-01-after-enter");
    expect(await focused(page)).toBe("button:Record an inspection");
    expect(await form.getByLabel("Outcome").inputValue()).toBe("");
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
