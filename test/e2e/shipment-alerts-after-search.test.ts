// An officer looks a container up by its number with "Flagged only" cleared
// (a box the profiles did not flag) and opens it: the container page's alerts
// from other units are read with the same GET as that queue search. The queue
// keeps the read as a paged list; the container page once read the same cache
// entry as a single page and showed "Something went wrong: Cannot read
// properties of undefined (reading 'find')" instead of the alerts, also after
// a reload (the queue navigation above the page reads the remembered search).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { eventually, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

let harness: WebHarness;
let unitA: TestUnit;
let officer: string;
let container: string;

beforeAll(async () => {
  harness = await startWebHarness();
  let agencyCode: string;
  let manifestId: string;
  ({ unitA, agencyCode, manifestId } = await vesselTomorrow(harness, "COC-ALERTS-SEARCH", 6, 120_000));
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Oscar Lookup");
  const row = await harness.services.pool.query<{ container_number: string }>(
    "SELECT container_number FROM shipment WHERE manifest_id = $1 ORDER BY line_no LIMIT 1",
    [manifestId],
  );
  container = row.rows[0]!.container_number;
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe("a container opened from a search of every container", () => {
  test("its page shows the alerts from other units, not an error, from the queue and after a reload", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/queue?q=${container}&all=true`);
    await page.getByTestId("queue-row").getByRole("link", { name: container }).click();
    await page.getByRole("heading", { name: `Container ${container}` }).waitFor();
    const alerts = page.locator("section[aria-labelledby='alerts-h']");
    await eventually(() => alerts.innerText()).toMatch(/^Alerts from other units\s+No alert from another unit\.$/);
    await shot(page, "sas-01-alerts-after-search");
    await page.reload();
    await page.getByRole("heading", { name: `Container ${container}` }).waitFor();
    await eventually(() => alerts.innerText()).toMatch(/^Alerts from other units\s+No alert from another unit\.$/);
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
