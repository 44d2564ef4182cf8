// An officer searches the queue for a container the Referrals list named, one
// only in the unit's imported history (never scored, never queued). The queue
// once answered "No container of this unit has a number starting with…",
// which was false; it now says the container is a past shipment of the unit,
// not in the queue, and links its page, which opens, says it is a past
// shipment and offers no decision. The queue filtered to a past manifest (the
// demo's year of voyages: shipments loaded without scoring state) once said
// only "No containers match these filters"; the filter no longer offers it,
// and reached by its URL the queue says why it is empty.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { containerNumber } from "../helpers/manifest-builder.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

/** The contract's history example's first line: MSKU9070323, B/L MAEU231004417, arrived 17 March 2025. */
const HISTORY_LINE = readFileSync(new URL("../../fixtures/contract/history.example.jsonl", import.meta.url), "utf8").trim().split("\n")[0]!;
let harness: WebHarness;
let unit: TestUnit;
let officer: string;
let pastManifestId: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "BEANR");
  const agency = await createTestAgency(harness.services, "BE");
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unit.code }], agency.code, "Paula Past");
  const analyst = await createTestUser(harness.services, [{ role: "analyst", unitCode: unit.code }], agency.code);
  const res = await request(harness.app).post(`/v1/units/${unit.code}/history-imports`).query({ format: "manifest-jsonl" }).set(bearer(analyst))
    .set("Content-Type", "application/x-ndjson").send(`${HISTORY_LINE}\n`);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const importId = res.body.importId as string;
  const done = await waitFor(async () => {
    const got = await request(harness.app).get(`/v1/units/${unit.code}/history-imports/${importId}`).set(bearer(analyst));
    return got.body.status === "succeeded" || got.body.status === "failed" ? (got.body as { status: string }) : undefined;
  }, { what: "history import", timeoutMs: 60_000 });
  expect(done?.status).toBe("succeeded");
  // A past voyage as the demo loads its year (core/demo/load-demo-year.ts): a manifest and its shipments, no scoring state.
  pastManifestId = randomUUID();
  await harness.services.pool.query(
    `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipment_count, content_hash)
     VALUES ($1, $2, 'MAEU-PAST-0001', 'sea', 'MAERSK ESSEN', '101W', 'ECGYE', '{}', 'BEANR', '2026-03-02', 2, 'past-voyage')`,
    [pastManifestId, unit.id],
  );
  for (const line of [0, 1]) {
    await harness.services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, manifest_id, line_no, bill_of_lading, container_number, transport_mode, port_of_loading,
         transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
       VALUES (gen_random_uuid(), $1, 'manifest', $2, $3, $4, $5, 'sea', 'ECGYE', '{}', 'BEANR', '2026-03-02', '{}', ARRAY['080390'], 'bananas')`,
      [unit.id, pastManifestId, line, `MAEUPAST${line}`, containerNumber("HLB", 500000 + line)],
    );
  }
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe("a queue search for a container only in the unit's history", () => {
  test("says it is a past shipment, not in the queue, and links its page", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unit.code}/queue?q=MSKU9070323`);
    // The manifest filter does not offer the past voyage: it has no container in the queue.
    await page.getByRole("combobox", { name: "Vessel / manifest" }).fill("MAEU-PAST");
    await page.getByTestId("voyage-status").getByText("No voyage in the queue matches “MAEU-PAST”.").waitFor();
    expect(await page.getByTestId("voyage-option").count()).toBe(0);
    await page.getByRole("combobox", { name: "Vessel / manifest" }).press("Escape");
    const hint = page.getByTestId("search-hint");
    await hint.getByText(/but 1 past shipment of this unit does/).waitFor();
    await shot(page, "pcs-01-past-container-search");
    expect(await hint.textContent()).not.toMatch(/No container of this unit has a number/);
    expect(await hint.textContent()).toMatch(/not scored and never in the queue/);
    const link = page.getByTestId("past-shipments").getByRole("link", { name: /MSKU9070323 · B\/L MAEU231004417 · arrived 17 Mar 2025/ });
    await link.click();
    await page.getByRole("heading", { name: "Container MSKU9070323" }).waitFor();
    // Its page says what it is, and offers no decision (it is in no queue; the decision's read would be a 404).
    await page.getByTestId("past-shipment").getByText(/Past shipment: part of the unit's history/).waitFor();
    await shot(page, "pcs-02-past-shipment-page");
    expect(await page.getByRole("heading", { name: "Decision" }).count()).toBe(0);
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });

  test("filtered to a past manifest, the queue says it is a past voyage whose containers were never scored", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: /Flagged containers/ }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unit.code}/queue?manifest=${pastManifestId}&all=true`);
    await page.getByText("No containers match these filters.").waitFor();
    await page.getByTestId("past-manifest").getByText(/MAEU-PAST-0001 is a past voyage in the unit's history: its 2 containers were never scored, so none is in the queue/).waitFor();
    await shot(page, "pcs-03-past-manifest");
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
