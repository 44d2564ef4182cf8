// Shared frame of the browser tests: the real app on a real loopback port with
// the run's database, an in-process worker pool, and headless Debian chromium
// through playwright-core (no browser download). The web client is built once
// per run by test/global-setup.ts into the run's own WEB_ROOT, so neither the
// files of a run nor parallel runs rebuild it under each other.
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import request from "supertest";
import { expect } from "vitest";
import { createApp } from "../../api/app.js";
import { createUser } from "../../core/admin/manage-users.js";
import { installProfile } from "../../core/profiles/install-profile.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { declarationsCsv, plantedHistory } from "../helpers/declarations-csv.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

/**
 * Debian's chromium-headless-shell when installed: the same Chromium (same
 * Blink, same version) built for headless use only, which is what Playwright
 * itself runs for headless tests. It spent about 40 % less CPU than the full
 * browser in headless mode on the same file (officer-accessibility: 44 against
 * 75 CPU seconds of Chromium), and the browser files are most of the suite's
 * CPU on 2 cores. Else Debian's full chromium (.ci/run installs both);
 * TEST_CHROMIUM names another binary (e.g. /usr/bin/chromium to compare).
 */
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
export const CHROMIUM = process.env.TEST_CHROMIUM ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");
export const PASSWORD = "correct horse battery staple";
const root = fileURLToPath(new URL("../..", import.meta.url));
export const screenshotDir = path.join(root, "test-artifacts", "screenshots");

export type Role = "officer" | "analyst" | "manager";

export interface WebHarness {
  services: TestServices;
  app: ReturnType<typeof createApp>;
  baseUrl: string;
  browser: Browser;
  /** Console errors and page errors of every page opened through newPage. */
  browserErrors: string[];
  /** `bypassCSP`: the page's scripts may add script tags (axe.ts injects axe-core so). */
  newPage(viewport?: { width: number; height: number }, options?: { bypassCSP?: boolean }): Promise<Page>;
  /** A user who signs in with PASSWORD, holding the given roles. */
  userWithPassword(memberships: { role: Role; unitCode: string }[], agencyCode: string, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the web end-to-end tests need Debian's chromium-headless-shell or chromium (apt-get update && apt-get install -y chromium-headless-shell chromium; .ci/run does this)`);
  }
  mkdirSync(screenshotDir, { recursive: true });
  // The worker's browser starts (or is found running) while the app binds.
  const launched = workerBrowser();
  const services = createTestServices({ INGEST_RATE_LIMIT: "1000", EXPENSIVE_RATE_LIMIT: "1000", ...env });
  const workers: WorkerPool = startWorkerPool(services);
  const app = createApp(services);
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launched;
  const browserErrors: string[] = [];
  // Every page gets a context of its own (no cookies or storage shared between
  // pages or files); close() closes this file's contexts, not the browser.
  const contexts = new Set<BrowserContext>();

  return {
    services,
    app,
    baseUrl,
    browser,
    browserErrors,
    async newPage(viewport = { width: 1280, height: 900 }, options = {}) {
      const context = await browser.newContext({ locale: "en-GB", timezoneId: "America/Guayaquil", viewport, ...options });
      contexts.add(context);
      context.on("close", () => contexts.delete(context));
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on("console", (message) => {
        if (message.type() === "error") browserErrors.push(message.text());
      });
      page.on("pageerror", (error) => browserErrors.push(error.message));
      return page;
    },
    async userWithPassword(memberships, agencyCode, name) {
      const username = `${name}.${Math.random().toString(36).slice(2, 8)}`;
      await createUser(services, { username, displayName: name, agencyCode, memberships, password: PASSWORD }, { name: "e2e-setup" });
      return username;
    },
    async close() {
      await Promise.all([...contexts].map((context) => context.close().catch(() => undefined)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await workers.close();
      await services.dispose();
    },
  };
}

let sharedBrowser: Promise<Browser> | undefined;

/**
 * The Chromium of this test worker process, launched on first use and shared
 * by the browser test files the worker runs one after another (vitest's
 * isolate: false keeps this module, and so the browser, between files).
 * Launching one per file cost a second or two of the 2 cores each time. Files
 * never share a context: each page has its own (WebHarness.newPage). The
 * browser goes with the worker: playwright-core closes it when the process
 * exits or is terminated, and removes its temporary --user-data-dir.
 */
export function workerBrowser(): Promise<Browser> {
  if (sharedBrowser === undefined) {
    const launching = chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    sharedBrowser = launching;
    // A crashed or closed browser is launched again by the next file.
    const forget = () => {
      if (sharedBrowser === launching) sharedBrowser = undefined;
    };
    launching.then((browser) => browser.on("disconnected", forget), forget);
  }
  return sharedBrowser;
}

export async function signIn(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The session token the app keeps in sessionStorage. */
export const sessionToken = async (page: Page): Promise<string> =>
  (JSON.parse(String(await page.evaluate("sessionStorage.getItem('portcullis.session') || '{}'"))) as { token?: string }).token ?? "";

/** Retries a read of the page until the assertion holds (the app renders asynchronously). */
export const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });

/** A new page (1366×768, 30 s for each action) signed in as `username`, once the app holds its session. */
export async function signedInPage(harness: WebHarness, username: string): Promise<Page> {
  const page = await harness.newPage({ width: 1366, height: 768 });
  page.setDefaultTimeout(30_000);
  await signIn(page, harness.baseUrl, username);
  await eventually(() => sessionToken(page)).not.toBe("");
  return page;
}

/** The page's URL, read again by `eventually` until a client-side navigation lands. */
export const urlOf = (page: Page) => Promise.resolve(page.url());
/** A link of the main navigation, by its whole name. */
export const navLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });

/** Saves a full-page screenshot as a test artifact. */
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });

/** True when nothing on the page scrolls sideways. */
export const fitsWidth = async (page: Page): Promise<boolean> =>
  (await page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")) === true;

/**
 * Elements that stick out of the card (section.card) holding them, other than
 * inside a box that scrolls sideways on purpose (.scroll): each as
 * "tag.class in #card-heading", so a chart wider than its card names itself.
 */
export const overflowingInCards = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const out = [];
    for (const card of document.querySelectorAll("section.card")) {
      const box = card.getBoundingClientRect();
      for (const el of card.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest(".scroll") || el.closest("details:not([open])")) continue;
        if (r.right > box.right + 1 || r.left < box.left - 1) out.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") + " in " + (card.getAttribute("aria-labelledby") || "a card"));
      }
    }
    return out;
  })()`);

/** Console errors other than the expected 401 of a refused sign-in. */
export const unexpectedErrors = (errors: string[]) => errors.filter((e) => !/401 \(Unauthorized\)/.test(e));

/**
 * The browser tests' profile: cocaine in fresh fruit loaded in Guayaquil, two
 * indicators (50 + 20 points, selection at 60). Each file names its own code.
 */
export function fruitFromGuayaquilProfile(code: string, name = "Cocaine in fruit from source ports") {
  return {
    language: "portcullis/profile@1",
    code,
    name,
    target: { kind: "commodity", commodity: "cocaine" },
    rationale: "Fruit loaded in Guayaquil has carried most cocaine found in this port.",
    thresholds: { high: 60, medium: 40, low: 20, select: 60 },
    indicators: [
      { code: "SRC", label: "Loaded in a source port", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } },
      { code: "FRUIT", label: "Fresh fruit", points: 20, when: { op: "hsPrefix", prefixes: ["0803"] } },
    ],
  };
}

/** An indicator's group in the profile editor's form, named "Indicator <n>: <code>". */
export const profileIndicator = (page: Page, n: number, code: string): Locator => page.getByRole("group", { name: `Indicator ${n}: ${code}` });

/**
 * A unit (with its baseline profiles) in an Ecuadorian agency, the profile
 * installed in it, and one user of the unit with `role` who signs in with
 * PASSWORD.
 */
export async function unitWithProfile(
  harness: WebHarness,
  profile: unknown,
  options: { activate: boolean; role: Role; name: string },
): Promise<{ unit: TestUnit; agencyCode: string; username: string }> {
  const unit = await createUnitWithBaseline(harness.services, "ECGYE");
  await installProfile(harness.services, unit.id, profile, { activate: options.activate, createdBy: "e2e" });
  const agency = await createTestAgency(harness.services, "EC");
  const username = await harness.userWithPassword([{ role: options.role, unitCode: unit.code }], agency.code, options.name);
  return { unit, agencyCode: agency.code, username };
}

/**
 * Two units at Guayaquil, the first with `profile` active, and one agency for
 * their users: the frame of tests where another unit must see none of the
 * first one's work (or receives its alerts).
 */
export async function twoUnits(harness: WebHarness, profile: unknown): Promise<{ unitA: TestUnit; unitB: TestUnit; agencyCode: string }> {
  const unitA = await createUnitWithBaseline(harness.services, "ECGYE");
  const unitB = await createUnitWithBaseline(harness.services, "ECGYE");
  await installProfile(harness.services, unitA.id, profile, { activate: true, createdBy: "e2e" });
  const agency = await createTestAgency(harness.services, "EC");
  return { unitA, unitB, agencyCode: agency.code };
}

/**
 * The unit's inspection history for a profile build: plantedHistory(600, 300) imported as customs declarations
 * through the API by an analyst of the unit (of `agencyCode`), waited for until the import succeeded.
 */
export async function importPlantedHistory(harness: WebHarness, unit: TestUnit, agencyCode: string): Promise<void> {
  const importer = await createTestUser(harness.services, [{ role: "analyst", unitCode: unit.code }], agencyCode);
  const res = await request(harness.app).post(`/v1/units/${unit.code}/history-imports`).query({ format: "customs-declarations" }).set(bearer(importer)).set("Content-Type", "text/csv").send(declarationsCsv(plantedHistory(600, 300)));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const importId = res.body.importId as string;
  const imported = await waitFor(async () => {
    const got = await request(harness.app).get(`/v1/units/${unit.code}/history-imports/${importId}`).set(bearer(importer));
    return got.body.status === "succeeded" || got.body.status === "failed" ? (got.body as { status: string }) : undefined;
  }, { what: "history import", timeoutMs: 90_000 });
  expect(imported?.status).toBe("succeeded");
}

/** Posts a manifest of `shipments` containers loaded in Guayaquil (buildManifest) for the unit and waits until each is scored; the manifest's id. */
export async function postScoredManifest(harness: WebHarness, unit: TestUnit, feeder: TestUser, shipments: number): Promise<string> {
  const posted = await request(harness.app).post(`/v1/units/${unit.code}/manifests`).set(bearer(feeder)).send(buildManifest(shipments));
  expect(posted.status).toBe(202);
  const manifestId = posted.body.manifestId as string;
  await waitFor(async () => {
    const r = await harness.services.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM scoring_state s JOIN shipment sh ON sh.id = s.shipment_id WHERE sh.manifest_id = $1 AND s.status = 'scored'",
      [manifestId],
    );
    return r.rows[0]!.n === shipments;
  }, { what: `scoring of ${unit.code}'s manifest` });
  return manifestId;
}

/**
 * Through the API, as the unit's systems would: an inspection of the shipment
 * an hour ago that found cocaine (detected by a profile), the seizure, and its
 * referral to a prosecutor's office.
 */
export async function seizeAndRefer(
  harness: WebHarness,
  unit: TestUnit,
  feeder: TestUser,
  shipmentId: string,
  details: { inspectedBy: string; quantity: number; concealment: string; personsArrested: number; prosecutor: string },
): Promise<{ seizureId: string; referralId: string }> {
  const inspection = await request(harness.app).post(`/v1/units/${unit.code}/inspections`).set(bearer(feeder)).send({
    shipmentId,
    scanned: true,
    physicallyExamined: true,
    inspectedBy: details.inspectedBy,
    inspectedAt: new Date(Date.now() - 3_600_000).toISOString(),
    outcome: "seizure",
  });
  expect(inspection.status).toBe(201);
  const seizure = await request(harness.app).post(`/v1/units/${unit.code}/seizures`).set(bearer(feeder)).send({
    inspectionId: inspection.body.id,
    commodity: "cocaine",
    quantity: details.quantity,
    quantityUnit: "kg",
    concealment: details.concealment,
    detectionMethod: "profile",
    personsArrested: details.personsArrested,
  });
  expect(seizure.status).toBe(201);
  const referral = await request(harness.app)
    .post(`/v1/units/${unit.code}/seizures/${seizure.body.id}/referrals`)
    .set(bearer(feeder))
    .send({ recipient: { kind: "prosecutor", name: details.prosecutor } });
  expect(referral.status).toBe(201);
  return { seizureId: seizure.body.id as string, referralId: referral.body.id as string };
}
