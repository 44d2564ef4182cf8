// Issue 15, item 2, in headless Chromium: an admin signs in and lands on the
// admin overview (not on a unit's queue), creates a user and an API token
// for them, revokes the token (asked first: Cancel leaves it working),
// and finds those actions in the audit viewer,
// whose filters live in the URL (a reload keeps them); the queue board opens
// with the admin's browser session. Disabling a user and resetting a password
// are asked first too. The admin screens pass axe-core.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../core/admin/manage-users.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { createTestAgency } from "../helpers/test-users.js";
import { axePage, axeViolations } from "./axe.js";
import { eventually, PASSWORD, shot, signIn, startWebHarness, unexpectedErrors, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let agencyCode: string;
let adminName: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "ECGYE");
  agencyCode = (await createTestAgency(harness.services, "EC")).code;
  adminName = `admin.${Math.random().toString(36).slice(2, 8)}`;
  await createUser(harness.services, { username: adminName, displayName: "Ada Admin", agencyCode, memberships: [{ role: "admin" }], password: PASSWORD }, { name: "e2e-setup" });
}, 120_000);
afterAll(async () => harness?.close());

/** The text of what has focus (an expression: the test project's types have no DOM). */
const focused = (page: Page) => page.evaluate<string>("document.activeElement?.textContent ?? ''");
const apiStatus = async (token: string) => (await fetch(`${harness.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status;

async function expectAccessible(page: Page, screen: string) {
  expect(await axeViolations(page), screen).toEqual([]);
}

describe("admin screens", () => {
  test("an admin creates a user and a token, revokes it, and finds the actions in the audit viewer", async () => {
    const page = await axePage(harness);
    await signIn(page, harness.baseUrl, adminName);
    await page.waitForURL(`${harness.baseUrl}/admin`);
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await page.getByRole("table", { name: "Queue health" }).waitFor();
    await eventually(() => page.getByRole("table", { name: "Queue health" }).getByRole("rowheader").allTextContents()).toEqual(
      expect.arrayContaining(["scoring", "maintenance", "analysis"]),
    );
    await expect(page.getByRole("table", { name: "Control units" }).getByRole("link", { name: unit.code }).count()).resolves.toBe(1);
    expect(await page.getByText("not found").count()).toBe(0);
    await expectAccessible(page, "overview");
    await shot(page, "admin-overview");

    // A user.
    const newName = `clerk.${Math.random().toString(36).slice(2, 8)}`;
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.getByText("New user", { exact: true }).click();
    const form = page.getByRole("form", { name: "New user" });
    await form.getByLabel("User name").fill(newName);
    await form.getByLabel("Name", { exact: true }).fill("Carla Clerk");
    await form.getByLabel("Agency").selectOption(agencyCode);
    await form.getByLabel("Role").selectOption("officer");
    await form.getByLabel("Unit").selectOption(unit.code);
    await form.getByLabel("Password (optional)").fill(PASSWORD);
    await form.getByRole("button", { name: "Create the user" }).click();
    await page.getByText(`User ${newName} created.`).waitFor();
    await page.getByRole("row", { name: new RegExp(newName) }).waitFor();
    await expectAccessible(page, "users");
    // Users are listed by user name; the header's sort button reverses it.
    const users = page.getByTestId("admin-users");
    const userNames = () => users.getByRole("rowheader").allTextContents();
    const byName = [...(await userNames())].sort(new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare);
    expect(byName).toEqual(expect.arrayContaining([adminName, newName]));
    expect(await userNames()).toEqual(byName);
    expect(await users.getByRole("columnheader", { name: "User name" }).getAttribute("aria-sort")).toBe("ascending");
    await users.getByRole("button", { name: "Sort by User name" }).press("Enter");
    await eventually(userNames).toEqual([...byName].reverse());
    expect(await users.getByRole("columnheader", { name: "User name" }).getAttribute("aria-sort")).toBe("descending");

    // A token for that user, shown once; then revoked.
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "API tokens" }).click();
    const tokenForm = page.getByRole("form", { name: "New API token" });
    await tokenForm.getByLabel("User name").selectOption({ label: newName });
    await tokenForm.getByLabel("Name", { exact: true }).fill("nightly import");
    await tokenForm.getByRole("button", { name: "Create the token" }).click();
    const secret = (await page.getByTestId("new-token").textContent()) ?? "";
    expect(secret).toMatch(/^pcu_/);
    expect(await apiStatus(secret)).toBe(200);
    await expectAccessible(page, "tokens");
    // Revoking is asked first: Cancel leaves the token working, Revoke the token ends it.
    const revokeButton = page.getByRole("button", { name: `Revoke “nightly import” of ${newName}` });
    await revokeButton.click();
    const asked = page.getByRole("alertdialog", { name: `Revoke the token “nightly import” of ${newName}?` });
    await asked.getByText("Scripts using it get 401").waitFor();
    await expectAccessible(page, "revoke confirmation");
    await asked.getByRole("button", { name: "Cancel" }).click();
    await asked.waitFor({ state: "detached" });
    await eventually(() => focused(page)).toBe(`Revoke “nightly import” of ${newName}`);
    expect(await apiStatus(secret)).toBe(200);
    expect(await page.getByRole("row", { name: /nightly import/ }).textContent()).toContain("Active");
    await revokeButton.click();
    await asked.getByRole("button", { name: "Revoke the token" }).click();
    await page.getByText(`Token “nightly import” of ${newName} revoked.`).waitFor();
    await asked.waitFor({ state: "detached" });
    await eventually(() => page.getByRole("row", { name: /nightly import/ }).textContent()).toContain("Revoked");
    expect(await apiStatus(secret)).toBe(401);
    await shot(page, "admin-tokens");

    // The audit viewer, filtered by the admin as actor.
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Actor").fill(adminName);
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/audit\\?actor=${adminName.replace(".", "\\.")}`));
    const actions = () => page.getByTestId("audit-events").locator("tbody tr td:nth-child(3)").allTextContents();
    // Newest first; the last is the admin's own sign-in (a web session, not an API token).
    const expected = ["token.revoked", "token.created", "user.created", "session.started"];
    await eventually(actions).toEqual(expected);
    await expectAccessible(page, "audit");
    await shot(page, "admin-audit");
    // The URL holds the filters: a reload (or the link shared) shows the same view.
    await page.reload();
    await eventually(actions).toEqual(expected);
    expect(await page.getByLabel("Actor").inputValue()).toBe(adminName);
    // The CSV export of the same filters.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export as CSV" }).click();
    const text = readFileSync(await (await download).path(), "utf8").split("\r\n");
    expect(text[0]).toBe("id,at,actor,action,entityType,entityId,unitCode,ip,requestId,before,after,details");
    // The export is audited before it reads, so it lists itself first.
    expect(text.slice(1, -1).map((line) => line.split(",")[3])).toEqual(["audit.exported", ...expected]);
    // Oldest first, by the When header (the export added one event: reload it first).
    await page.reload();
    await eventually(actions).toEqual(["audit.exported", ...expected]);
    await page.getByTestId("audit-events").getByRole("button", { name: "Sort by When" }).click();
    await eventually(actions).toEqual([...expected].reverse().concat("audit.exported"));
    await page.getByRole("table", { name: /5 events, oldest first/ }).waitFor();
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
    await page.context().close();
  }, 150_000);

  test("disabling a user and resetting their password are asked first, naming what ends", async () => {
    const name = `dora.${Math.random().toString(36).slice(2, 8)}`;
    await createUser(harness.services, { username: name, displayName: "Dora", agencyCode, memberships: [{ role: "officer", unitCode: unit.code }], password: PASSWORD }, { name: "e2e-setup" });
    const account = async () =>
      (await harness.services.pool.query<{ disabled: boolean; must_change_password: boolean }>("SELECT disabled_at IS NOT NULL AS disabled, must_change_password FROM app_user WHERE username = $1", [name])).rows[0];
    const page = await axePage(harness);
    await signIn(page, harness.baseUrl, adminName);
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await page.goto(`${harness.baseUrl}/admin/users?q=${name}`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await row.waitFor();

    // Cancel: nothing changes, and focus is back on the button.
    await row.getByRole("button", { name: `Disable ${name}` }).click();
    const disable = page.getByRole("alertdialog", { name: `Disable ${name}?` });
    await disable.getByText("They can no longer sign in").waitFor();
    await expectAccessible(page, "disable confirmation");
    await disable.getByRole("button", { name: "Cancel" }).click();
    await disable.waitFor({ state: "detached" });
    await eventually(() => focused(page)).toBe(`Disable ${name}`);
    await row.getByRole("button", { name: `Reset the password of ${name}` }).click();
    const reset = page.getByRole("alertdialog", { name: `Reset the password of ${name}?` });
    await reset.getByText("Their web sessions end at once").waitFor();
    // Escape is a cancel too.
    await page.keyboard.press("Escape");
    await reset.waitFor({ state: "detached" });
    expect(await account()).toEqual({ disabled: false, must_change_password: false });
    expect(await page.getByTestId("one-time-password").count()).toBe(0);

    // Confirmed: the reset hands over a one-time password; the disable ends the account's use.
    await row.getByRole("button", { name: `Reset the password of ${name}` }).click();
    await reset.getByRole("button", { name: "Reset the password" }).click();
    await page.getByTestId("one-time-password").waitFor();
    await reset.waitFor({ state: "detached" });
    expect(await account()).toEqual({ disabled: false, must_change_password: true });
    await row.getByRole("button", { name: `Disable ${name}` }).click();
    await disable.getByRole("button", { name: "Disable", exact: true }).click();
    await page.getByText(`${name} is disabled: their tokens and sessions no longer work.`).waitFor();
    expect(await account()).toEqual({ disabled: true, must_change_password: true });
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
    await page.context().close();
  }, 120_000);

  test("the queue board opens with the admin's browser session", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, adminName);
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await page.getByRole("button", { name: "Queue board" }).click();
    await page.waitForURL(`${harness.baseUrl}/admin/queues`);
    await page.getByText("Portcullis queues").first().waitFor();
    await eventually(() => page.getByText("scoring").count()).toBeGreaterThan(0);
    // The board asks no other host for anything: nothing for the CSP to refuse (it once linked Google Fonts).
    expect(harness.browserErrors.filter((e) => /Content Security Policy|fonts\.googleapis/i.test(e))).toEqual([]);
    // Back in the app, the session is still there.
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await page.context().close();
  });

  test("a user without the admin role gets no admin screen and no admin link", async () => {
    const officer = `officer.${Math.random().toString(36).slice(2, 8)}`;
    await createUser(harness.services, { username: officer, displayName: "Otto", agencyCode, memberships: [{ role: "officer", unitCode: unit.code }], password: PASSWORD }, { name: "e2e-setup" });
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, officer);
    await page.waitForURL(`${harness.baseUrl}/units/${unit.code}/queue`);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).count()).toBe(0);
    await page.goto(`${harness.baseUrl}/admin/users`);
    await page.getByText("Only administrators can open this page.").waitFor();
    await page.context().close();
  });
});
