// The analysts' profile list showed as "Hit rate" the hits among every
// inspected shipment the version assessed: every inspection of the unit,
// whatever the profile (9.5 % for the demo's Antwerp baseline, where the
// managers' dashboard gave the same version 5.4 %). It now shows the hit rate
// of the inspected containers above the profile's threshold beside that of its
// random picks, each with its counts, and says what a hit is.
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator, type Translate } from "../../../web/src/i18n.js";

// A .tsx screen: imported by a path the root tsconfig (no JSX) does not follow, as manifest-list.test.ts does.
const screenModule = "../../../web/src/screens/Profiles.js";
type ProfileItem = { code: string; name: string; activeVersion: number | null; versions: { version: number; status: string; createdAt: string; performance: object | null }[] };
const { ProfileTable } = (await import(screenModule)) as {
  ProfileTable: FunctionComponent<{ items: ProfileItem[]; unitCode: string; t: Translate; fmt: ReturnType<typeof formatters> }>;
};

// The demo's BEANR baseline as GET /v1/units/BEANR/profiles answered it.
const performance = {
  scored: 1043, selected: 406, random: 73, inspected: 503, hits: 48, hitRate: 48 / 503,
  selectedInspected: 368, selectedHits: 32, selectedHitRate: 32 / 368,
  randomInspected: 70, randomHits: 3, randomHitRate: 3 / 70,
};
const items = [
  { code: "BASELINE-SEA", name: "Baseline maritime risk", activeVersion: 1, versions: [{ version: 1, status: "active", createdAt: "2026-12-07T13:19:59Z", performance }] },
  { code: "BASELINE-AIR", name: "Baseline air cargo risk", activeVersion: 1, versions: [{ version: 1, status: "active", createdAt: "2026-12-07T13:19:59Z", performance: { ...performance, scored: 0, selected: 0, inspected: 0, hits: 0, hitRate: null, selectedInspected: 0, selectedHits: 0, selectedHitRate: null, randomInspected: 0, randomHits: 0, randomHitRate: null } }] },
] as ProfileItem[];

const render = (language: "en" | "es") =>
  renderToStaticMarkup(createElement(MemoryRouter, null, createElement(ProfileTable, { items, unitCode: "BEANR", t: translator(language), fmt: formatters(language) })));
const cells = (html: string, testId: string) => [...html.matchAll(new RegExp(`data-testid="${testId}">(.*?)</td>`, "g"))].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

describe("the profile list's hit rates", () => {
  test("above the threshold and of the random picks, with their counts; not every inspection of the unit", () => {
    const html = render("en");
    expect(html).toContain("Hit rate above threshold");
    expect(html).toContain("Hit rate of its random picks");
    expect(cells(html, "hit-rate-above")).toEqual(["8.7% 32 of 368", "—"]);
    expect(cells(html, "hit-rate-random")).toEqual(["4.3% 3 of 70", "—"]);
    expect(html).not.toContain("9.5%");
    expect(html).toContain("A hit is an inspection that found a seizure or an irregularity.");
  });

  test("in Spanish", () => {
    const html = render("es");
    expect(html).toContain("Tasa de acierto por encima del umbral");
    expect(cells(html, "hit-rate-above")[0]).toBe("8,7\u00a0% 32 de 368");
    expect(cells(html, "hit-rate-random")[0]).toBe("4,3\u00a0% 3 de 70");
    expect(html).toContain("Un acierto es una inspección que encontró una incautación o una irregularidad.");
  });
});
