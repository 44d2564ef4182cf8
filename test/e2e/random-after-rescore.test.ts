// A container drawn at random by one version of a profile, then re-scored
// after a version without random selection was activated: the unit's verdict
// (scoring state) is no longer random and the queue no longer flags it, so
// its page must not say "Random selection: chosen at random for control" at
// the top. The retired version's assessment, listed below with its own
// "Random selection" tag, stays as it was. The page once took the banner
// from any assessment, the retired one included.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestUnit } from "../helpers/test-units.js";
import { fruitFromGuayaquilProfile, shot, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";
import { activateAndRescore, openWhyFlagged } from "./rescored-vessel.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

const CODE = "COC-RANDOM-RESCORE";
const CONTAINERS = 40;
let harness: WebHarness;
let unitA: TestUnit;
let officer: string;
let shipmentId: string;

/** Activates a new version of CODE with this random rate, re-scoring the vessel, and waits for the re-score. */
const activateWithRandomRate = (manifestId: string, randomRate: number): Promise<string> =>
  activateAndRescore(harness, unitA, manifestId, { ...fruitFromGuayaquilProfile(CODE), randomRate }, CONTAINERS, `the re-score with random rate ${randomRate}`);

beforeAll(async () => {
  harness = await startWebHarness();
  let agencyCode: string;
  let manifestId: string;
  ({ unitA, agencyCode, manifestId } = await vesselTomorrow(harness, CODE, CONTAINERS, 120_000));
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Rita Random");
  // A fifth of the vessel drawn at random (40 containers: none drawn has a chance of 1 in 7,500), then none.
  const drawing = await activateWithRandomRate(manifestId, 0.2);
  await activateWithRandomRate(manifestId, 0);
  const row = await harness.services.pool.query<{ id: string }>(
    `SELECT s.id FROM shipment s JOIN scoring_state st ON st.shipment_id = s.id JOIN assessment a ON a.shipment_id = s.id AND a.profile_version_id = $2
      WHERE s.manifest_id = $1 AND a.random AND NOT st.random ORDER BY s.line_no LIMIT 1`,
    [manifestId, drawing],
  );
  expect(row.rows).toHaveLength(1);
  shipmentId = row.rows[0]!.id;
}, 400_000);

afterAll(async () => {
  await harness?.close();
});

describe("a container drawn at random by a retired version", () => {
  test("its page does not call it a random selection; the retired version's assessment keeps its tag", async () => {
    const page = await openWhyFlagged(harness, officer, unitA.code, shipmentId, 3);
    await shot(page, "rar-01-random-after-rescore");
    expect(await page.getByTestId("random-selection").count()).toBe(0);
    const retired = page.locator(".assessment").filter({ has: page.getByRole("heading", { name: new RegExp(`^Profile ${CODE} v2 `) }) });
    await expect.poll(() => retired.locator(".tag.random").count()).toBe(1);
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
