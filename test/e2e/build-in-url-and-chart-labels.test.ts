// A profile build stays on the analyst's path (H4). Its job id was held in the
// page's memory: an analyst who started a build from the unit's history and
// went to another screen came back to an empty form, the result gone, and no
// list of past builds to find it in. The build shown is now in the URL
// (?build=<job id>), so Back, a reload and a shared link show it with its
// result, and the unit's recent builds are listed (newest first, who, when,
// state, figures), a row opening its build. And the back-test's indicator
// chart named indicators by code on its axis ("CONSIGNEE_ID") under a
// page that names them by label everywhere else: it shows the label in the
// reader's language, the code in the label's tooltip.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestAgency } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";
import { eventually, importPlantedHistory, navLink, PASSWORD, sessionToken, shot, signedInPage, startWebHarness, unexpectedErrors, urlOf, type WebHarness } from "./harness.js";

let harness: WebHarness;
let unit: TestUnit;
let analyst: string;
let colleague: string;
let colleagueBuild: string;

beforeAll(async () => {
  harness = await startWebHarness();
  unit = await createTestUnit(harness.services, "ESALG");
  const agency = await createTestAgency(harness.services, "ES");
  analyst = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Ana Analista");
  colleague = await harness.userWithPassword([{ role: "analyst", unitCode: unit.code }], agency.code, "Carlos Colega");
  await importPlantedHistory(harness, unit, agency.code);
  // A colleague's earlier build, from the unit's own manifests, which hold no inspection: it failed.
  const token = (await request(harness.app).post("/v1/session").send({ username: colleague, password: PASSWORD })).body as { token?: string };
  expect(token.token, JSON.stringify(token)).toEqual(expect.any(String));
  const started = await request(harness.app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer({ token: token.token! })).send({ from: "2020-01-01", to: "2020-12-31", sources: "manifests" });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  colleagueBuild = started.body.jobId as string;
  const failed = await waitFor(async () => {
    const got = await request(harness.app).get(`/v1/units/${unit.code}/analysis-jobs/${colleagueBuild}`).set(bearer({ token: token.token! }));
    return got.body.status === "failed" || got.body.status === "succeeded" ? (got.body as { status: string }) : undefined;
  }, { what: "colleague's build", timeoutMs: 60_000 });
  expect(failed?.status).toBe("failed");
}, 180_000);
afterAll(async () => {
  await harness?.close();
});

const BUILD_URL = /\/analysis\?build=([0-9a-f-]{36})$/;
const rowsOf = (page: Page) => page.getByTestId("recent-builds").locator("tbody tr");
const cellsOf = (row: Locator) => row.locator("th, td").allInnerTexts();

test("a build's job id is in the URL: Back, a reload and a shared link show it and its result; the unit's recent builds are listed and open", async () => {
  const page = await signedInPage(harness, analyst);
  await page.goto(`${harness.baseUrl}/units/${unit.code}/analysis`);

  // Before: the colleague's failed build is listed, with who started it and why it failed.
  await eventually(() => rowsOf(page).count()).toBe(1);
  const [when, by, period, state, figures] = await cellsOf(rowsOf(page).first());
  expect(when).toMatch(/2\d{3}/);
  expect([by, period, state]).toEqual(["Carlos Colega", "1 Jan 2020 – 31 Dec 2020", "Failed"]);
  expect(figures).toMatch(/^No inspected shipments between 1 Jan 2020 and 31 Dec 2020 \(from the unit's own manifests\)/);

  await page.locator("#build-from").fill("2020-01-01");
  await page.locator("#build-to").fill("2020-12-31");
  await page.locator("#build-evaluateFrom").fill("2020-10-27");
  await page.getByRole("button", { name: "Start the build" }).click();
  await eventually(() => urlOf(page)).toMatch(BUILD_URL);
  const buildId = BUILD_URL.exec(page.url())![1]!;
  const result = page.getByTestId("build-result");
  await result.waitFor({ timeout: 90_000 });
  const explanation = await result.locator("p").first().innerText();
  expect(explanation).toMatch(/^Learned from [\d,]+ inspected/);
  const draft = await page.getByRole("link", { name: /^Open the draft / }).innerText();

  // The list: this build first, by this analyst, finished, with its headline figures; it is the one shown.
  await eventually(async () => (await cellsOf(rowsOf(page).first()))[3]).toBe("Finished");
  expect(await rowsOf(page).count()).toBe(2);
  const mine = await cellsOf(rowsOf(page).first());
  expect(mine.slice(1, 4)).toEqual(["Ana Analista", "1 Jan 2020 – 31 Dec 2020", "Finished"]);
  expect(mine[4]).toMatch(/^LEARNED-\S+ v1: precision \d+(\.\d)?%, recall \d+(\.\d)?% on [\d,]+ held-out records \([\d,]+ hits?\)$/);
  expect(draft).toContain(mine[4]!.split(":")[0]!);
  expect(await rowsOf(page).first().getByRole("link").getAttribute("aria-current")).toBe("true");
  expect(await rowsOf(page).nth(1).getByRole("link").getAttribute("aria-current")).toBeNull();
  await shot(page, "h4-build-listed");

  // Away to another screen and Back: the same build and its result.
  await navLink(page, "Profiles").click();
  await eventually(() => urlOf(page)).toMatch(/\/profiles$/);
  await page.goBack();
  await eventually(() => urlOf(page)).toMatch(BUILD_URL);
  expect(BUILD_URL.exec(page.url())![1]).toBe(buildId);
  await result.waitFor();
  expect(await result.locator("p").first().innerText()).toBe(explanation);
  expect(await page.locator("#build-progress").innerText()).toBe("Finished: 100% done");

  // Reloaded: the same.
  await page.reload();
  await result.waitFor();
  expect(await result.locator("p").first().innerText()).toBe(explanation);
  expect(await rowsOf(page).count()).toBe(2);

  // Back through the menu, the plain screen: the list opens the build, and the colleague's failed one.
  await navLink(page, "Profiles").click();
  await navLink(page, "History & builds").click();
  await eventually(() => urlOf(page)).toMatch(/\/analysis$/);
  await rowsOf(page).first().waitFor();
  expect(await result.count()).toBe(0);
  await rowsOf(page).nth(1).getByRole("link").click();
  await eventually(() => urlOf(page)).toMatch(new RegExp(`\\?build=${colleagueBuild}$`));
  await eventually(() => page.locator("p.error").innerText()).toMatch(/^No inspected shipments between 1 Jan 2020 and 31 Dec 2020/);
  expect(await result.count()).toBe(0);
  await rowsOf(page).first().getByRole("link").click();
  await result.waitFor();
  expect(await result.locator("p").first().innerText()).toBe(explanation);

  // A shared link, opened by the colleague in a browser of their own: the same build, in their language.
  const other = await signedInPage(harness, colleague);
  await other.goto(`${harness.baseUrl}/units/${unit.code}/analysis?build=${buildId}`);
  await other.getByTestId("build-result").waitFor();
  expect(await other.getByTestId("build-result").locator("p").first().innerText()).toBe(explanation);
  await other.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  await eventually(async () => (await cellsOf(rowsOf(other).first())).slice(1, 4)).toEqual(["Ana Analista", "1 ene 2020 – 31 dic 2020", "Terminado"]);
  expect((await cellsOf(rowsOf(other).first()))[4]).toMatch(/^LEARNED-\S+ v1: precisión \d+(,\d)?\s%, exhaustividad \d+(,\d)?\s% en [\d.]+ registros reservados \([\d.]+ aciertos?\)$/);
  await shot(other, "h4-build-shared-es");

  // A link with another unit's or no build's id says so instead of an error.
  await other.goto(`${harness.baseUrl}/units/${unit.code}/analysis?build=00000000-0000-4000-8000-000000000000`);
  await eventually(() => other.locator("p.error").innerText()).toBe("Esta unidad no tiene ninguna construcción de perfil con el identificador de este enlace.");
  expect(unexpectedErrors(harness.browserErrors).filter((e) => !/404 \(Not Found\)/.test(e))).toEqual([]);
}, 300_000);

/** The chart's axis: per indicator the text shown and its tooltip. */
async function axisLabels(chart: Locator): Promise<{ text: string; title: string }[]> {
  const ticks = chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label");
  const out: { text: string; title: string }[] = [];
  for (const tick of await ticks.all()) {
    const title = tick.locator("title");
    out.push({ text: (await tick.locator("text").textContent()) ?? "", title: (await title.count()) > 0 ? ((await title.textContent()) ?? "") : "" });
  }
  return out;
}

/** The table's rows: code → label as the table shows it. */
async function tableLabels(chart: Locator): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const th of await chart.locator("tbody th").all()) {
    const code = (await th.locator("code").textContent()) ?? "";
    labels.set(code, ((await th.textContent()) ?? "").slice(code.length).trim());
  }
  return labels;
}

function expectLabelsNotCodes(axis: { text: string; title: string }[], labels: Map<string, string>) {
  expect(axis.length).toBeGreaterThan(0);
  // No indicator is named by its code on the axis.
  expect(axis.map((a) => a.text).filter((text) => labels.has(text))).toEqual([]);
  for (const { text, title } of axis) {
    const found = /^(.*) \(([^()]+)\)$/.exec(title);
    expect(found, title).not.toBeNull();
    const [, label, code] = found!;
    expect(labels.get(code!), title).toBe(label);
    expect(text).not.toBe(code);
    // Shown whole, or cut short with an ellipsis when too long for the column.
    if (text !== label) {
      expect(text.endsWith("…"), text).toBe(true);
      expect(label!.startsWith(text.slice(0, -1)), `${text} / ${label}`).toBe(true);
    }
  }
}

test("the back-test's indicator chart names indicators by their labels, in English and in Spanish, the code in the tooltip", async () => {
  const page = await signedInPage(harness, analyst);
  const token = await sessionToken(page);
  // A draft learned from the history (its own, so this test stands alone), back-tested on its page.
  const started = await request(harness.app).post(`/v1/units/${unit.code}/profile-builds`).set(bearer({ token })).send({ from: "2020-01-01", to: "2020-12-31", evaluateFrom: "2020-10-27", code: "CHART-LABELS" });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const built = await waitFor(async () => {
    const got = await request(harness.app).get(`/v1/units/${unit.code}/analysis-jobs/${started.body.jobId as string}`).set(bearer({ token }));
    return got.body.status === "failed" || got.body.status === "succeeded" ? (got.body as { status: string; error: string | null; result: { profile: { version: number } } }) : undefined;
  }, { what: "build", timeoutMs: 90_000 });
  expect(built?.status, built?.error ?? "").toBe("succeeded");
  await page.goto(`${harness.baseUrl}/units/${unit.code}/profiles/CHART-LABELS/versions/${built!.result.profile.version}`);
  await page.getByRole("button", { name: "Start back-test" }).click();
  const chart = page.getByTestId("backtest-result").getByTestId("indicator-chart");
  await chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label").first().waitFor({ timeout: 60_000 });

  const en = await axisLabels(chart);
  expectLabelsNotCodes(en, await tableLabels(chart));
  expect(en.map((l) => l.title).join("\n")).toMatch(/record in past inspections/);
  // The chart's text alternative names them the same way.
  const desc = (await chart.locator("svg desc").first().textContent()) ?? "";
  expect(desc).toContain(`${en[0]!.title}: `);
  await shot(page, "h4-indicator-chart-en");

  await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
  await eventually(async () => (await axisLabels(chart)).map((l) => l.title)).not.toEqual(en.map((l) => l.title));
  const es = await axisLabels(chart);
  expectLabelsNotCodes(es, await tableLabels(chart));
  expect(es.map((l) => l.title).join("\n")).toMatch(/historial en inspecciones anteriores/);
  expect(es.map((l) => l.title).join("\n")).not.toMatch(/past inspections/);
  // The same indicators in the same order: only their names changed.
  expect(es.map((l) => /\(([^()]+)\)$/.exec(l.title)![1])).toEqual(en.map((l) => /\(([^()]+)\)$/.exec(l.title)![1]));
  await shot(page, "h4-indicator-chart-es");
  expect(unexpectedErrors(harness.browserErrors).filter((e) => !/404 \(Not Found\)/.test(e))).toEqual([]);
}, 180_000);
