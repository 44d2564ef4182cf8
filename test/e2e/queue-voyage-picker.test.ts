// The queue's manifest filter over a unit with more voyages than a page: 61
// in the queue (a port receives some 200 a year) and a past one of its
// history. The old drop-down offered the first 50 by latest arrival, so the
// oldest voyage in the queue could not be chosen at all. The picker finds it
// by vessel, voyage number or arrival date as the officer types (read from
// the server), never offers the past voyage, pages its options, and keeps
// the chosen voyage named after Apply and after a reload, when it is on no
// page of options shown.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { eventually, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let nordicId: string;
const NORDIC = "NORDIC STAR 077S · NORD-077S · 1 Jun 2026";

beforeAll(async () => {
  harness = await startWebHarness();
  const { services, app } = harness;
  unit = await createTestUnit(services);
  const agency = await createTestAgency(services);
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, "officer.voyages");
  const feeder = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  const post = async (manifestRef: string, name: string, voyage: string, arrivalDate: string) => {
    const res = await request(app)
      .post(`/v1/units/${unit.code}/manifests`)
      .set(bearer(feeder))
      .send(buildManifest(1, { manifestRef, vessel: { imo: "9074729", name, voyage }, departureDate: "2026-05-20", arrivalDate }));
    expect(res.status).toBe(202);
    return res.body.manifestId as string;
  };
  // The oldest voyage in the queue: 61st by latest arrival, beyond the old drop-down's 50.
  nordicId = await post("NORD-077S", "NORDIC STAR", "077S", "2026-06-01");
  for (let i = 0; i < 60; i += 1) {
    const day = new Date(Date.UTC(2026, 6, 1 + i)).toISOString().slice(0, 10);
    await post(`FEED-${String(i).padStart(4, "0")}`, "CAPE FEEDER", `F${i}`, day);
  }
  // A past voyage of the same vessel in the unit's history: none of its containers is in the queue.
  await services.pool.query(
    `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipment_count, content_hash)
     VALUES (gen_random_uuid(), $1, 'PAST-NORD-01', 'sea', 'NORDIC STAR', '001N', 'ECGYE', '{}', 'BEANR', '2025-05-01', 0, 'past-nordic')`,
    [unit.id],
  );
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

test("finds the oldest voyage by vessel, voyage or date, never the past one, and keeps it named after Apply and a reload", async () => {
  const page = await harness.newPage({ width: 1366, height: 768 });
  await signIn(page, harness.baseUrl, officer);
  await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
  await page.goto(`${harness.baseUrl}/units/${unit.code}/queue?all=true`);
  const picker = page.getByRole("combobox", { name: "Vessel / manifest" });
  const status = page.getByTestId("voyage-status");
  const options = page.getByTestId("voyage-option");
  await picker.click();
  await eventually(() => status.textContent()).toBe("61 voyages in the queue");
  expect(await options.count()).toBe(20);
  await page.getByRole("button", { name: "More voyages" }).click();
  await eventually(() => options.count()).toBe(40);

  await picker.fill("nordic");
  await eventually(() => status.textContent()).toBe("1 voyage in the queue matches");
  expect(await options.allTextContents()).toEqual([NORDIC]);
  await shot(page, "qvp-01-search-by-vessel");
  await picker.press("ArrowDown");
  await picker.press("Enter");
  await eventually(() => picker.inputValue()).toBe(NORDIC);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get("manifest"))).toBe(nordicId);
  await eventually(() => page.getByTestId("queue-row").count()).toBe(1);

  // A reload (or a shared link): the voyage is on no page of options read, and is still named.
  await page.reload();
  await eventually(() => picker.inputValue()).toBe(NORDIC);
  expect(await page.getByTestId("queue-row").count()).toBe(1);

  // By voyage number, and by the arrival date as the page writes it.
  await picker.fill("077s");
  await eventually(() => options.allTextContents()).toEqual([NORDIC]);
  await picker.fill("1 Jun 2026");
  await eventually(() => options.allTextContents()).toEqual([NORDIC]);
  await picker.fill("01/06/2026");
  await eventually(() => options.allTextContents()).toEqual([NORDIC]);
  // The past voyage has no container in the queue: it is never offered.
  await picker.fill("PAST-NORD");
  await eventually(() => status.textContent()).toBe("No voyage in the queue matches “PAST-NORD”.");
  expect(await options.count()).toBe(0);
  // Escape leaves the choice as it was.
  await picker.press("Escape");
  expect(await picker.inputValue()).toBe(NORDIC);

  // "All manifests" clears it.
  await picker.click();
  await page.getByTestId("voyage-all").click();
  expect(await picker.inputValue()).toBe("");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await eventually(() => Promise.resolve(new URL(page.url()).searchParams.get("manifest"))).toBeNull();
  expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  await page.context().close();
}, 120_000);
