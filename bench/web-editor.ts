// The profile editor in headless Chromium against the real app: how long a
// learned-size profile (65 indicators, 6,000 table entries) and one table of
// 100,000 entries take to open, how tall the learned profile's page is with
// every indicator listed (as it opens: closed), and how long a key takes to show while typing into
// the 100,000-entry table (its first entry, and one deep in the table reached
// by scrolling), each beside the same measure on a 10-entry profile in the
// same run (the baseline). Prints one JSON object.
//
//   npx tsx bench/web-editor.ts [--repeats 3] [--keys 40] [--cpu-profile open.cpuprofile]
//
// --cpu-profile writes a V8 CPU profile of one more open of the learned
// profile, and of the 100,000-entry one beside it (NAME-table100k.cpuprofile;
// open them in Chromium's DevTools, Performance panel). --web-dist
// serves a web app built beforehand (e.g. an earlier commit's, to compare in
// the same conditions) instead of building this one; an app whose
// indicators are always open skips the opening of the table indicator.
// --open-only skips the typing (its figures print as null).
//
// Open: from the press on the profiles list's link until the form and the
// JSON view are shown and the page has painted a frame (a frame cannot paint
// while the main thread is busy, so blocking work counts). Beside each wall
// time, the page's main-thread CPU time over the same span (Chromium's
// ThreadTime metric) and its long tasks: on a loaded machine the wall time
// mostly measures the wait for a core, the CPU time what the page did.
// Indicators open closed (one line each): the table indicator is opened
// (its button pressed) before typing, and that press is timed too. Typing: keys in
// bursts of 5 (120 ms apart, then a 700 ms pause in which the cell writes to
// the document and validation runs); a key's time runs from its keydown
// event to the next painted frame. Long tasks (> 50 ms on the main thread)
// during the typing are reported too: a key pressed during one waits for it.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium, type CDPSession, type Page } from "playwright-core";
import { createApp } from "../api/app.js";
import { createAgency } from "../core/admin/manage-units.js";
import { createUser } from "../core/admin/manage-users.js";
import { parseConfig } from "../core/config.js";
import { installProfile } from "../core/profiles/install-profile.js";
import { createServices } from "../core/services.js";
import { deletePrefixKeys } from "../workers/delete-prefix-keys.js";
import { withBenchDatabase } from "./bench-database.js";
import { hugeTableProfile, learnedSizeProfile, smallProfile } from "./web-editor-profiles.js";

const { values: args } = parseArgs({ options: { repeats: { type: "string", default: "3" }, keys: { type: "string", default: "40" }, "cpu-profile": { type: "string" }, "web-dist": { type: "string" }, "open-only": { type: "boolean", default: false } } });
const repeats = Number(args.repeats);
const keys = Number(args.keys);
const PASSWORD = "bench editor password 1";
const root = fileURLToPath(new URL("..", import.meta.url));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

/** The page's main-thread CPU time so far (ms). */
async function threadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "ThreadTime")?.value ?? Number.NaN) * 1000;
}

interface Timed {
  /** Wall time (ms). */
  ms: number;
  /** The page's main-thread CPU time over the same span (ms). */
  cpuMs: number;
  /** Long tasks (> 50 ms) in the span, and the longest (ms). */
  longTasks: number;
  longestTaskMs: number;
}

/** Runs the in-page script `body` (it returns when done) timed: wall, main-thread CPU, long tasks. */
async function timedInPage(page: Page, cdp: CDPSession, body: string): Promise<Timed> {
  await page.evaluate(`(() => {
    window.benchLongOpen = [];
    window.benchLongObserver?.disconnect();
    window.benchLongObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.benchLongOpen.push(e.duration)));
    window.benchLongObserver.observe({ type: "longtask" });
  })()`);
  const cpuBefore = await threadMs(cdp);
  const ms = await page.evaluate<number>(`(async () => {
    const started = performance.now();
    ${body}
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  })()`);
  const cpuMs = (await threadMs(cdp)) - cpuBefore;
  const long = await page.evaluate<number[]>("(window.benchLongObserver.disconnect(), window.benchLongOpen)");
  return { ms, cpuMs, longTasks: long.length, longestTaskMs: Math.max(0, ...long) };
}

/** In-page: waits (frame by frame, up to 60 s) until `ready` (an expression) is true. */
const waitFor = (ready: string, what: string) => `await new Promise((resolve, reject) => {
      const check = () => (${ready} ? resolve() : performance.now() - started > 60000 ? reject(new Error(${JSON.stringify(what)})) : requestAnimationFrame(check));
      check();
    });`;

/** From the press on "Open CODE v1" until the form and the JSON view show and a frame has painted. */
async function openMs(page: Page, cdp: CDPSession, unitCode: string, code: string): Promise<Timed> {
  await page.goto(`${page.url().split("/units/")[0]}/units/${unitCode}/profiles`);
  const link = page.getByRole("link", { name: `Open ${code} v1` });
  await link.waitFor();
  // In-page script (a string: this file is type-checked without the DOM's types).
  return timedInPage(
    page,
    cdp,
    `const name = ${JSON.stringify(`Open ${code} v1`)};
    const anchor = [...document.querySelectorAll("a")].find((a) => a.textContent.trim() === name || a.getAttribute("aria-label") === name);
    if (!anchor) throw new Error("no link " + name);
    anchor.click();
    // The JSON view shows the text, or (for a large document) offers to show it.
    ${waitFor(
      `(((json) => (json !== null && json.value.length > 0))(document.querySelector("#pe-json-text")) || document.querySelector("#pe-json-large") !== null) && document.querySelector("[data-testid=pe-indicator]") !== null`,
      "the editor did not open in 60 s",
    )}`,
  );
}

/** Opens the first indicator (its button pressed) until its first entry's points cell shows and a frame has painted. */
async function expandMs(page: Page, cdp: CDPSession, unitCode: string, code: string): Promise<Timed | null> {
  await page.goto(`${page.url().split("/units/")[0]}/units/${unitCode}/profiles/${code}/versions/1`);
  await page.locator("[data-testid=pe-indicator]").first().waitFor();
  if ((await page.locator("[data-testid=pe-indicator] button[aria-expanded=false]").count()) === 0) return null;
  await page.waitForTimeout(1_000);
  return timedInPage(
    page,
    cdp,
    `document.querySelector("[data-testid=pe-indicator] button[aria-expanded=false]").click();
    ${waitFor(`[...document.querySelectorAll("input[aria-label]")].some((i) => i.getAttribute("aria-label").startsWith("Points of entry 1 "))`, "the table did not show in 60 s")}`,
  );
}

/** Opens the indicator holding a table (its button), unless its entries already show. */
async function openTable(page: Page): Promise<void> {
  const toggle = page.getByTestId("pe-indicator").filter({ has: page.getByText(/table of/) }).first().getByRole("button", { expanded: false });
  const entry = page.getByRole("textbox", { name: /^Points of entry 1\b/ });
  await toggle.or(entry).first().waitFor({ timeout: 60_000 });
  if ((await toggle.count()) > 0) await toggle.click();
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
  await openTable(page);
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

const webRoot = args["web-dist"] ?? path.join(os.tmpdir(), `portcullis-bench-web-${randomBytes(3).toString("hex")}`);
if (!args["web-dist"]) execFileSync(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn", "--outDir", webRoot], {
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
      const cdp = await context.newCDPSession(page);
      await cdp.send("Performance.enable");
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
      const opens = { small: [] as Timed[], learned: [] as Timed[], huge: [] as Timed[] };
      for (let r = 0; r < repeats; r += 1) {
        opens.small.push(await openMs(page, cdp, unit.code, "BENCH-SMALL"));
        opens.learned.push(await openMs(page, cdp, unit.code, "BENCH-LEARNED"));
        opens.huge.push(await openMs(page, cdp, unit.code, "BENCH-HUGE"));
      }
      const cpuProfile = args["cpu-profile"];
      if (cpuProfile) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
        for (const [code, file] of [["BENCH-LEARNED", cpuProfile], ["BENCH-HUGE", cpuProfile.replace(/(\.cpuprofile)?$/, "-table100k.cpuprofile")]] as const) {
          await cdp.send("Profiler.start");
          await openMs(page, cdp, unit.code, code);
          writeFileSync(file, JSON.stringify((await cdp.send("Profiler.stop")).profile));
        }
      }
      const expands = { small: [] as Timed[], huge: [] as Timed[] };
      for (let r = 0; r < repeats; r += 1) {
        const small = await expandMs(page, cdp, unit.code, "BENCH-SMALL");
        const huge = await expandMs(page, cdp, unit.code, "BENCH-HUGE");
        if (small === null || huge === null) break;
        expands.small.push(small);
        expands.huge.push(huge);
      }
      const heights = { small: await pageHeightPx(page, unit.code, "BENCH-SMALL"), learned: await pageHeightPx(page, unit.code, "BENCH-LEARNED") };
      type Typed = Awaited<ReturnType<typeof typingMs>>;
      const summary = (t: Typed) => ({
        entry: t.entry,
        keys: t.perKey.length,
        p50Ms: round(percentile(t.perKey, 50)),
        p95Ms: round(percentile(t.perKey, 95)),
        maxMs: round(Math.max(...t.perKey)),
        longTasks: t.longTasks.length,
        longestTaskMs: round(Math.max(0, ...t.longTasks)),
      });
      let typing: { table100k: ReturnType<typeof summary>; table100kDeepEntry: ReturnType<typeof summary>; baselineTable10: ReturnType<typeof summary> } | null = null;
      if (!args["open-only"]) {
        const small = await typingMs(page, unit.code, "BENCH-SMALL", keys);
        const huge = await typingMs(page, unit.code, "BENCH-HUGE", keys);
        const hugeDeep = await typingMs(page, unit.code, "BENCH-HUGE", keys, 0.9);
        typing = { table100k: summary(huge), table100kDeepEntry: summary(hugeDeep), baselineTable10: summary(small) };
      }
      const median = (runs: Timed[], key: "ms" | "cpuMs") => percentile(runs.map((r) => r[key]), 50);
      const timed = (runs: Timed[]) => ({
        firstMs: round(runs[0]!.ms),
        medianMs: round(median(runs, "ms")),
        medianCpuMs: round(median(runs, "cpuMs")),
        longTasks: runs.map((r) => r.longTasks),
        longestTaskMs: round(Math.max(...runs.map((r) => r.longestTaskMs))),
      });
      console.log(
        JSON.stringify({
          benchmark: "web-editor",
          viewport: "1366x900",
          repeats,
          open: {
            learnedProfile: { indicators: 65, entries: 6_000, ...timed(opens.learned) },
            baselineSmallProfile: { indicators: 1, entries: 10, ...timed(opens.small) },
            table100k: { indicators: 1, entries: 100_000, ...timed(opens.huge) },
            ratioToBaseline: round(median(opens.learned, "ms") / median(opens.small, "ms")),
            cpuRatioToBaseline: round(median(opens.learned, "cpuMs") / median(opens.small, "cpuMs")),
            api: { learnedDocumentBytes: apiMs.bytes, getVersionMs: round(apiMs.getMs), validateMs: round(apiMs.validateMs) },
          },
          openIndicator: expands.huge.length === 0 ? null : { table100k: timed(expands.huge), baselineTable10: timed(expands.small) },
          pageHeight: { learnedProfileAllListedPx: heights.learned, baselineSmallProfilePx: heights.small, ratioToBaseline: round(heights.learned / heights.small) },
          typing,
          targets: { openMs: 1000, perKeyP95Ms: 50 },
          met: { open: median(opens.learned, "ms") < 1000, typing: typing === null ? null : typing.table100k.p95Ms < 50 && typing.table100kDeepEntry.p95Ms < 50 },
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
  if (!args["web-dist"]) rmSync(webRoot, { recursive: true, force: true });
}
