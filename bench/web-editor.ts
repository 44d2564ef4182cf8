// The profile editor in headless Chromium against the real app: how long a
// learned-size profile (65 indicators, 6,000 table entries) and one table of
// 100,000 entries take to open, how tall the learned profile's page is with
// every indicator listed (as it opens: closed), and what a key costs while
// typing into the 100,000-entry table (its first entry, and one deep in the
// table reached by scrolling), each beside the same measure on a 10-entry
// profile in the same run (the baseline). Prints one JSON object.
//
//   npx tsx bench/web-editor.ts [--repeats 3] [--keys 40] [--per-key] [--cpu-profile open.cpuprofile] [--typing-profile typing.cpuprofile]
//
// --cpu-profile writes a V8 CPU profile of one more open of the learned
// profile, and of the 100,000-entry one beside it (NAME-table100k.cpuprofile;
// open them in Chromium's DevTools, Performance panel); --typing-profile
// records the first typing run in the 100,000-entry table: a CPU profile, a
// Chromium trace (FILE.json: tasks and garbage collections) or an allocation
// sampling profile (FILE.heapprofile). --per-key adds each key's figures.
// --web-dist serves a web app built beforehand (e.g. an earlier commit's, to
// compare in the same conditions) instead of building this one; an app whose
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
// (its button pressed) before typing, and that press is timed too.
// Typing (each repeat types in the baseline, the 100,000-entry table's first
// entry and its deep one): keys in bursts of 5 (120 ms apart), then a 1.5 s
// pause in which the cell writes to the form, the worker writes and compares
// the document and validation answers. Per key: the wall time from its
// keydown event to the next painted frame, and the main thread's CPU time
// from just before the key is sent until that frame (ThreadTime read over
// CDP: the same small overhead in every run); per pause, the main thread's
// CPU time over it. The CPU figures are what load does not decide: a key
// that costs the same in a 100,000-entry table as in a 10-entry one has the
// same CPU time whatever the wall time waited for a core. A key during which
// V8 finishes a full garbage collection pays for it, and that pause grows
// with the page's live heap (so with the table): the p95 and max show it.
// Long tasks (> 50 ms on the main thread) during the typing are reported too.
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

const { values: args } = parseArgs({ options: { repeats: { type: "string", default: "3" }, keys: { type: "string", default: "40" }, "cpu-profile": { type: "string" }, "web-dist": { type: "string" }, "open-only": { type: "boolean", default: false }, "typing-profile": { type: "string" }, "per-key": { type: "boolean", default: false } } });
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

/** What typing into a cell cost, per key and per edit written to the form. */
interface Typed {
  entry: number;
  /** Per key, wall time from its keydown event to the next painted frame (ms). */
  perKey: number[];
  /** Per key, the page's main-thread CPU time from just before the key is sent until that frame (ms). */
  perKeyCpu: number[];
  /** Per pause after a burst: main-thread CPU time while the cell writes to the form and the worker syncs and validates (ms). */
  perPauseCpu: number[];
  longTasks: number[];
}

/** Keys per burst, the time between keys in a burst, and the pause after it (ms). */
const BURST = 5;
const KEY_GAP = 120;
const PAUSE = 1_500;

/**
 * Records what the page does until the returned function is called, into `file`: a Chromium trace (.json:
 * tasks, garbage collections, layout), an allocation sampling profile (.heapprofile), else a V8 CPU profile.
 */
async function startRecording(page: Page, cdp: CDPSession, file: string): Promise<() => Promise<void>> {
  if (file.endsWith(".json")) {
    const browser = page.context().browser()!;
    await browser.startTracing(page, { path: file, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink.user_timing"] });
    return async () => void (await browser.stopTracing());
  }
  if (file.endsWith(".heapprofile")) {
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return async () => writeFileSync(file, JSON.stringify((await cdp.send("HeapProfiler.stopSampling")).profile));
  }
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  return async () => writeFileSync(file, JSON.stringify((await cdp.send("Profiler.stop")).profile));
}

/**
 * Types `count` digits into an entry's points cell: the first entry, or (`deep`) one about that far down
 * its table's list (scrolled to first). Per key: keydown → next painted frame (wall), and the main
 * thread's CPU time over the same span (Chromium's ThreadTime, read over CDP just before the key is sent
 * and once its frame has painted): the wall time waits for a core on a loaded machine, the CPU time is
 * what the key cost the page. Per pause after a burst: the CPU time of writing the cell to the form,
 * syncing the worker and placing its answer.
 */
async function typingMs(page: Page, cdp: CDPSession, unitCode: string, code: string, count: number, deep = 0, record?: string): Promise<Typed> {
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
  // In-page: each keydown's time to the next frame; a waiter (benchNext) hears when key n has painted.
  await page.evaluate(`(() => {
    window.benchKeys = [];
    window.benchLong = [];
    window.benchWaiting = null;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.benchLong.push(e.duration))).observe({ type: "longtask" });
    document.addEventListener("keydown", (event) => {
      const down = event.timeStamp;
      requestAnimationFrame(() => setTimeout(() => {
        window.benchKeys.push({ ms: performance.now() - down });
        const waiting = window.benchWaiting;
        if (waiting && window.benchKeys.length >= waiting.n) { window.benchWaiting = null; waiting.resolve(); }
      }, 0));
    }, true);
    window.benchNext = (n) => new Promise((resolve) => (window.benchKeys.length >= n ? resolve() : (window.benchWaiting = { n, resolve })));
  })()`);
  await cell.click();
  await cell.press("End");
  await page.waitForTimeout(1_000);
  // The keys typed from here (End was one).
  await page.evaluate("window.benchKeys = []");
  const stopRecording = record === undefined ? null : await startRecording(page, cdp, record);
  const perKeyCpu: number[] = [];
  const perPauseCpu: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const sent = Date.now();
    const before = await threadMs(cdp);
    await page.keyboard.press(String(i % 10));
    await page.evaluate(`window.benchNext(${i + 1})`);
    perKeyCpu.push((await threadMs(cdp)) - before);
    if (i % BURST === BURST - 1) {
      const pauseBefore = await threadMs(cdp);
      await page.waitForTimeout(PAUSE);
      perPauseCpu.push((await threadMs(cdp)) - pauseBefore);
    } else await page.waitForTimeout(Math.max(0, KEY_GAP - (Date.now() - sent)));
  }
  await page.waitForTimeout(1_500);
  await stopRecording?.();
  const inPage = await page.evaluate<{ keys: { ms: number }[]; longTasks: number[] }>("({ keys: window.benchKeys, longTasks: window.benchLong })");
  return { entry, perKey: inPage.keys.map((k) => k.ms), perKeyCpu, perPauseCpu, longTasks: inPage.longTasks };
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
      const stats = (values: number[]) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) });
      // Keys of every repeat together; the p95 of each repeat beside them (wall and CPU).
      const summary = (runs: Typed[]) => ({
        entry: runs.map((t) => t.entry),
        keys: runs.reduce((n, t) => n + t.perKey.length, 0),
        wallMs: stats(runs.flatMap((t) => t.perKey)),
        mainThreadCpuMs: stats(runs.flatMap((t) => t.perKeyCpu)),
        p95PerRepeat: runs.map((t) => ({ wallMs: round(percentile(t.perKey, 95)), cpuMs: round(percentile(t.perKeyCpu, 95)) })),
        pauseCpuMs: stats(runs.flatMap((t) => t.perPauseCpu)),
        longTasks: runs.reduce((n, t) => n + t.longTasks.length, 0),
        longestTaskMs: round(Math.max(0, ...runs.flatMap((t) => t.longTasks))),
        ...(args["per-key"] ? { perKey: runs.map((t) => ({ wallMs: t.perKey.map(Math.round), cpuMs: t.perKeyCpu.map(Math.round), pauseCpuMs: t.perPauseCpu.map(Math.round) })) } : {}),
      });
      let typing: { table100k: ReturnType<typeof summary>; table100kDeepEntry: ReturnType<typeof summary>; baselineTable10: ReturnType<typeof summary>; cpuP95RatioToBaseline: number } | null = null;
      if (!args["open-only"]) {
        const runs = { small: [] as Typed[], huge: [] as Typed[], hugeDeep: [] as Typed[] };
        for (let r = 0; r < repeats; r += 1) {
          runs.small.push(await typingMs(page, cdp, unit.code, "BENCH-SMALL", keys));
          runs.huge.push(await typingMs(page, cdp, unit.code, "BENCH-HUGE", keys, 0, r === 0 ? args["typing-profile"] : undefined));
          runs.hugeDeep.push(await typingMs(page, cdp, unit.code, "BENCH-HUGE", keys, 0.9));
        }
        const huge = summary(runs.huge);
        const small = summary(runs.small);
        typing = { table100k: huge, table100kDeepEntry: summary(runs.hugeDeep), baselineTable10: small, cpuP95RatioToBaseline: round(huge.mainThreadCpuMs.p95 / small.mainThreadCpuMs.p95) };
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
          met: {
            open: median(opens.learned, "ms") < 1000,
            typingWall: typing === null ? null : typing.table100k.wallMs.p95 < 50 && typing.table100kDeepEntry.wallMs.p95 < 50,
            typingMainThreadCpu: typing === null ? null : typing.table100k.mainThreadCpuMs.p95 < 50 && typing.table100kDeepEntry.mainThreadCpuMs.p95 < 50,
          },
          load: os.loadavg().map((l) => round(l)),
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
