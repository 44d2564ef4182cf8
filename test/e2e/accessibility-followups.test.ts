// Follow-ups of the accessibility pass, in headless Chromium against the real
// app: status and error messages go into live regions that were in the page
// before them (so screen readers announce them); the navigation marks the
// current page with aria-current; "Mark all read" on the alerts screen; the
// API down (answers of 503 through route interception) shows an error with a
// retry that works, and empty lists say so; the document title follows the
// screen and the <html> lang the chosen language, dates in that language.
// Screenshots: test-artifacts/screenshots/af-*.png.
import type { Page, Route } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProfile } from "../../core/profiles/install-profile.js";
import { containerNumber } from "../helpers/manifest-builder.js";
import type { TestServices } from "../helpers/test-services.js";
import { createUnitWithBaseline, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency, createTestUser, type TestUser } from "../helpers/test-users.js";
import { axePage, axeViolations as axe } from "./axe.js";
import { eventually, fruitFromGuayaquilProfile, postScoredManifest, seizeAndRefer, shot, signIn as signInAt, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let services: TestServices;
let baseUrl: string;
/** Unit A has flagged containers, a seizure with a referral and alerts from unit B; unit C has nothing at all. */
let unitA: TestUnit;
let unitB: TestUnit;
let unitC: TestUnit;
let feederA: TestUser;
let feederB: TestUser;
const users = { officerA: "", officerC: "", analystA: "" };
let seized: { shipmentId: string; referralId: string; recipient: string };
/** A container of unit A nobody inspected. */
let untouchedId: string;
let untouchedContainer: string;

const RECIPIENT = "Fiscalía Especializada Antinarcóticos";
const UNAVAILABLE = { error: "unavailable", message: "The service is unavailable" };
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const signIn = (page: Page, username: string) => signInAt(page, baseUrl, username);
const inPage = <T>(page: Page, expression: string) => page.evaluate<T>(expression);
/** Answers 503 instead of the API (the API is down). */
const down = (route: Route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify(UNAVAILABLE) });
/** The browser's own log line for each answer of 503: expected here, nothing else is. */
const unexpected = (errors: string[]) => unexpectedErrors(errors).filter((e) => !/status of 503 \(Service Unavailable\)/.test(e));

/** A page axe-core can be injected into (axe.ts), with the harness's console collection. */
const newPage = (): Promise<Page> => axePage(harness);

/**
 * Records every element with role status or alert as it enters the page,
 * with the text it has at that moment: a region that arrives together with
 * its message is not announced by screen readers.
 */
const RECORD_LIVE_REGIONS = `(() => {
  window.__liveRegions = [];
  const record = (element) => window.__liveRegions.push({ role: element.getAttribute("role"), className: String(element.className), text: element.textContent });
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches("[role=status],[role=alert]")) record(node);
        node.querySelectorAll("[role=status],[role=alert]").forEach(record);
      }
    }
  }).observe(document, { childList: true, subtree: true });
})()`;
interface Recorded {
  role: string;
  className: string;
  text: string;
}

/** Unit B alerts unit A about a container unit A has never seen (a notification each, no match). */
async function alertFromB(serial: number, message: string): Promise<void> {
  const sent = await request(harness.app)
    .post(`/v1/units/${unitB.code}/alerts`)
    .set(bearer(feederB))
    .send({ subject: { kind: "container", containerNumber: containerNumber("TGH", serial) }, message, recipients: [unitA.code] });
  expect(sent.status).toBe(201);
}

beforeAll(async () => {
  harness = await startWebHarness();
  ({ services, baseUrl } = harness);
  unitA = await createUnitWithBaseline(services, "ECGYE");
  unitB = await createUnitWithBaseline(services, "ECGYE");
  unitC = await createUnitWithBaseline(services, "ECGYE");
  await installProfile(services, unitA.id, fruitFromGuayaquilProfile("AF-FRUIT", "Fruit from a source port"), { activate: true, createdBy: "e2e" });
  const agency = await createTestAgency(services, "EC");
  users.officerA = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agency.code, "Alba Officer");
  users.officerC = await harness.userWithPassword([{ role: "officer", unitCode: unitC.code }], agency.code, "Ciro Officer");
  users.analystA = await harness.userWithPassword([{ role: "analyst", unitCode: unitA.code }], agency.code, "Ana Analyst");
  feederA = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }], agency.code);
  feederB = await createTestUser(services, [{ role: "officer", unitCode: unitB.code }], agency.code);
  const manifestA = await postScoredManifest(harness, unitA, feederA, 6);

  const shipments = await services.pool.query<{ id: string; container_number: string }>("SELECT id, container_number FROM shipment WHERE manifest_id = $1 ORDER BY container_number", [manifestA]);
  untouchedId = shipments.rows[0]!.id;
  untouchedContainer = shipments.rows[0]!.container_number;
  const inspected = shipments.rows.at(-1)!;
  const { referralId } = await seizeAndRefer(harness, unitA, feederA, inspected.id, { inspectedBy: "Team 1", quantity: 48.25, concealment: "in_cargo", personsArrested: 1, prosecutor: RECIPIENT });
  seized = { shipmentId: inspected.id, referralId, recipient: RECIPIENT };

  // Three alerts from unit B: three unread notifications for unit A.
  await alertFromB(900001, "Same consignee as our March seizure");
  await alertFromB(900002, "Shipper under investigation");
  await alertFromB(900003, "Route used by the same network");
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe("accessibility follow-ups", () => {
  test("status and error messages enter the page in a live region that was there, empty, before them", async () => {
    const page = await newPage();
    await page.addInitScript(RECORD_LIVE_REGIONS);
    await signIn(page, users.officerA);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await page.goto(`${baseUrl}/units/${unitA.code}/referrals/${seized.referralId}`);
    await page.getByRole("heading", { level: 1, name: `Referral to ${RECIPIENT}` }).waitFor();
    await page.getByTestId("timeline-event").first().waitFor();
    const events = await page.getByTestId("timeline-event").count();

    // The status line is in the page, empty, before anything happens; the outcome of an action goes into that same element.
    const statusLine = await page.locator("main p.notice[role=status]").elementHandle();
    expect(statusLine).not.toBeNull();
    expect(await statusLine.textContent()).toBe("");

    // The API refuses the update: the error is announced (role alert) with the API's message.
    const updates = (url: URL) => url.pathname === `/v1/units/${unitA.code}/referrals/${seized.referralId}/updates`;
    await page.route(updates, down);
    await page.getByLabel("Update", { exact: true }).fill("Prosecutor asked for the scan images");
    await page.getByRole("button", { name: "Post a status update" }).click();
    await eventually(() => page.getByRole("alert").filter({ hasText: "Something went wrong" }).innerText()).toBe("Something went wrong: The service is unavailable");
    expect(await statusLine.textContent()).toBe("");
    await page.unroute(updates);

    // Again, with the API back: the success is announced in the status line that was already there.
    await page.getByRole("button", { name: "Post a status update" }).click();
    await eventually(() => statusLine.textContent()).toBe("Update added to the timeline.");
    expect(await page.getByRole("alert").filter({ hasText: "Something went wrong" }).count()).toBe(0);
    await eventually(() => page.getByTestId("timeline-event").count()).toBe(events + 1);

    // A move of the drafted referral says where it is now.
    expect(await page.getByTestId("referral-status").innerText()).toBe("Drafted");
    await page.getByRole("button", { name: "Move to: Sent" }).click();
    await eventually(() => statusLine.textContent()).toBe("The referral is now: Sent.");
    await eventually(() => page.getByTestId("referral-status").innerText()).toBe("Sent");
    await shot(page, "af-01-referral-status-line");

    // Every status or alert region that entered the page came in empty (the "Loading…" indicators aside), the error's too.
    const recorded = await inPage<Recorded[]>(page, "window.__liveRegions");
    expect(recorded.filter((r) => r.role === "alert").length, "the error alert was recorded").toBeGreaterThan(0);
    expect(recorded.filter((r) => r.role === "status").length).toBeGreaterThan(0);
    expect(recorded.filter((r) => r.text !== "" && r.text !== "Loading…")).toEqual([]);
    await page.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });

  test("the navigation marks the current page (aria-current=page) and the section of a page inside it", async () => {
    const page = await newPage();
    await signIn(page, users.officerA);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    const current = (value: string) => mainNav(page).locator(`a[aria-current="${value}"]`).allInnerTexts();
    await eventually(() => current("page")).toEqual(["Queue"]);
    expect(await current("true")).toEqual([]);

    await mainNav(page).getByRole("link", { name: "Referrals", exact: true }).click();
    await page.getByRole("heading", { name: `Referrals — ${unitA.code}` }).waitFor();
    await eventually(() => current("page")).toEqual(["Referrals"]);

    // One referral: not the Referrals page itself, but inside its section.
    await page.getByRole("link", { name: RECIPIENT }).click();
    await page.getByRole("heading", { level: 1, name: `Referral to ${RECIPIENT}` }).waitFor();
    await eventually(() => current("true")).toEqual(["Referrals"]);
    expect(await current("page")).toEqual([]);

    // A container belongs to the queue's section.
    await page.goto(`${baseUrl}/units/${unitA.code}/shipments/${untouchedId}`);
    await page.getByRole("heading", { level: 1, name: `Container ${untouchedContainer}` }).waitFor();
    await eventually(() => current("true")).toEqual(["Queue"]);
    expect(await current("page")).toEqual([]);

    await mainNav(page).getByRole("link", { name: /^Alerts/ }).click();
    await page.getByRole("heading", { name: `Alerts and notifications — ${unitA.code}` }).waitFor();
    await eventually(() => mainNav(page).locator('a[aria-current="page"]').getAttribute("href")).toBe(`/units/${unitA.code}/alerts`);
    await page.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });

  test("alerts screen: Mark read and Mark all read, announced, the badge cleared, the read stored", async () => {
    const unreadInDb = async () =>
      (await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM notification WHERE unit_id = $1 AND read_at IS NULL", [unitA.id])).rows[0]!.n;
    expect(await unreadInDb()).toBe(3);
    const page = await newPage();
    await signIn(page, users.officerA);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await mainNav(page).getByRole("link", { name: "Alerts, 3 unread", exact: true }).click();
    await page.getByRole("heading", { name: `Alerts and notifications — ${unitA.code}` }).waitFor();
    const notifications = page.getByTestId("notification");
    await eventually(() => notifications.count()).toBe(3);
    const markAll = page.getByRole("button", { name: "Mark all read" });
    await markAll.waitFor();
    await shot(page, "af-02-notifications-unread");

    // One on its own first.
    const first = notifications.filter({ hasText: "Shipper under investigation" });
    await first.getByRole("button", { name: "Mark read" }).click();
    await page.getByRole("status").filter({ hasText: "Notification marked read." }).waitFor();
    await eventually(() => first.innerText()).toMatch(/Read$/);
    await mainNav(page).getByRole("link", { name: "Alerts, 2 unread", exact: true }).waitFor();
    expect(await unreadInDb()).toBe(2);

    // Then the other two at once, from the keyboard.
    await markAll.focus();
    await page.keyboard.press("Enter");
    await eventually(() => page.getByRole("status").filter({ hasText: "marked read" }).innerText()).toBe("2 notifications marked read.");
    await eventually(() => page.getByRole("button", { name: "Mark read" }).count()).toBe(0);
    expect(await markAll.count()).toBe(0);
    expect(await notifications.allInnerTexts()).toEqual([expect.stringMatching(/Read$/), expect.stringMatching(/Read$/), expect.stringMatching(/Read$/)]);
    await eventually(() => mainNav(page).getByRole("link", { name: "Alerts", exact: true }).count()).toBe(1);
    expect(await page.getByTestId("unread-badge").count()).toBe(0);
    // The button pressed is gone: focus continues from the notifications' heading, not from the top of the page.
    await eventually(() => inPage<string>(page, "document.activeElement?.textContent ?? ''")).toBe("Notifications");
    expect(await unreadInDb()).toBe(0);
    const readBy = await services.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM notification WHERE unit_id = $1 AND read_by IS NOT NULL", [unitA.id]);
    expect(readBy.rows[0]!.n).toBe(3);
    await shot(page, "af-03-notifications-all-read");
    expect(await axe(page)).toEqual([]);
    await page.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });

  test("the API down: each screen shows the error with a retry that works; the error is never taken for an empty list", async () => {
    const page = await newPage();
    // Down from the start: the signed-in shell cannot load who the user is, nor the queue.
    const me = (url: URL) => url.pathname === "/v1/me";
    const queue = (url: URL) => url.pathname === `/v1/units/${unitA.code}/shipments`;
    await page.route(me, down);
    await page.route(queue, down);
    await signIn(page, users.officerA);
    const shellError = page.getByRole("alert").filter({ hasText: "Something went wrong" });
    await eventually(() => shellError.innerText()).toContain("The service is unavailable");
    await page.unroute(me);
    await shellError.getByRole("button", { name: "Try again" }).click();

    // The queue: an error with "Try again", no rows, and not "No containers match".
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    const queueError = page.getByRole("alert").filter({ hasText: "Something went wrong" });
    await eventually(() => queueError.innerText()).toContain("The service is unavailable");
    expect(await page.getByTestId("queue-row").count()).toBe(0);
    expect(await page.getByText("No containers match these filters.").count()).toBe(0);
    await shot(page, "af-04-queue-api-down");
    expect(await axe(page)).toEqual([]);
    await page.unroute(queue);
    await queueError.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("queue-row").first().waitFor();
    expect(await queueError.count()).toBe(0);

    // The referrals list.
    const referrals = (url: URL) => url.pathname === `/v1/units/${unitA.code}/referrals`;
    await page.route(referrals, down);
    await mainNav(page).getByRole("link", { name: "Referrals", exact: true }).click();
    await page.getByRole("heading", { name: `Referrals — ${unitA.code}` }).waitFor();
    await eventually(() => page.getByRole("alert").innerText()).toContain("The service is unavailable");
    expect(await page.getByText("No referrals.").count()).toBe(0);
    await page.unroute(referrals);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("referral-row").first().waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "Something went wrong" }).count()).toBe(0);

    // The notifications of the alerts screen (the badge's own count is left alone): the rest of the screen works.
    const notifications = (url: URL) => url.pathname === `/v1/units/${unitA.code}/notifications` && !url.searchParams.has("unread");
    await page.route(notifications, down);
    await mainNav(page).getByRole("link", { name: /^Alerts/ }).click();
    const notificationsCard = page.getByRole("region", { name: "Notifications", exact: true });
    await eventually(() => notificationsCard.getByRole("alert").innerText()).toContain("The service is unavailable");
    expect(await notificationsCard.getByText("No notifications.").count()).toBe(0);
    await page.getByTestId("received-alert").first().waitFor();
    await page.unroute(notifications);
    await notificationsCard.getByRole("button", { name: "Try again" }).click();
    await eventually(() => page.getByTestId("notification").count()).toBe(3);
    expect(await notificationsCard.getByRole("alert").count()).toBe(0);

    // A container whose seizures cannot be loaded says so, with its own retry.
    const seizures = (url: URL) => url.pathname === `/v1/units/${unitA.code}/seizures`;
    await page.route(seizures, down);
    await page.goto(`${baseUrl}/units/${unitA.code}/shipments/${seized.shipmentId}`);
    const seizuresSection = page.getByRole("region", { name: "Seizures", exact: true });
    await eventually(() => seizuresSection.getByRole("alert").innerText()).toContain("The service is unavailable");
    await page.unroute(seizures);
    await seizuresSection.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("seizure").first().waitFor();
    expect(await seizuresSection.getByRole("alert").count()).toBe(0);
    await page.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });

  test("back-test: a refused start and a failed job are errors; the button waits while the job runs", async () => {
    const page = await newPage();
    await signIn(page, users.analystA);
    await page.getByRole("heading", { name: `Risk profiles — ${unitA.code}` }).waitFor();
    await page.goto(`${baseUrl}/units/${unitA.code}/profiles/AF-FRUIT/versions/1`);
    await page.getByRole("heading", { name: "Profile AF-FRUIT — version 1" }).waitFor();
    const panel = page.getByRole("region", { name: "Back-test on inspected history", exact: true });
    const start = panel.getByRole("button", { name: "Start back-test" });

    // The API refuses to start: said, and the button stays usable.
    const backtests = (url: URL) => url.pathname === `/v1/units/${unitA.code}/backtests`;
    await page.route(backtests, down);
    await start.click();
    await eventually(() => panel.getByRole("alert").innerText()).toBe("Something went wrong: The service is unavailable");
    expect(await start.isEnabled()).toBe(true);
    await page.unroute(backtests);

    // The job (its polling answered here): running, the button waits; failed without a message, an error that says so.
    let job = { status: "running", progress: 0.4, result: null, error: null as string | null };
    const jobs = (url: URL) => url.pathname.startsWith(`/v1/units/${unitA.code}/analysis-jobs/`);
    await page.route(jobs, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(job) }));
    await start.click();
    await panel.getByRole("status").filter({ hasText: "Running" }).waitFor();
    expect(await panel.getByRole("alert").count()).toBe(0);
    await eventually(() => start.isDisabled()).toBe(true);
    job = { status: "failed", progress: 1, result: null, error: null };
    await eventually(() => panel.getByRole("alert").innerText()).toBe("Something went wrong: The job stopped without a result.");
    await eventually(() => start.isEnabled()).toBe(true);
    await shot(page, "af-08-backtest-failed");
    await page.unroute(jobs);
    await page.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });

  test("empty lists say so in a sentence", async () => {
    const page = await newPage();
    await signIn(page, users.officerC);
    await page.getByRole("heading", { name: `Flagged containers — ${unitC.code}` }).waitFor();
    await page.getByText("No containers match these filters.").waitFor();
    await mainNav(page).getByRole("link", { name: "Referrals", exact: true }).click();
    await page.getByText("No referrals.").waitFor();
    await mainNav(page).getByRole("link", { name: "Alerts", exact: true }).click();
    await page.getByRole("heading", { name: `Alerts and notifications — ${unitC.code}` }).waitFor();
    for (const sentence of ["No notifications.", "No alerts received.", "No shipment of the unit matches an alert from another unit.", "No alerts sent."]) {
      await page.getByText(sentence, { exact: true }).waitFor();
    }
    await shot(page, "af-05-empty-alerts");
    await page.context().close();

    // A container nobody inspected: no inspection, no seizure, no alert.
    const officer = await newPage();
    await signIn(officer, users.officerA);
    await officer.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await officer.goto(`${baseUrl}/units/${unitA.code}/shipments/${untouchedId}`);
    for (const sentence of ["No inspection recorded.", "No seizure recorded for this container.", "No alert from another unit."]) {
      await officer.getByText(sentence, { exact: true }).waitFor();
    }
    await shot(officer, "af-06-empty-container");
    await officer.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });

  test("the document title follows the screen, <html lang> and the dates the chosen language", async () => {
    const page = await newPage();
    const title = () => page.title();
    const lang = () => inPage<string>(page, "document.documentElement.lang");
    await page.goto(`${baseUrl}/`);
    await eventually(title).toBe("Sign in | Portcullis");
    expect(await lang()).toBe("en");
    await signIn(page, users.officerA);
    await eventually(title).toBe(`Flagged containers — ${unitA.code} | Portcullis`);
    await mainNav(page).getByRole("link", { name: "Referrals", exact: true }).click();
    await eventually(title).toBe(`Referrals — ${unitA.code} | Portcullis`);
    await page.getByRole("link", { name: RECIPIENT }).click();
    await eventually(title).toBe(`Referral to ${RECIPIENT} | Portcullis`);
    await page.goBack();
    await eventually(title).toBe(`Referrals — ${unitA.code} | Portcullis`);
    await page.goto(`${baseUrl}/units/${unitA.code}/shipments/${untouchedId}`);
    await eventually(title).toBe(`Container ${untouchedContainer} | Portcullis`);
    await page.goBack();
    await eventually(title).toBe(`Referrals — ${unitA.code} | Portcullis`);

    // Español: the lang attribute, the title and the dates follow.
    await page.getByLabel("Language").selectOption("es");
    await eventually(lang).toBe("es");
    await eventually(title).toBe(`Remisiones — ${unitA.code} | Portcullis`);
    const detail = await request(harness.app).get(`/v1/units/${unitA.code}/referrals/${seized.referralId}`).set(bearer(feederA));
    expect(detail.status).toBe(200);
    const dueAt = detail.body.dueAt as string;
    expect(dueAt).toMatch(/^\d{4}-/);
    // The browser's own Spanish for that moment, as format.ts asks for it (medium date, short time, the viewer's zone).
    const spanish = await inPage<string>(page, `new Intl.DateTimeFormat("es", { dateStyle: "medium", timeStyle: "short" }).format(new Date(${JSON.stringify(dueAt)}))`);
    const english = await inPage<string>(page, `new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(${JSON.stringify(dueAt)}))`);
    expect(spanish).not.toBe(english);
    const row = page.getByTestId("referral-row").filter({ hasText: RECIPIENT });
    await eventually(() => row.innerText()).toContain(spanish);
    await shot(page, "af-07-referrals-es");

    // The choice stays on a reload: the page comes back in Spanish, lang included.
    await page.reload();
    await page.getByRole("heading", { name: `Remisiones — ${unitA.code}` }).waitFor();
    expect(await lang()).toBe("es");
    await eventually(title).toBe(`Remisiones — ${unitA.code} | Portcullis`);
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await eventually(title).toBe("Iniciar sesión | Portcullis");
    await page.getByLabel("Idioma").selectOption("en");
    await eventually(lang).toBe("en");
    await eventually(title).toBe("Sign in | Portcullis");
    await page.context().close();
    expect(unexpected(harness.browserErrors)).toEqual([]);
  });
});
