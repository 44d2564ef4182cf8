// Officers of two units in headless Chromium against the real app: an alert's
// own page with the receiving unit's matched shipments (linked to the
// containers) and the replies thread; a seizure report shared from a
// container's seizure; the unread badge of the navigation counting down as
// notifications are read (and up on its periodic refresh); a keyboard-only
// walk from sign-in to a recorded inspection with a working skip link and a
// visible focus; axe-core finding no serious or critical violation on the
// main screens, headings in order; the officer's screens fitting a laptop and
// a tablet. Screenshots: test-artifacts/screenshots/oa-*.png.
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UNREAD_POLL_MS } from "../../web/src/alerts.js";
import type { TestServices } from "../helpers/test-services.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { axePage as newAxePage, axeViolations as axe } from "./axe.js";
import { eventually, fitsWidth, fruitFromGuayaquilProfile, postScoredManifest, seizeAndRefer, shot, signIn as signInAt, startWebHarness, unexpectedErrors, type WebHarness, twoUnits } from "./harness.js";

const profileDoc = fruitFromGuayaquilProfile("OA-FRUIT", "Fruit from a source port");

let harness: WebHarness;
let services: TestServices;
let baseUrl: string;
let unitA: TestUnit;
let unitB: TestUnit;
let feederA: TestUser;
let feederB: TestUser;
const users = { officerA: "", officerB: "", manager: "" };
/** A container of unit B that unit A alerts about. */
let alertedB: { id: string; containerNumber: string };
/** A container of unit A with a recorded seizure and a referral. */
let seizedA: { shipmentId: string; containerNumber: string; seizureId: string; referralId: string };

/** The alert unit A sent of this kind (the tests above send one of each). */
async function sentAlertId(kind: "container" | "seizure_report"): Promise<string> {
  const r = await services.pool.query<{ id: string }>("SELECT a.id FROM alert a WHERE a.from_unit_id = $1 AND a.subject_kind = $2", [unitA.id, kind]);
  expect(r.rows, `unit A sent one ${kind} alert`).toHaveLength(1);
  return r.rows[0]!.id;
}
const signIn = (page: Page, username: string) => signInAt(page, baseUrl, username);
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
/** How many navigation links are named exactly so ("Alerts" once nothing is unread, "Alerts, 2 unread"). */
const navLinks = (page: Page, name: string) => mainNav(page).getByRole("link", { name, exact: true }).count();
/** Evaluates an expression in the page (a string: this project's TypeScript has no DOM types). */
const inPage = <T>(page: Page, expression: string) => page.evaluate<T>(expression);

beforeAll(async () => {
  harness = await startWebHarness();
  ({ services, baseUrl } = harness);
  const units = await twoUnits(harness, profileDoc);
  ({ unitA, unitB } = units);
  const agencyCode = units.agencyCode;
  users.officerA = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Alma Officer");
  users.officerB = await harness.userWithPassword([{ role: "officer", unitCode: unitB.code }], agencyCode, "Bruno Officer");
  users.manager = await harness.userWithPassword([{ role: "manager", unitCode: unitA.code }], agencyCode, "Mara Manager");
  feederA = await createTestUser(services, [{ role: "officer", unitCode: unitA.code }], agencyCode);
  feederB = await createTestUser(services, [{ role: "officer", unitCode: unitB.code }], agencyCode);
  const manifestA = await postScoredManifest(harness, unitA, feederA, 8);
  const manifestB = await postScoredManifest(harness, unitB, feederB, 4);

  const b = await services.pool.query<{ id: string; container_number: string }>(
    "SELECT id, container_number FROM shipment WHERE manifest_id = $1 ORDER BY container_number LIMIT 1",
    [manifestB],
  );
  alertedB = { id: b.rows[0]!.id, containerNumber: b.rows[0]!.container_number };

  // Unit A inspected one container, seized cocaine and referred it (through the API, as the unit's systems would).
  const a = await services.pool.query<{ id: string; container_number: string }>(
    "SELECT id, container_number FROM shipment WHERE manifest_id = $1 ORDER BY container_number DESC LIMIT 1",
    [manifestA],
  );
  const seized = await seizeAndRefer(harness, unitA, feederA, a.rows[0]!.id, {
    inspectedBy: "Team 2",
    quantity: 120.5,
    concealment: "in_reefer_unit",
    personsArrested: 2,
    prosecutor: "Fiscalía Antidrogas del Guayas",
  });
  seizedA = { shipmentId: a.rows[0]!.id, containerNumber: a.rows[0]!.container_number, ...seized };
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe("officers: alerts between two units", () => {
  test("an alert's page: the receiving unit's matched shipments, the replies thread, the unread badge counting down", async () => {
    // Unit A alerts unit B about one of B's containers.
    const pageA = await harness.newPage();
    await signIn(pageA, users.officerA);
    await pageA.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await mainNav(pageA).getByRole("link", { name: "Alerts", exact: true }).click();
    await pageA.getByRole("heading", { name: `Alerts and notifications — ${unitA.code}` }).waitFor();
    await pageA.getByLabel("About").selectOption("container");
    await pageA.getByLabel("Container number").fill(alertedB.containerNumber.toLowerCase());
    await pageA.getByLabel("Receiving units").fill(unitB.code);
    await pageA.getByLabel("Message", { exact: true }).fill("Same shipper as our seizure last week: please inspect");
    await pageA.getByRole("button", { name: "Send the alert" }).click();
    // The outcome is announced.
    await pageA.getByRole("status").filter({ hasText: "Alert sent." }).waitFor();
    const sentRow = pageA.getByTestId("sent-alerts").getByRole("row", { name: new RegExp(alertedB.containerNumber) });
    await sentRow.waitFor();
    const alertId = await sentAlertId("container");

    // Unit B's officer: the Alerts link says one unread notification.
    const pageB = await harness.newPage();
    await pageB.clock.install();
    await signIn(pageB, users.officerB);
    await pageB.getByRole("heading", { name: `Flagged containers — ${unitB.code}` }).waitFor();
    await mainNav(pageB).getByRole("link", { name: "Alerts, 1 unread", exact: true }).waitFor();
    await eventually(() => pageB.getByTestId("unread-badge").innerText()).toBe("1");
    await shot(pageB, "oa-01-unread-badge");

    // A replies; B's badge counts it on its next periodic refresh, without any action in B's page.
    const reply = await request(harness.app).post(`/v1/units/${unitA.code}/alerts/${alertId}/replies`).set(bearer(feederA)).send({ message: "Consignee also appears in our 2024 seizures" });
    expect(reply.status).toBe(201);
    await pageB.clock.fastForward(UNREAD_POLL_MS + 1_000);
    await mainNav(pageB).getByRole("link", { name: "Alerts, 2 unread", exact: true }).waitFor();

    // Reading one notification counts the badge down at once.
    await mainNav(pageB).getByRole("link", { name: /^Alerts/ }).click();
    await pageB.getByRole("heading", { name: `Alerts and notifications — ${unitB.code}` }).waitFor();
    const replyNotice = pageB.getByTestId("notification").filter({ hasText: "replied to an alert" });
    await replyNotice.getByRole("button", { name: "Mark read" }).click();
    await eventually(() => replyNotice.innerText()).toMatch(/Read$/);
    await mainNav(pageB).getByRole("link", { name: "Alerts, 1 unread", exact: true }).waitFor();
    // The unit's shipments matched by alerts, with links to the container and to the alert.
    const matches = pageB.getByTestId("alert-matches");
    await eventually(() => matches.getByRole("link", { name: alertedB.containerNumber, exact: true }).count()).toBe(1);
    await shot(pageB, "oa-02-alerts-inbox");

    // The alert's page: opening it reads the rest of its notifications.
    const received = pageB.getByTestId("received-alert").filter({ hasText: alertedB.containerNumber });
    await received.getByRole("link", { name: `From ${unitA.code}: Container ${alertedB.containerNumber}` }).click();
    await pageB.getByRole("heading", { level: 1, name: `Alert from ${unitA.code}: Container ${alertedB.containerNumber}` }).waitFor();
    await eventually(() => navLinks(pageB, "Alerts")).toBe(1);
    expect(await pageB.getByTestId("unread-badge").count()).toBe(0);
    const matched = pageB.getByTestId("alert-matched-shipments");
    await eventually(() => matched.getByRole("row").count()).toBe(2);
    expect(await matched.getByRole("link", { name: alertedB.containerNumber }).getAttribute("href")).toBe(`/units/${unitB.code}/shipments/${alertedB.id}`);
    await eventually(() => pageB.getByTestId("reply").count()).toBe(1);

    // Acknowledge and answer in the thread.
    await pageB.getByRole("button", { name: "Acknowledge" }).click();
    await eventually(() => pageB.getByTestId("acknowledged").innerText()).toMatch(/^Acknowledged /);
    await pageB.getByLabel("Reply", { exact: true }).fill("Container held for a scan tomorrow morning");
    await pageB.getByRole("button", { name: "Send the reply" }).click();
    await pageB.getByRole("status").filter({ hasText: "Reply sent." }).waitFor();
    await eventually(() => pageB.getByTestId("reply").count()).toBe(2);
    await pageB.getByRole("heading", { name: "Replies (2)" }).waitFor();
    // All replies in order, each with its unit, author and time.
    const thread = await pageB.getByTestId("reply").allInnerTexts();
    expect(thread[0]).toContain(unitA.code);
    expect(thread[0]).toContain(feederA.username);
    expect(thread[0]).toContain("Consignee also appears in our 2024 seizures");
    expect(thread[1]).toContain(unitB.code);
    expect(thread[1]).toContain(users.officerB);
    expect(thread[1]).toContain("Container held for a scan tomorrow morning");
    for (const when of await pageB.getByTestId("reply").locator("time").all()) expect(await when.getAttribute("datetime")).toMatch(/^\d{4}-\d\d-\d\dT/);
    await shot(pageB, "oa-03-alert-detail");

    // The matched container, and back to the alert from it.
    await matched.getByRole("link", { name: alertedB.containerNumber }).click();
    await pageB.getByRole("heading", { name: `Container ${alertedB.containerNumber}` }).waitFor();
    const fromAlert = pageB.getByTestId("shipment-alerts").getByRole("link", { name: `From ${unitA.code}` });
    await fromAlert.click();
    await pageB.getByRole("heading", { level: 1, name: `Alert from ${unitA.code}: Container ${alertedB.containerNumber}` }).waitFor();
    await pageB.context().close();

    // The sender sees the thread and the acknowledgement; matches stay with the receiving unit.
    await mainNav(pageA).getByRole("link", { name: "Queue" }).click();
    await pageA.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await mainNav(pageA).getByRole("link", { name: "Alerts, 2 unread", exact: true }).waitFor();
    await mainNav(pageA).getByRole("link", { name: /^Alerts/ }).click();
    await pageA.getByTestId("sent-alerts").getByRole("link", { name: `Container ${alertedB.containerNumber}` }).click();
    await pageA.getByRole("heading", { level: 1, name: `Alert sent by the unit: Container ${alertedB.containerNumber}` }).waitFor();
    await eventually(() => pageA.getByTestId("alert-recipients").innerText()).toMatch(new RegExp(`^${unitB.code}: Acknowledged `));
    await eventually(() => pageA.getByTestId("reply").count()).toBe(2);
    await pageA.getByText("Matching shipments are shown to the receiving units only.").waitFor();
    await eventually(() => navLinks(pageA, "Alerts")).toBe(1);
    await pageA.context().close();
  });

  test("a seizure report, shared from the container's seizure, reaches the other unit with the seizure's facts", async () => {
    const pageA = await harness.newPage();
    await signIn(pageA, users.officerA);
    await pageA.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await pageA.goto(`${baseUrl}/units/${unitA.code}/shipments/${seizedA.shipmentId}`);
    await pageA.getByRole("heading", { name: `Container ${seizedA.containerNumber}` }).waitFor();
    await pageA.getByTestId("seizure").getByRole("link", { name: "Share as a seizure report" }).click();
    await pageA.getByRole("heading", { name: `Alerts and notifications — ${unitA.code}` }).waitFor();
    // The form opens pre-filled, focus on its first field.
    await eventually(() => pageA.getByLabel("About").inputValue()).toBe("seizure_report");
    await eventually(() => pageA.getByLabel("Seizure to report").inputValue()).toBe(seizedA.seizureId);
    expect(await inPage<string>(pageA, "document.activeElement?.closest('label')?.textContent ?? ''")).toMatch(/^About/);
    // A seizure report has no container, B/L, party or route field.
    expect(await pageA.getByLabel("Container number").count()).toBe(0);
    await pageA.getByLabel("Receiving units").fill(unitB.code);
    await pageA.getByLabel("Message", { exact: true }).fill("120.5 kg in the reefer unit; shipper ships to your port too");
    await pageA.getByRole("button", { name: "Send the alert" }).click();
    await pageA.getByRole("status").filter({ hasText: "Alert sent." }).waitFor();
    await eventually(() => pageA.getByTestId("sent-alerts").getByRole("link", { name: "Seizure report" }).count()).toBe(1);
    await shot(pageA, "oa-04-seizure-report-sent");
    const stored = await services.pool.query<{ seizure_id: string }>("SELECT seizure_id FROM alert WHERE subject_kind = 'seizure_report' AND message LIKE '120.5 kg%'");
    expect(stored.rows.map((r) => r.seizure_id)).toEqual([seizedA.seizureId]);
    await pageA.context().close();

    const pageB = await harness.newPage();
    await signIn(pageB, users.officerB);
    await pageB.getByRole("heading", { name: `Flagged containers — ${unitB.code}` }).waitFor();
    await mainNav(pageB).getByRole("link", { name: /^Alerts, \d+ unread$/ }).click();
    const received = pageB.getByTestId("received-alert").filter({ hasText: "shares a seizure report" });
    await received.getByRole("link", { name: `From ${unitA.code}: Seizure report` }).click();
    await pageB.getByRole("heading", { level: 1, name: `Alert from ${unitA.code}: Seizure report` }).waitFor();
    const report = pageB.getByTestId("seizure-report");
    await eventually(() => report.innerText()).toContain("Cocaine");
    const text = await report.innerText();
    expect(text).toContain("120.5 kg");
    expect(text).toContain("In the reefer unit");
    expect(text).toContain(seizedA.containerNumber);
    // The seized shipment's own parties travel with the report (the officer named none on the seizure).
    await eventually(() => pageB.getByTestId("report-manifest-parties").innerText()).toMatch(/Consignee: \S/);
    // Reports match the receiving unit's containers now: either the matches, or the words that none match yet.
    await pageB.getByText(/^No container of the unit matches this seizure report yet/).or(pageB.getByTestId("alert-matched-shipments")).first().waitFor();
    await eventually(() => navLinks(pageB, "Alerts")).toBe(1);
    await shot(pageB, "oa-05-seizure-report-received");
    await pageB.context().close();
  });
});

/** Presses Tab until the focused element passes `test` (at most `max` times); every stop must show a focus indicator. */
async function tabTo(page: Page, test: string, max = 80): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate<{ match: boolean; visible: boolean; what: string }>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { match: false, visible: true, what: "body" };
      const style = getComputedStyle(el);
      // A date field's inner parts (day, month, year, calendar button) take focus inside the browser's own
      // shadow tree, which draws its ring there; the field itself then matches no :focus rule of ours.
      const browserDrawn = el.tagName === "INPUT" && ["date", "datetime-local", "time"].includes(el.type) && !el.matches(":focus");
      const visible = el.id === "main" || browserDrawn || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0);
      return { match: (${test})(el), visible, what: el.outerHTML.slice(0, 120) };
    })()`);
    expect(stop.visible, `focus indicator on ${stop.what}`).toBe(true);
    if (stop.match) return n;
  }
  throw new Error(`no focus stop matched ${test} in ${max} presses`);
}

describe("accessibility", () => {
  test("keyboard only: sign in, skip link, queue, container, record an inspection", async () => {
    const page = await harness.newPage();
    await page.goto(`${baseUrl}/`);
    await eventually(() => inPage<string>(page, "document.activeElement?.getAttribute('name')")).toBe("username");
    await page.keyboard.type(users.officerA);
    await page.keyboard.press("Tab");
    await page.keyboard.type("correct horse battery staple");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await page.getByTestId("queue-row").first().waitFor();

    // From the top of a fresh load: the first Tab shows the skip link; Enter moves focus into the content.
    await page.reload();
    await page.getByTestId("queue-row").first().waitFor();
    await tabTo(page, `(el) => el.classList.contains("skip")`, 1);
    const box = await page.getByRole("link", { name: "Skip to content" }).boundingBox();
    expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);
    await shot(page, "oa-06-skip-link");
    await page.keyboard.press("Enter");
    await eventually(() => inPage<string>(page, "document.activeElement?.id")).toBe("main");
    await page.keyboard.press("Tab");
    expect(await inPage<boolean>(page, "Boolean(document.activeElement?.closest('main'))")).toBe(true);

    // Through the filters to the first container of the queue; Enter opens it.
    await tabTo(page, `(el) => el.tagName === "A" && Boolean(el.closest("[data-testid=queue-row]"))`);
    const container = await inPage<string>(page, "document.activeElement?.textContent ?? ''");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: `Container ${container}` }).waitFor();
    await eventually(() => inPage<string>(page, "document.activeElement?.id")).toBe("main");

    // The inspection form: Space ticks a method, the notes are typed, Enter records.
    await tabTo(page, `(el) => el.type === "checkbox" && el.parentElement.textContent.includes("Physically examined")`, 120);
    await page.keyboard.press("Space");
    expect(await page.getByLabel("Physically examined").isChecked()).toBe(true);
    await tabTo(page, `(el) => el.tagName === "TEXTAREA" && el.closest("label").textContent.startsWith("Notes")`);
    await page.keyboard.type("Keyboard-only inspection");
    // No outcome is pre-selected: the officer picks one (here: nothing found).
    await page.getByLabel("Outcome").selectOption("nothing_found");
    await tabTo(page, `(el) => el.tagName === "BUTTON" && el.textContent === "Record an inspection"`);
    await shot(page, "oa-07-keyboard-inspection");
    await page.keyboard.press("Enter");
    await page.getByTestId("inspection").filter({ hasText: "Keyboard-only inspection" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Inspection recorded." }).waitFor();
    const saved = await services.pool.query<{ methods: string[] }>("SELECT methods FROM inspection WHERE notes = 'Keyboard-only inspection'");
    expect(saved.rows).toHaveLength(1);
    await page.context().close();
  });

  /** A page axe-core can be injected into (axe.ts). */
  const axePage = () => newAxePage(harness);
  /** Heading levels in document order: starts at h1, never skips a level going down. */
  const headingProblems = async (page: Page) =>
    page.evaluate<string[]>(`(() => {
      const levels = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter((h) => h.getClientRects().length > 0).map((h) => Number(h.tagName[1]));
      const problems = [];
      if (levels[0] !== 1) problems.push("first heading is h" + levels[0]);
      if (levels.filter((l) => l === 1).length !== 1) problems.push(levels.filter((l) => l === 1).length + " h1");
      levels.forEach((l, i) => { if (i > 0 && l > levels[i - 1] + 1) problems.push("h" + levels[i - 1] + " then h" + l); });
      return problems;
    })()`);

  test("axe-core: no serious or critical violation on the main screens; headings in order; every control named", async () => {
    const page = await axePage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const findings: Record<string, string[]> = { "sign-in": await axe(page) };
    // The check itself can fail: an unnamed control planted in the page is reported.
    await page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=planted-unnamed>')");
    expect((await axe(page)).join("\n")).toMatch(/^label \(critical\): #planted-unnamed/m);
    const alertId = await sentAlertId("container");
    await signIn(page, users.officerA);
    const screens: [string, string, () => Promise<unknown>][] = [
      ["queue", `/units/${unitA.code}/queue`, () => page.getByTestId("queue-row").first().waitFor()],
      ["container", `/units/${unitA.code}/shipments/${seizedA.shipmentId}`, () => page.getByTestId("seizure").first().waitFor()],
      ["referrals", `/units/${unitA.code}/referrals`, () => page.getByTestId("referral-row").first().waitFor()],
      ["referral", `/units/${unitA.code}/referrals/${seizedA.referralId}`, () => page.getByTestId("timeline-event").first().waitFor()],
      ["alerts", `/units/${unitA.code}/alerts`, () => page.getByTestId("sent-alerts").waitFor()],
      ["alert", `/units/${unitA.code}/alerts/${alertId}`, () => page.getByTestId("reply").first().waitFor()],
      ["profiles", `/units/${unitA.code}/profiles`, () => page.getByTestId("profiles").waitFor()],
    ];
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    for (const [name, path, ready] of screens) {
      await page.goto(`${baseUrl}${path}`);
      await ready();
      await page.getByRole("status").filter({ hasText: "Loading" }).waitFor({ state: "detached" });
      findings[name] = [...(await axe(page)), ...(await headingProblems(page))];
    }
    await page.context().close();

    const manager = await axePage();
    await signIn(manager, users.manager);
    await manager.getByRole("heading", { name: "Programme dashboard" }).waitFor();
    await manager.getByTestId("seizure-summary").waitFor();
    await manager.getByRole("status").filter({ hasText: "Loading" }).waitFor({ state: "detached" });
    findings.dashboard = [...(await axe(manager)), ...(await headingProblems(manager))];
    await manager.context().close();

    expect(findings).toEqual({ "sign-in": [], queue: [], container: [], referrals: [], referral: [], alerts: [], alert: [], profiles: [], dashboard: [] });
    // Ten axe-core runs over nine screens: 45 s alone on this 2-core machine, over 60 s while the whole suite runs.
  }, 150_000);

  test("the officer's screens fit a laptop and a tablet without sideways scrolling", async () => {
    const page = await harness.newPage();
    await signIn(page, users.officerA);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    const reportId = await sentAlertId("seizure_report");
    const screens: [string, string, () => Promise<unknown>][] = [
      ["container", `/units/${unitA.code}/shipments/${seizedA.shipmentId}`, () => page.getByTestId("indicator").first().waitFor()],
      ["referral", `/units/${unitA.code}/referrals/${seizedA.referralId}`, () => page.getByTestId("timeline-event").first().waitFor()],
      ["referrals", `/units/${unitA.code}/referrals`, () => page.getByTestId("referral-row").first().waitFor()],
      ["alerts", `/units/${unitA.code}/alerts`, () => page.getByTestId("sent-alerts").waitFor()],
      ["alert", `/units/${unitA.code}/alerts/${reportId}`, () => page.getByTestId("seizure-report").waitFor()],
    ];
    const misfits: string[] = [];
    for (const [device, width, height] of [["laptop", 1366, 768], ["tablet", 820, 1180]] as const) {
      await page.setViewportSize({ width, height });
      for (const [name, path, ready] of screens) {
        await page.goto(`${baseUrl}${path}`);
        await ready();
        if (!(await fitsWidth(page))) misfits.push(`${name} at ${device}`);
        await shot(page, `oa-08-${name}-${device}`);
      }
    }
    expect(misfits).toEqual([]);
    await page.context().close();
  });

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
