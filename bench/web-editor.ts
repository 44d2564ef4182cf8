// The profile editor in headless Chromium against the real app: how long a
// learned-size profile (65 indicators, 6,000 table entries) and one table of
// 100,000 entries take to open, how tall the learned profile's page is with
// every indicator listed, and how long a key takes to show while typing into
// the 100,000-entry table (its first entry, and one deep in the table reached
// by scrolling), each beside the same measure on a 10-entry profile in the
// same run (the baseline). Prints one JSON object.
//
//   npx tsx bench/web-editor.ts [--repeats 3] [--keys 40]
//
// Open: from the press on the profiles list's link until the form and the
// JSON view are shown and the page has painted a frame (a frame cannot paint
// while the main thread is busy, so blocking work counts). Typing: keys in
// bursts of 5 (120 ms apart, then a 700 ms pause in which the cell writes to
// the document and validation runs); a key's time runs from its keydown
// event to the next painted frame. Long tasks (> 50 ms on the main thread)
// during the typing are reported too: a key pressed during one waits for it.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { createApp } from "../api/app.js";
import { createAgency } from "../core/admin/manage-units.js";
import { createUser } from "../core/admin/manage-users.js";
import { parseConfig } from "../core/config.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices } from "../core/services.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";
import { withBenchDatabase } from "./bench-database.js";
import { hugeTableProfile, learnedSizeProfile, smallProfile } from "./web-editor-profiles.js";

const { values: args } = parseArgs({ options: { repeats: { type: "string", default: "3" }, keys: { type: "string", default: "40" } } });
const repeats = Number(args.repeats);
const keys = Number(args.keys);
const PASSWORD = "bench editor password 1";
const root = fileURLToPath(new URL("..", import.meta.url));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** From the press on "Open CODE v1" until the form and the JSON view show and a frame has painted. */
async function openMs(page: Page, unitCode: string, code: string): Promise<number> {
  await page.goto(`${page.url().split("/units/")[0]}/units/${unitCode}/profiles`);
  const link = page.getByRole("link", { name: `Open ${code} v1` });
  await link.waitFor();
  // In-page script (a string: this file is type-checked without the DOM's types).
  return page.evaluate<number>(`(async () => {
    const name = ${JSON.stringify(`Open ${code} v1`)};
    const anchor = [...document.querySelectorAll("a")].find((a) => a.textContent.trim() === name || a.getAttribute("aria-label") === name);
    if (!anchor) throw new Error("no link " + name);
    const started = performance.now();
    anchor.click();
    const ready = () => {
      // The JSON view shows the text, or (for a large document) offers to show it.
      const json = document.querySelector("#pe-json-text");
      const jsonShown = (json !== null && json.value.length > 0) || document.querySelector("#pe-json-large") !== null;
      return jsonShown && document.querySelector("[data-testid=pe-indicator]") !== null;
    };
    await new Promise((resolve, reject) => {
      const check = () => (ready() ? resolve() : performance.now() - started > 60000 ? reject(new Error("the editor did not open in 60 s")) : requestAnimationFrame(check));
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  })()`);
}

/** The learned profile's editor page height (px) with every indicator listed ("Show more" until all are). */
async function pageHeightPx(page: Page, unitCode: string, code: string): Promise<number> {
  await page.goto(`${page.url().split("/units/")[0]}/units/${unitCode}/profiles/${code}/versions/1`);
  await page.locator("[data-testid=pe-indicator]").first().waitFor();
  const more = page.getByRole("button", { name: "Show more" });
  while ((await more.count()) > 0) await more.click();
  await page.waitForTimeout(500);
  return page.evaluate<number>("document.documentElement.scrollHeight");
}

/**
 * Types `count` digits into an entry's points cell: the first entry, or (`deep`) one about that far down
 * its table's list (scrolled to first); per key: keydown → next painted frame.
 */
async function typingMs(page: Page, unitCode: string, code: string, count: number, deep = 0): Promise<{ perKey: number[]; longTasks: number[]; entry: number }> {
  await page.goto(`${page.url().split("/units/")[0]}/units/${unitCode}/profiles/${code}/versions/1`);
  await page.getByRole("textbox", { name: /^Points of entry 1\b/ }).waitFor({ timeout: 60_000 });
  let entry = 1;
  if (deep > 0) {
    // Scrolled as an analyst would (the list renders the rows it reaches); the entry is one then in view.
    const list = page.getByTestId("pe-table-scroll").first();
    await list.evaluate((element, at) => {
      const box = element as unknown as { scrollTo(x: number, y: number): void; scrollHeight: number };
      box.scrollTo(0, at * box.scrollHeight);
    }, deep);
    const range = page.getByTestId("pe-table-range").first();
    const firstShown = async () => Number(/^Entries ([\d,]+)/.exec(await range.innerText())?.[1]?.replace(/,/g, "") ?? "1");
    for (let i = 0; i < 100 && (await firstShown()) === 1; i++) await page.waitForTimeout(100);
    entry = (await firstShown()) + 2;
  }
  const cell = page.getByRole("textbox", { name: new RegExp(`^Points of entry ${entry}\\b`) });
  await cell.waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1_500);
  await page.evaluate(`(() => {
    window.benchKeys = [];
    window.benchLong = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.benchLong.push(e.duration))).observe({ type: "longtask" });
    document.addEventListener("keydown", (event) => {
      const down = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.benchKeys.push(performance.now() - down), 0));
    }, true);
  })()`);
  await cell.click();
  await cell.press("End");
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press(String(i % 10));
    await page.waitForTimeout(i % 5 === 4 ? 700 : 120);
  }
  await page.waitForTimeout(1_500);
  return { ...(await page.evaluate<{ perKey: number[]; longTasks: number[] }>("({ perKey: window.benchKeys, longTasks: window.benchLong })")), entry };
}

const webRoot = path.join(os.tmpdir(), `portcullis-bench-web-${randomBytes(3).toString("hex")}`);
execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn", "--outDir", webRoot], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, NODE_ENV: "production" },
});

try {
  await withBenchDatabase(async (url) => {
    const config = parseConfig({ ...process.env, DATABASE_URL: url, QUEUE_PREFIX: `bench-${randomBytes(3).toString("hex")}`, LOG_LEVEL: "warn", WEB_ROOT: webRoot });
    const services = createServices(config, "bench");
    const server = createApp(services).listen(0, "127.0.0.1");
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const unit = await services.prisma.controlUnit.create({ data: { code: "ECGYE-BENCH", locode: "ECGYE", name: "Bench", country: "EC", kind: "seaport" } });
      for (const profile of [smallProfile(), learnedSizeProfile(), hugeTableProfile()]) await installProfile(services, unit.id, profile, { activate: false, createdBy: "bench" });
      const agency = await createAgency(services, { code: "BENCH-EC", name: "Bench agency", kind: "customs", country: "EC" }, { name: "bench" });
      await createUser(services, { username: "bench.analyst", displayName: "Bench analyst", agencyCode: agency.code, memberships: [{ role: "analyst", unitCode: unit.code }], password: PASSWORD }, { name: "bench" });

      const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${baseUrl}/`);
      await page.getByLabel("User name").fill("bench.analyst");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: /^Flagged containers|^Risk profiles/ }).first().waitFor();

      // The API's part of an open: the version's document, and one validation of it (the editor validates a draft on opening).
      const apiMs = await page.evaluate<{ getMs: number; validateMs: number; bytes: number }>(`(async () => {
        const token = JSON.parse(sessionStorage.getItem("portcullis.session")).token;
        const headers = { authorization: "Bearer " + token, "content-type": "application/json" };
        const base = "/v1/units/${unit.code}/profiles";
        let started = performance.now();
        const text = await (await fetch(base + "/BENCH-LEARNED/versions/1", { headers })).text();
        const getMs = performance.now() - started;
        started = performance.now();
        await (await fetch(base + "/validate", { method: "POST", headers, body: JSON.stringify(JSON.parse(text).definition) })).text();
        return { getMs, validateMs: performance.now() - started, bytes: text.length };
      })()`);
      const opens = { small: [] as number[], learned: [] as number[], huge: [] as number[] };
      for (let r = 0; r < repeats; r += 1) {
        opens.small.push(await openMs(page, unit.code, "BENCH-SMALL"));
        opens.learned.push(await openMs(page, unit.code, "BENCH-LEARNED"));
        opens.huge.push(await openMs(page, unit.code, "BENCH-HUGE"));
      }
      const heights = { small: await pageHeightPx(page, unit.code, "BENCH-SMALL"), learned: await pageHeightPx(page, unit.code, "BENCH-LEARNED") };
      const small = await typingMs(page, unit.code, "BENCH-SMALL", keys);
      const huge = await typingMs(page, unit.code, "BENCH-HUGE", keys);
      const hugeDeep = await typingMs(page, unit.code, "BENCH-HUGE", keys, 0.9);
      const summary = (t: { perKey: number[]; longTasks: number[]; entry: number }) => ({
        entry: t.entry,
        keys: t.perKey.length,
        p50Ms: round(percentile(t.perKey, 50)),
        p95Ms: round(percentile(t.perKey, 95)),
        maxMs: round(Math.max(...t.perKey)),
        longTasks: t.longTasks.length,
        longestTaskMs: round(Math.max(0, ...t.longTasks)),
      });
      const hugeSummary = summary(huge);
      console.log(
        JSON.stringify({
          benchmark: "web-editor",
          viewport: "1366x900",
          repeats,
          open: {
            learnedProfile: { indicators: 65, entries: 6_000, firstMs: round(opens.learned[0]!), medianMs: round(percentile(opens.learned, 50)) },
            baselineSmallProfile: { indicators: 1, entries: 10, firstMs: round(opens.small[0]!), medianMs: round(percentile(opens.small, 50)) },
            table100k: { indicators: 1, entries: 100_000, firstMs: round(opens.huge[0]!), medianMs: round(percentile(opens.huge, 50)) },
            ratioToBaseline: round(percentile(opens.learned, 50) / percentile(opens.small, 50)),
            api: { learnedDocumentBytes: apiMs.bytes, getVersionMs: round(apiMs.getMs), validateMs: round(apiMs.validateMs) },
          },
          pageHeight: { learnedProfileAllListedPx: heights.learned, baselineSmallProfilePx: heights.small, ratioToBaseline: round(heights.learned / heights.small) },
          typing: { table100k: hugeSummary, table100kDeepEntry: summary(hugeDeep), baselineTable10: summary(small) },
          targets: { openMs: 1000, perKeyP95Ms: 50 },
          met: { open: percentile(opens.learned, 50) < 1000, typing: hugeSummary.p95Ms < 50 && summary(hugeDeep).p95Ms < 50 },
        }),
      );
      await context.close();
    } finally {
      await browser.close();
      server.close();
      await services.close();
      await deletePrefixKeys(services.config.REDIS_URL, services.config.QUEUE_PREFIX);
    }
  });
} finally {
  rmSync(webRoot, { recursive: true, force: true });
}
