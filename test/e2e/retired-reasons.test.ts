// "Why it was flagged" after a re-score: an officer reads the reasons of the
// profile version in force first, as the queue gives them; the retired
// version's assessment follows under "From versions no longer in force", says
// "From version 1, retired on <date> — no longer in force", and keeps its
// indicators folded. The page once listed every version's assessment by
// score, so a retired version that scored higher came first, unmarked, and
// read as the current reasons.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { fruitFromGuayaquilProfile, shot, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";
import { activateAndRescore, openWhyFlagged } from "./rescored-vessel.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

const CODE = "COC-RETIRED-REASONS";
const CONTAINERS = 4;
let harness: WebHarness;
let unitA: TestUnit;
let officer: string;
let shipmentId: string;

beforeAll(async () => {
  harness = await startWebHarness();
  let agencyCode: string;
  let manifestId: string;
  // Version 1 (active): loaded at Guayaquil 50 points, fresh fruit 20.
  ({ unitA, agencyCode, manifestId } = await vesselTomorrow(harness, CODE, CONTAINERS, 120_000));
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Rhea Reasons");
  // Version 2 gives the route 10 points only: every container scores lower than under version 1, which it retires.
  const base = fruitFromGuayaquilProfile(CODE);
  const lower = { ...base, indicators: base.indicators.map((i) => (i.code === "SRC" ? { ...i, points: 10 } : i)) };
  const versionId = await activateAndRescore(harness, unitA, manifestId, lower, CONTAINERS, "the re-score by version 2");
  // A container whose retired assessment scored higher than the one in force (loaded at Guayaquil: all of them).
  const row = await harness.services.pool.query<{ id: string }>(
    `SELECT s.id FROM shipment s JOIN assessment a2 ON a2.shipment_id = s.id AND a2.profile_version_id = $2
       JOIN assessment a1 ON a1.shipment_id = s.id AND a1.profile_version_id <> $2
       JOIN profile_version v1 ON v1.id = a1.profile_version_id AND v1.status = 'retired'
      WHERE s.manifest_id = $1 AND a1.score > a2.score ORDER BY s.line_no LIMIT 1`,
    [manifestId, versionId],
  );
  expect(row.rows).toHaveLength(1);
  shipmentId = row.rows[0]!.id;
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

describe("the reasons of a re-scored container", () => {
  test("come from the version in force; the retired version's assessment follows, marked with its retirement date, its indicators folded", async () => {
    const page = await openWhyFlagged(harness, officer, unitA.code, shipmentId, 2);
    await shot(page, "rr-01-retired-reasons");
    // The profile's first assessment under the heading is the version in force's, not the retired one's that scored higher.
    const headings = await page.locator("#why-h ~ .assessment").locator("h3, h4").allTextContents();
    expect(headings.filter((h) => h.startsWith(`Profile ${CODE} `)).map((h) => h.slice(`Profile ${CODE} `.length, `Profile ${CODE} `.length + 2))).toEqual(["v2", "v1"]);
    const inForce = page.getByTestId("assessment-in-force");
    expect(await inForce.filter({ has: page.getByRole("heading", { name: new RegExp(`^Profile ${CODE} v1 `) }) }).count()).toBe(0);
    // Its indicators show; the route counts 10 points under version 2.
    const current = inForce.filter({ has: page.getByRole("heading", { name: new RegExp(`^Profile ${CODE} v2 `) }) });
    await expect.poll(() => current.getByTestId("indicator").filter({ hasText: "SRC" }).first().isVisible()).toBe(true);
    // The retired version: under its own heading, said to be no longer in force and since when, its indicators folded.
    await expect.poll(() => page.getByRole("heading", { name: "From versions no longer in force" }).isVisible()).toBe(true);
    const retired = page.getByTestId("assessment-retired").filter({ has: page.getByRole("heading", { name: new RegExp(`^Profile ${CODE} v1 `) }) });
    expect(await retired.count()).toBe(1);
    await expect.poll(() => retired.textContent()).toMatch(/From version 1, retired on .+ — no longer in force/);
    expect(await retired.getByTestId("indicator").first().isVisible()).toBe(false);
    await retired.getByText(/Show its \d+ indicators?/).click();
    await expect.poll(() => retired.getByTestId("indicator").first().isVisible()).toBe(true);
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
