// Issue 16's remaining web parts in headless Chromium: confirmations that
// name the consequence (closing and declining a referral, activating and
// retiring a profile version: Escape and Cancel keep the state, the confirm
// button changes it; the activation says how many containers of the open
// queue are scored again and that the random selection is drawn anew); a referral's links to its container, bill of lading and
// seizure (plain text for a manager, who may not open them), and the list's
// container, commodity and quantity columns; next
// and previous across the queue's page boundary (50 rows a page); no sideways
// scroll of the queue at 1366×768 with alerts in their column; the empty
// search's hint in Spanish. One vessel of 120 containers, one shared browser.
import type { Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { containerCheckDigit } from "../../profiling/features/iso6346.js";
import type { TestUnit } from "../helpers/test-units.js";
import { bearer, type TestUser } from "../helpers/test-users.js";
import { axePage, axeViolations } from "./axe.js";
import { eventually, fitsWidth, PASSWORD, seizeAndRefer, sessionToken, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";
import { vesselTomorrow } from "./vessel-tomorrow.js";

const CONTAINERS = 120;
const LAPTOP = { width: 1366, height: 768 };
const PROFILE = "COC-CONFIRM";
const PROSECUTOR = "Fiscalía Antidrogas del Guayas";
let harness: WebHarness;
let unitA: TestUnit;
let unitB: TestUnit;
let feederA: TestUser;
let feederB: TestUser;
let agencyCode: string;
let officer: string;
let analyst: string;
let manifestId: string;

beforeAll(async () => {
  harness = await startWebHarness();
  ({ unitA, unitB, agencyCode, feederA, feederB, manifestId } = await vesselTomorrow(harness, PROFILE, CONTAINERS, 120_000));
  officer = await harness.userWithPassword([{ role: "officer", unitCode: unitA.code }], agencyCode, "Olga Confirma");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unitA.code }], agencyCode, "Ana Versiones");
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

/** Requests the server answered with a 5xx, by URL (the console only says "500"). */
const serverErrors: string[] = [];
const watched = async (opening: Promise<Page>) => {
  const page = await opening;
  page.on("response", (response) => {
    if (response.status() >= 500) serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return page;
};
/** An element's widths (no DOM types in the tests' type check). */
type Box = { scrollWidth: number; clientWidth: number };
const rows = (page: Page) => page.getByTestId("queue-row");
const focused = (page: Page) => page.evaluate<string>("document.activeElement ? (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent || '').trim() : ''");
/** The queue's whole list in the server's order (score, highest first), as the officer's "all containers" view of the vessel reads it. */
async function queueOrder(): Promise<{ id: string; containerNumber: string; flagged: boolean }[]> {
  const res = await request(harness.app).get(`/v1/units/${unitA.code}/shipments?manifestId=${manifestId}&limit=200`).set(bearer(feederA));
  expect(res.status).toBe(200);
  return res.body.items as { id: string; containerNumber: string; flagged: boolean }[];
}
const referralState = async (id: string) =>
  (await harness.services.pool.query<{ status: string; outcome: string | null }>("SELECT status::text, outcome::text FROM referral WHERE id = $1", [id])).rows[0]!;
const versionStates = async () =>
  (
    await harness.services.pool.query<{ version: number; status: string }>(
      "SELECT v.version, v.status::text FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND p.code = $2 ORDER BY v.version",
      [unitA.id, PROFILE],
    )
  ).rows;

describe("connected records and confirmations of a referral", () => {
  test("the list shows container, commodity and quantity; the page links the container, its B/L and the seizure; closing asks for an outcome and a confirmation", async () => {
    const order = await queueOrder();
    const seized = order[7]!;
    const { referralId } = await seizeAndRefer(harness, unitA, feederA, seized.id, { inspectedBy: "Olga Confirma", quantity: 312.5, concealment: "in_cargo", personsArrested: 0, prosecutor: PROSECUTOR });
    for (const to of ["sent", "acknowledged"]) {
      const moved = await request(harness.app).post(`/v1/units/${unitA.code}/referrals/${referralId}/transitions`).set(bearer(feederA)).send({ to });
      expect(moved.status).toBe(200);
    }
    const bl = (await harness.services.pool.query<{ bill_of_lading: string }>("SELECT bill_of_lading FROM shipment WHERE id = $1", [seized.id])).rows[0]!.bill_of_lading;

    const page = await watched(axePage(harness));
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals", exact: true }).click();
    const row = page.getByTestId("referral-row").filter({ hasText: PROSECUTOR });
    await row.waitFor();
    expect(await page.getByTestId("referrals").locator("thead th").allInnerTexts()).toEqual(["Service referred to", "Container", "Commodity", "Quantity", "Status", "Due"]);
    expect((await row.locator("th, td").allInnerTexts()).slice(0, 5)).toEqual([PROSECUTOR, seized.containerNumber, "Cocaine", "312.5 kg", "Acknowledged"]);
    // The container column opens the container.
    await row.getByRole("link", { name: seized.containerNumber }).click();
    await page.getByRole("heading", { name: `Container ${seized.containerNumber}` }).waitFor();
    await page.goBack();

    await page.getByTestId("referral-row").filter({ hasText: PROSECUTOR }).getByRole("link", { name: PROSECUTOR }).click();
    await page.getByRole("heading", { name: `Referral to ${PROSECUTOR}` }).waitFor();
    const records = page.getByTestId("referral-records");
    expect(await records.getByRole("link", { name: seized.containerNumber }).getAttribute("href")).toBe(`/units/${unitA.code}/shipments/${seized.id}`);
    const seizureLink = records.getByRole("link", { name: /^Cocaine, 312\.5 kg, seized / });
    expect(await seizureLink.getAttribute("href")).toBe(`/units/${unitA.code}/shipments/${seized.id}#seizures-h`);
    // The bill of lading: every shipment on it, in the whole queue (not only the flagged ones).
    await records.getByRole("link", { name: `${bl}: every shipment on this bill of lading` }).click();
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: bl, by: "bl", all: "true" });
    await eventually(() => rows(page).allInnerTexts()).toEqual([expect.stringContaining(seized.containerNumber)]);
    await page.goBack();
    await page.getByRole("heading", { name: `Referral to ${PROSECUTOR}` }).waitFor();
    await seizureLink.click();
    await page.getByTestId("seizure").filter({ hasText: "Cocaine — 312.5 kg" }).waitFor();
    // The link lands on the seizures, which show only once the container's data has come: scrolled to, with focus.
    await eventually(() => page.evaluate<boolean>("document.activeElement?.id === 'seizures-h'")).toBe(true);
    expect(await page.evaluate<number>("window.scrollY")).toBeGreaterThan(0);
    expect(await page.evaluate<boolean>("(() => { const b = document.getElementById('seizures-h').getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; })()")).toBe(true);
    await page.goBack();
    await page.getByRole("heading", { name: `Referral to ${PROSECUTOR}` }).waitFor();

    // No outcome is chosen for the officer: closing without one says so and goes to the field.
    const outcome = page.getByLabel("Outcome when closing");
    expect(await outcome.inputValue()).toBe("");
    const close = page.getByRole("button", { name: "Move to: Closed" });
    await close.click();
    await page.getByRole("alert").filter({ hasText: "Choose the outcome before closing the referral." }).waitFor();
    expect(await page.evaluate("document.activeElement?.tagName")).toBe("SELECT");
    expect(await page.getByRole("alertdialog").count()).toBe(0);
    await outcome.selectOption({ label: "Acquittal" });

    // The confirmation names the referral, the seizure, the container, the outcome and that it is final.
    await close.click();
    const dialog = page.getByRole("alertdialog", { name: `Close the referral to ${PROSECUTOR}?` });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`The referral to ${PROSECUTOR} of the seizure of 312.5 kg of cocaine in container ${seized.containerNumber} will be closed with the outcome “Acquittal”.`);
    expect(await dialog.innerText()).toContain("This cannot be undone");
    // Modal: focus starts on Cancel, the page behind takes none.
    expect(await focused(page)).toBe("Cancel");
    expect(await page.evaluate("(() => { const a = document.querySelector('main a'); a.focus(); return document.activeElement === a; })()")).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "oc-01-close-confirm");
    // Escape cancels; focus is back on the button that asked.
    await page.keyboard.press("Escape");
    await eventually(() => dialog.count()).toBe(0);
    expect(await focused(page)).toBe("Move to: Closed");
    expect(await referralState(referralId)).toEqual({ status: "acknowledged", outcome: null });
    // Cancel keeps it open too.
    await close.click();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await eventually(() => dialog.count()).toBe(0);
    expect(await referralState(referralId)).toEqual({ status: "acknowledged", outcome: null });
    // Confirmed: closed with the outcome chosen.
    await close.click();
    await dialog.getByRole("button", { name: "Close as: Acquittal" }).click();
    await eventually(() => page.getByTestId("referral-status").innerText()).toBe("Closed (Acquittal)");
    expect(await referralState(referralId)).toEqual({ status: "closed", outcome: "acquittal" });
    // Its moves are gone with the button that asked: focus is on the screen's main region, not lost.
    await eventually(() => page.evaluate("document.activeElement?.id")).toBe("main");
    expect(await page.getByText("This referral is closed.").count()).toBe(1);

    // Declining is final too: the same question first.
    const second = order[8]!;
    const declined = await seizeAndRefer(harness, unitA, feederA, second.id, { inspectedBy: "Olga Confirma", quantity: 12, concealment: "in_structure", personsArrested: 1, prosecutor: "Policía Antinarcóticos" });
    expect((await request(harness.app).post(`/v1/units/${unitA.code}/referrals/${declined.referralId}/transitions`).set(bearer(feederA)).send({ to: "sent" })).status).toBe(200);
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/referrals/${declined.referralId}`);
    await page.getByRole("heading", { name: "Referral to Policía Antinarcóticos" }).waitFor();
    await page.getByRole("button", { name: "Move to: Declined" }).click();
    const decline = page.getByRole("alertdialog", { name: "Record that Policía Antinarcóticos declined the referral?" });
    expect(await decline.innerText()).toContain(`of the seizure of 12 kg of cocaine in container ${second.containerNumber} will be recorded as declined by the recipient.`);
    await decline.getByRole("button", { name: "Cancel" }).click();
    expect((await referralState(declined.referralId)).status).toBe("sent");
    await page.getByRole("button", { name: "Move to: Declined" }).click();
    await decline.getByRole("button", { name: "Record it as declined" }).click();
    await eventually(() => page.getByTestId("referral-status").innerText()).toBe("Declined");
    expect((await referralState(declined.referralId)).status).toBe("declined");
    await page.context().close();
  });

  test("a manager, who may not open the unit's shipments, sees the container, B/L and seizure as text, not as links that answer 403", async () => {
    const order = await queueOrder();
    const seized = order[9]!;
    await seizeAndRefer(harness, unitA, feederA, seized.id, { inspectedBy: "Olga Confirma", quantity: 7, concealment: "in_cargo", personsArrested: 0, prosecutor: "Fiscalía de Manta" });
    const bl = (await harness.services.pool.query<{ bill_of_lading: string }>("SELECT bill_of_lading FROM shipment WHERE id = $1", [seized.id])).rows[0]!.bill_of_lading;
    const manager = await harness.userWithPassword([{ role: "manager", unitCode: unitA.code }], agencyCode, "Marta Gestora");
    const forbidden: string[] = [];
    const page = await watched(harness.newPage(LAPTOP));
    page.on("response", (response) => {
      if (response.status() === 403) forbidden.push(response.url());
    });
    await signIn(page, harness.baseUrl, manager);
    // Signed in before leaving the sign-in page: a navigation that overtakes the answer lands back on it.
    await eventually(() => sessionToken(page)).not.toBe("");
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/referrals`);
    const row = page.getByTestId("referral-row").filter({ hasText: "Fiscalía de Manta" });
    await row.waitFor();
    expect((await row.locator("th, td").allInnerTexts()).slice(0, 4)).toEqual(["Fiscalía de Manta", seized.containerNumber, "Cocaine", "7 kg"]);
    // Only the referral itself is a link in the row.
    expect(await row.getByRole("link").allInnerTexts()).toEqual(["Fiscalía de Manta"]);

    await row.getByRole("link", { name: "Fiscalía de Manta" }).click();
    await page.getByRole("heading", { name: "Referral to Fiscalía de Manta" }).waitFor();
    const records = page.getByTestId("referral-records");
    expect(await records.getByRole("link").count()).toBe(0);
    const text = await records.innerText();
    expect(text).toContain(seized.containerNumber);
    expect(text).toContain(bl);
    expect(text).toMatch(/Cocaine, 7 kg, seized /);
    expect(forbidden).toEqual([]);
    await page.context().close();
  });
});

describe("the queue across its pages, at laptop width, and its hint in Spanish", () => {
  test("next and previous from the container page go past the 50 rows the queue loaded", async () => {
    const order = await queueOrder();
    expect(order).toHaveLength(CONTAINERS);
    const page = await watched(harness.newPage(LAPTOP));
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/queue?manifest=${manifestId}&all=true`);
    await eventually(() => page.getByTestId("queue-total").innerText()).toMatch(/^120 containers in this view, 50 shown/);
    await rows(page).nth(48).getByRole("link").first().click();
    await page.getByRole("heading", { name: `Container ${order[48]!.containerNumber}` }).waitFor();
    await page.getByTestId("queue-position").filter({ hasText: "49 of 120" }).waitFor();
    const next = page.getByRole("link", { name: "Next container →" });
    await next.click();
    await page.getByRole("heading", { name: `Container ${order[49]!.containerNumber}` }).waitFor();
    await page.getByTestId("queue-position").filter({ hasText: "50 of 120" }).waitFor();
    // The last row the queue loaded: Next reads the list's next page and goes on to the 51st.
    await next.click();
    await page.getByRole("heading", { name: `Container ${order[50]!.containerNumber}` }).waitFor();
    await page.getByTestId("queue-position").filter({ hasText: "51 of 120" }).waitFor();
    await next.click();
    await page.getByRole("heading", { name: `Container ${order[51]!.containerNumber}` }).waitFor();
    await page.getByRole("link", { name: "← Previous container" }).click();
    await page.getByRole("heading", { name: `Container ${order[50]!.containerNumber}` }).waitFor();
    await page.getByRole("link", { name: "← Previous container" }).click();
    await page.getByRole("heading", { name: `Container ${order[49]!.containerNumber}` }).waitFor();
    // A shared link to a container on the third page: the page reads on until it finds it.
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/shipments/${order[110]!.id}?manifest=${manifestId}&all=true`);
    await page.getByRole("heading", { name: `Container ${order[110]!.containerNumber}` }).waitFor();
    await page.getByTestId("queue-position").filter({ hasText: "111 of 120" }).waitFor();
    await next.click();
    await page.getByRole("heading", { name: `Container ${order[111]!.containerNumber}` }).waitFor();
    await page.context().close();
  });

  test("with alerts in their column the queue does not scroll sideways at 1366×768", async () => {
    const order = await queueOrder();
    const target = order[0]!;
    const bl = (await harness.services.pool.query<{ bill_of_lading: string }>("SELECT bill_of_lading FROM shipment WHERE id = $1", [target.id])).rows[0]!.bill_of_lading;
    // Three alerts from the other unit on the top container: by its number twice and by its B/L.
    for (const subject of [{ kind: "container", containerNumber: target.containerNumber }, { kind: "bill_of_lading", billOfLading: bl }, { kind: "container", containerNumber: target.containerNumber }]) {
      const sent = await request(harness.app).post(`/v1/units/${unitB.code}/alerts`).set(bearer(feederB)).send({ subject, message: "Same shipper as our seizure last month, cocaine in banana boxes", recipients: [unitA.code] });
      expect(sent.status).toBe(201);
    }
    const page = await watched(harness.newPage(LAPTOP));
    await signIn(page, harness.baseUrl, officer);
    await page.getByRole("heading", { name: `Flagged containers — ${unitA.code}` }).waitFor();
    await page.goto(`${harness.baseUrl}/units/${unitA.code}/queue?manifest=${manifestId}&all=true`);
    const alerted = rows(page).filter({ hasText: target.containerNumber });
    await eventually(() => alerted.getByTestId("alert-marker").count()).toBe(3);
    // The alerts really are longer than their column: cut, with the whole text as the cell's title.
    const clip = alerted.locator(".cell-clip");
    expect(await clip.evaluate((e: Box) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect((await clip.getAttribute("title"))!.split("\n")).toHaveLength(3);
    // The virtualised table sizes its columns after the rows render: read the widths once it has settled.
    await eventually(() => fitsWidth(page)).toBe(true);
    const table = page.locator(".data-table-scroll");
    await eventually(() => table.evaluate((e: Box) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await shot(page, "oc-02-queue-1366-alerts");
    await page.context().close();
  });

  test("a search that finds nothing says why, in Spanish", async () => {
    const order = await queueOrder();
    // The lowest score the queue does not flag. Not simply the last: the baseline profile also picks 1 % of the
    // containers at random (a draw of its own each run), flagged whatever their score, and when the last was one of
    // them the flagged list showed it and the hint below never came.
    const lowest = order.findLast((shipment) => !shipment.flagged)!.containerNumber;
    const right = containerCheckDigit(lowest.slice(0, 10));
    const wrong = `${lowest.slice(0, 10)}${(right + 1) % 10}`;
    const page = await watched(harness.newPage(LAPTOP));
    await page.addInitScript("localStorage.setItem('portcullis.language', 'es')");
    await page.goto(`${harness.baseUrl}/`);
    await page.getByLabel("Nombre de usuario").fill(officer);
    await page.getByLabel("Contraseña").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.getByRole("button", { name: "Cerrar sesión" }).waitFor();
    const hint = page.getByTestId("search-hint").getByRole("status");
    const search = async (query: string) => {
      await page.goto(`${harness.baseUrl}/units/${unitA.code}/queue?${query}`);
      await page.getByTestId("search-hint").waitFor();
    };
    await search(`q=${wrong}&all=true`);
    await eventually(() => hint.innerText()).toBe(`${wrong} no es un número de contenedor válido: su dígito de control debería ser ${right}.`);
    await search("q=ZZZU9&all=true");
    await eventually(() => hint.innerText()).toBe("Ningún contenedor de esta unidad tiene un número que empiece por ZZZU9.");
    await search("q=12345&all=true");
    await eventually(() => hint.innerText()).toMatch(/^«12345» no puede ser el comienzo de un número de contenedor/);
    // Not flagged: the flagged list hides it, and the hint says one container matches.
    await search(`q=${lowest}`);
    await eventually(() => hint.innerText()).toBe("1 contenedor coincide con la búsqueda pero no con los demás filtros (solo señalados, banda, decisión, fechas…): quítelos para verlo.");
    await shot(page, "oc-03-hint-es");
    expect(await page.locator("main").innerText()).not.toMatch(/shipment\(s\)|not a valid|check digit/);
    await page.context().close();
  });
});

describe("activating and retiring a profile version ask first", () => {
  test("the activation names the live version it replaces, the one becoming live and the re-scoring; retiring says none will be live", async () => {
    const page = await watched(harness.newPage());
    await signIn(page, harness.baseUrl, analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unitA.code}` }).waitFor();
    await page.getByRole("link", { name: `Open ${PROFILE} v1` }).click();
    await page.getByRole("heading", { name: `Profile ${PROFILE} — version 1` }).waitFor();
    await page.getByRole("button", { name: "New draft from this version" }).click();
    await page.getByRole("heading", { name: `Profile ${PROFILE} — version 2` }).waitFor();
    // Version 2 picks 5 % at random (version 1 none): its own draw.
    await page.getByLabel("Random rate (0–0.2)").fill("0.05");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved.").waitFor();
    const activate = page.getByRole("button", { name: "Activate this version" });

    await activate.click();
    const dialog = page.getByRole("alertdialog", { name: `Make version 2 of ${PROFILE} live?` });
    await eventually(() => dialog.innerText()).toContain("Version 1 is live now. It will be retired, and version 2 becomes the live version that scores shipments.");
    // The effects come with the activation preview, read after the dialog opens ("Loading…" until then).
    await eventually(() => dialog.innerText()).toContain("The open queue keeps its current scores");
    // Not re-scoring: the new draw applies to the containers scored from now on.
    await eventually(() => dialog.getByTestId("activate-effects").innerText()).toContain(
      "The random selection is drawn anew: version 2 picks 5% of the containers scored from now on at random, with a draw of its own. The open queue keeps its random picks.",
    );
    expect(await focused(page)).toBe("Cancel");
    await page.keyboard.press("Escape");
    await eventually(() => dialog.count()).toBe(0);
    expect(await focused(page)).toBe("Activate this version");
    expect(await versionStates()).toEqual([{ version: 1, status: "active" }, { version: 2, status: "draft" }]);
    await activate.click();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await versionStates()).toEqual([{ version: 1, status: "active" }, { version: 2, status: "draft" }]);

    // With re-scoring ticked, the confirmation says the open queue is scored again.
    await page.getByLabel("Re-score shipments not yet arrived").check();
    await activate.click();
    // How many containers of the open queue are scored again (the vessel arriving tomorrow), and that their random picks change.
    await eventually(() => dialog.getByTestId("activate-effects").innerText()).toContain(`The open queue will be scored again with it: the ${CONTAINERS} containers not yet arrived.`);
    expect(await dialog.getByTestId("activate-effects").innerText()).toContain(
      "The random selection is drawn anew: version 2 picks 5% of containers at random with a draw of its own, so containers of the open queue picked at random until now may no longer be, and others will be.",
    );
    expect(await dialog.innerText()).toContain("Version 1 cannot be activated again afterwards");
    await shot(page, "oc-04-activate-confirm");
    await dialog.getByRole("button", { name: "Activate version 2" }).click();
    // The activation scored again as many as the dialog said.
    await page.getByText(`Version activated. Version 1 was retired. Upcoming shipments to score again: ${CONTAINERS}.`).waitFor();
    expect(await versionStates()).toEqual([{ version: 1, status: "retired" }, { version: 2, status: "active" }]);

    await page.getByRole("button", { name: "Retire this version…" }).click();
    const retire = page.getByRole("alertdialog", { name: `Retire ${PROFILE} version 2?` });
    expect(await retire.innerText()).toContain(`No version of ${PROFILE} will be live until a draft is activated.`);
    await page.keyboard.press("Escape");
    await eventually(() => retire.count()).toBe(0);
    expect(await focused(page)).toBe("Retire this version…");
    expect(await versionStates()).toEqual([{ version: 1, status: "retired" }, { version: 2, status: "active" }]);
    await page.getByRole("button", { name: "Retire this version…" }).click();
    await retire.getByRole("button", { name: "Retire the version" }).click();
    await page.getByText(/^Version retired\./).waitFor();
    expect(await versionStates()).toEqual([{ version: 1, status: "retired" }, { version: 2, status: "retired" }]);
    await page.context().close();
  });

  test("no server error, and no script, CSP or rendering error in the browser console", () => {
    expect(serverErrors).toEqual([]);
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
