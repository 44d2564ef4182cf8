// axe-core in the browser tests: a page it can be injected into, and the
// serious and critical violations it finds there.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import type { WebHarness } from "./harness.js";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

/**
 * A page whose context lets axe-core be injected as a script tag: the app's
 * CSP (script-src 'self') rightly refuses inline scripts, so only this
 * context bypasses it. Console errors are collected like the harness's.
 */
export const axePage = (harness: WebHarness): Promise<Page> => harness.newPage(undefined, { bypassCSP: true });

/** Serious and critical axe-core violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate<string[]>(`axe.run(document, { resultTypes: ["violations"] })
    .then((r) => r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")))`);
}
