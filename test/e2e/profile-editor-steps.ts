// Steps in the profile editor shared by its browser tests. Indicators are
// listed closed (a line each: a button named "Indicator <n>: <code>" and a
// summary); a test opens one before it reads or types in its fields.
import type { Locator, Page } from "playwright-core";
import { profileIndicator } from "./harness.js";

/** The indicator's open/close button (a disclosure: aria-expanded, aria-controls). */
export const indicatorToggle = (page: Page, n: number, code: string): Locator =>
  profileIndicator(page, n, code).getByRole("button", { name: `Indicator ${n}: ${code}`, exact: true });

/**
 * Opens the indicator (if it is closed) and returns its group, whose fields then show. `timeout`: for the
 * press, which renders the indicator's table (a 100,000-entry one's rows are built then).
 */
export async function openIndicator(page: Page, n: number, code: string, timeout?: number): Promise<Locator> {
  const toggle = indicatorToggle(page, n, code);
  await toggle.waitFor({ timeout });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click({ timeout });
  return profileIndicator(page, n, code);
}
