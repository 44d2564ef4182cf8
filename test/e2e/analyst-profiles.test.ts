// End to end in headless Chromium against the real app: an analyst opens a
// profile, starts a new draft, changes an indicator's points and adds an
// indicator through the form (the JSON view follows, and the form follows
// the JSON view), sees a validation error next to the form field and fixes
// it, dry-runs the draft on a container and on the unit's recent shipments,
// saves, reads the diff against the previous version, activates and retires
// it. The editor fits a laptop (1366×768) and a tablet (820×1180).
// Screenshots: test-artifacts/screenshots/ap-*.png.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { containerNumber } from "../helpers/manifest-builder.js";
import type { TestServices } from "../helpers/test-services.js";
import type { TestUnit } from "../helpers/test-units.js";
import { createTestUser } from "../helpers/test-users.js";
import { eventually, fitsWidth, fruitFromGuayaquilProfile, postScoredManifest, profileIndicator, shot, signIn, startWebHarness, unexpectedErrors, unitWithProfile, type WebHarness } from "./harness.js";
import { openIndicator } from "./profile-editor-steps.js";

const profileDoc = fruitFromGuayaquilProfile("COC-FRUIT");

let harness: WebHarness;
let services: TestServices;
let unit: TestUnit;
let analyst: string;

beforeAll(async () => {
  harness = await startWebHarness();
  services = harness.services;
  const setup = await unitWithProfile(harness, profileDoc, { activate: true, role: "analyst", name: "Ana Lista" });
  ({ unit, username: analyst } = setup);
  const feeder = await createTestUser(services, [{ role: "officer", unitCode: unit.code }], setup.agencyCode);
  // Eight containers loaded in Guayaquil: bananas and shrimp in reefers, cocoa and timber in dry boxes, twice over.
  await postScoredManifest(harness, unit, feeder, 8);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});


describe("analyst: the profile editor", () => {
  test("form and JSON in step, field errors, dry-runs, save, diff, activate, retire", async () => {
    const page = await harness.newPage();
    await signIn(page, harness.baseUrl, analyst);
    await page.getByRole("heading", { name: `Risk profiles — ${unit.code}` }).waitFor();
    await page.getByRole("link", { name: "Open COC-FRUIT v1" }).click();
    await page.getByRole("heading", { name: "Profile COC-FRUIT — version 1" }).waitFor();
    await eventually(() => page.getByTestId("version-state").innerText()).toMatch(/^Active\s/);
    // An active version is read-only in both views.
    expect(await (await openIndicator(page, 1, "SRC")).getByLabel("Points", { exact: true }).getAttribute("readonly")).not.toBeNull();
    expect(await page.getByRole("button", { name: "Add an indicator" }).count()).toBe(0);

    await page.getByRole("button", { name: "New draft from this version" }).click();
    await page.getByRole("heading", { name: "Profile COC-FRUIT — version 2" }).waitFor();
    const json = page.getByLabel("Profile document (JSON)");
    const validation = page.getByTestId("validation");
    await eventually(() => validation.innerText()).toContain("The document is valid.");

    // Points through the form: the JSON view shows the new number.
    const fruit = await openIndicator(page, 2, "FRUIT");
    await fruit.getByLabel("Points", { exact: true }).fill("25");
    await eventually(() => json.inputValue()).toContain('"points": 25');
    expect(await json.inputValue()).not.toContain('"points": 20');
    await eventually(() => page.getByTestId("version-state").innerText()).toContain("Unsaved changes");

    // A threshold through the form.
    await page.getByLabel("High band from", { exact: true }).fill("65");
    await eventually(async () => (JSON.parse(await json.inputValue()) as typeof profileDoc).thresholds).toEqual({ high: 65, medium: 40, low: 20, select: 60 });

    // The JSON view drives the form too.
    await json.fill((await json.inputValue()).replace('"label": "Fresh fruit"', '"label": "Fresh fruit (bananas, plantains)"'));
    await eventually(() => fruit.getByLabel("Label", { exact: true }).inputValue()).toBe("Fresh fruit (bananas, plantains)");

    // A new indicator: blank fields are named by the validator next to them.
    await page.getByRole("button", { name: "Add an indicator" }).click();
    const added = profileIndicator(page, 3, "new");
    await eventually(() => page.evaluate("document.activeElement?.id")).toBe("pf-indicators-2-code");
    await eventually(() => json.inputValue()).toContain('"code": ""');
    await eventually(() => validation.innerText()).toContain("indicators[2].code");
    await eventually(() => added.locator("#pf-indicators-2-code-err").innerText()).toMatch(/indicator codes are/);
    expect(await added.getByLabel("Code", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await shot(page, "ap-01-new-indicator-errors");

    await added.getByLabel("Code", { exact: true }).fill("reefer");
    const reefer = profileIndicator(page, 3, "REEFER");
    await reefer.getByLabel("Label", { exact: true }).fill("Reefer container");
    await reefer.getByLabel("Condition", { exact: true }).selectOption("eq");
    await reefer.getByLabel("Field", { exact: true }).fill("derived.isReefer");
    await reefer.getByLabel("Value", { exact: true }).fill("true");
    // Points typed wrong: the message sits under the Points field, and the summary leads to it.
    await reefer.getByLabel("Points", { exact: true }).fill("lots");
    await eventually(() => reefer.locator("#pf-indicators-2-points-err").innerText()).toMatch(/number/);
    expect(await validation.innerText()).not.toContain("indicators[2].code");
    await page.getByRole("button", { name: "Go to the field indicators[2].points" }).click();
    expect(await page.evaluate("document.activeElement?.id")).toBe("pf-indicators-2-points");
    await shot(page, "ap-02-field-error");
    await reefer.getByLabel("Points", { exact: true }).fill("15");
    await eventually(() => validation.innerText()).toContain("The document is valid.");
    expect(await reefer.locator("#pf-indicators-2-points-err").count()).toBe(0);
    const written = JSON.parse(await json.inputValue()) as typeof profileDoc;
    expect(written.indicators).toEqual([
      profileDoc.indicators[0],
      { ...profileDoc.indicators[1], label: "Fresh fruit (bananas, plantains)", points: 25 },
      { code: "REEFER", label: "Reefer container", points: 15, when: { op: "eq", field: "derived.isReefer", value: true } },
    ]);

    // Reorder and back: the JSON follows.
    await page.getByRole("button", { name: "Move up: REEFER" }).click();
    await eventually(async () => (JSON.parse(await json.inputValue()) as typeof profileDoc).indicators.map((i) => i.code)).toEqual(["SRC", "REEFER", "FRUIT"]);
    // The focus stays on the button that moved, for the keyboard user to go on.
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe("Move up: REEFER");
    await page.getByRole("button", { name: "Move down: REEFER" }).click();
    await eventually(async () => (JSON.parse(await json.inputValue()) as typeof profileDoc).indicators.map((i) => i.code)).toEqual(["SRC", "FRUIT", "REEFER"]);

    // Dry-run of the unsaved draft on a container typed the way people type it: bananas in a reefer from Guayaquil.
    const container = containerNumber("MSC", 100000);
    await page.getByLabel("Container number or shipment id").fill(`${container.slice(0, 4).toLowerCase()} ${container.slice(4)}`);
    await page.getByRole("button", { name: "Dry-run on the container" }).click();
    const one = page.getByTestId("dry-run-one");
    await eventually(() => one.getByTestId("dry-score").innerText()).toBe("90");
    expect(await one.innerText()).toMatch(/Band\s+High/);
    expect(await one.innerText()).toMatch(/Above threshold\s+Yes/);
    const matched = one.getByTestId("dry-run-indicators");
    expect(await matched.getByRole("row").allInnerTexts()).toEqual([
      expect.stringMatching(/^Code\s+Label\s+Points\s+Evidence$/),
      expect.stringMatching(/^SRC\s+Loaded in a source port\s+50\s+Port on the route: ECGYE$/),
      expect.stringMatching(/^FRUIT\s+Fresh fruit \(bananas, plantains\)\s+25\s+HS codes: 080390$/),
      expect.stringMatching(/^REEFER\s+Reefer container\s+15\s+Reefer container: true$/),
    ]);

    // …and on the unit's recent shipments: four reefers reach the high band, four dry boxes the medium one.
    await page.getByLabel("Sample").selectOption("100");
    await page.getByRole("button", { name: "Dry-run on the sample" }).click();
    const sample = page.getByTestId("dry-run-sample");
    await eventually(() => sample.locator(".pe-headline").innerText()).toBe("On 8 recent shipments: 4 above the profile's threshold (50%).");
    expect(await sample.getByRole("table", { name: "Shipments by band" }).getByRole("row").allInnerTexts()).toEqual([
      expect.stringMatching(/^Band\s+Shipments\s+Share/),
      expect.stringMatching(/^High\s+4\s+50%/),
      expect.stringMatching(/^Medium\s+4\s+50%/),
      expect.stringMatching(/^Low\s+0\s+0%/),
      expect.stringMatching(/^No band \(below low\)\s+0\s+0%/),
    ]);
    const counts = sample.getByRole("table", { name: "Indicators matched in the sample" });
    expect((await counts.getByRole("row").allInnerTexts()).slice(1)).toEqual([
      expect.stringMatching(/^SRC\s.*\s8\s+100%$/),
      expect.stringMatching(/^REEFER\s.*\s4\s+50%$/),
      expect.stringMatching(/^FRUIT\s.*\s2\s+25%$/),
    ]);
    await shot(page, "ap-03-dry-runs");
    for (const [name, width, height] of [["laptop", 1366, 768], ["tablet", 820, 1180]] as const) {
      await page.setViewportSize({ width, height });
      expect(await fitsWidth(page), `draft editor at ${name}`).toBe(true);
      await shot(page, `ap-04-draft-${name}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Save; activation waits for saved changes.
    expect(await page.getByRole("button", { name: "Activate this version" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByText("Draft saved.").waitFor();
    await eventually(() => page.getByTestId("version-state").innerText()).not.toContain("Unsaved changes");
    const stored = await services.pool.query<{ definition: typeof profileDoc }>(
      "SELECT v.definition FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND p.code = 'COC-FRUIT' AND v.version = 2",
      [unit.id],
    );
    expect(stored.rows[0]!.definition.indicators.map((i) => [i.code, i.points])).toEqual([["SRC", 50], ["FRUIT", 25], ["REEFER", 15]]);

    // The diff against version 1: one indicator added, one changed (label and points), before → after.
    expect(await page.getByLabel("Compare with", { exact: true }).inputValue()).toBe("1");
    await page.getByRole("button", { name: "Show the changes" }).click();
    const diff = page.getByTestId("diff-result");
    await diff.getByRole("heading", { name: "Changes from version 1 to version 2" }).waitFor();
    expect(await diff.getByTestId("diff-added").getByRole("row").allInnerTexts()).toEqual([
      expect.stringMatching(/^Code\s+Label\s+Points\s+Condition$/),
      expect.stringMatching(/^REEFER\s+Reefer container\s+15\s+\{op: "eq", field: "derived\.isReefer", value: true\}$/),
    ]);
    expect(await diff.getByTestId("diff-changed").getByRole("row").allInnerTexts()).toEqual([
      expect.stringMatching(/^Code\s+Change\s+Version 1\s+Version 2$/),
      expect.stringMatching(/^FRUIT\s+Label\s+Fresh fruit\s+Fresh fruit \(bananas, plantains\)$/),
      expect.stringMatching(/^Points\s+20\s+25$/),
    ]);
    expect(await diff.getByTestId("diff-settings").getByRole("row").allInnerTexts()).toEqual([
      expect.stringMatching(/^Setting\s+Version 1\s+Version 2$/),
      expect.stringMatching(/^High band from\s+60\s+65$/),
    ]);
    expect(await diff.getByTestId("diff-removed").count()).toBe(0);
    expect(await diff.innerText()).toContain("Indicators unchanged: 1.");
    await shot(page, "ap-05-diff");

    // Activate, after a confirmation naming the version it replaces: version 1 is retired by it.
    await page.getByRole("button", { name: "Activate this version" }).click();
    await page.getByRole("alertdialog", { name: "Make version 2 of COC-FRUIT live?" }).getByRole("button", { name: "Activate version 2" }).click();
    await page.getByText("Version activated. Version 1 was retired.").waitFor();
    await eventually(() => page.getByTestId("version-state").innerText()).toMatch(/^Active\s/);

    // Retire, after a confirmation that says what it does; cancel first.
    await page.getByRole("button", { name: "Retire this version…" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Retire COC-FRUIT version 2?" });
    expect(await confirm.innerText()).toContain("Assessments already made are kept.");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    expect(await confirm.count()).toBe(0);
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Retire this version…");
    await page.getByRole("button", { name: "Retire this version…" }).click();
    await shot(page, "ap-06-retire-confirm");
    await confirm.getByRole("button", { name: "Retire the version" }).click();
    await page.getByText("Version retired.").waitFor();
    await eventually(() => page.getByTestId("version-state").innerText()).toMatch(/^Retired\s.*retired/);
    expect(await page.getByRole("button", { name: "Retire this version…" }).count()).toBe(0);
    const states = await services.pool.query<{ version: number; status: string }>(
      "SELECT v.version, v.status FROM profile_version v JOIN risk_profile p ON p.id = v.profile_id WHERE p.unit_id = $1 AND p.code = 'COC-FRUIT' ORDER BY v.version",
      [unit.id],
    );
    expect(states.rows).toEqual([{ version: 1, status: "retired" }, { version: 2, status: "retired" }]);

    for (const [name, width, height] of [["laptop", 1366, 768], ["tablet", 820, 1180]] as const) {
      await page.setViewportSize({ width, height });
      expect(await fitsWidth(page), `retired version at ${name}`).toBe(true);
      await shot(page, `ap-07-retired-${name}`);
    }

    // The same screen in Spanish.
    await page.getByRole("combobox", { name: /^Language/ }).selectOption("es");
    await page.getByRole("heading", { name: "Perfil COC-FRUIT — versión 2" }).waitFor();
    await page.getByRole("heading", { name: "Comparar con otra versión" }).waitFor();
    expect(await page.getByTestId("version-state").innerText()).toMatch(/^Retirada\s/);
    await shot(page, "ap-08-es");
    await page.getByRole("combobox", { name: /^Idioma/ }).selectOption("en");
    await page.context().close();
  }, 90_000);

  test("no script, CSP or rendering error in the browser console", () => {
    expect(unexpectedErrors(harness.browserErrors)).toEqual([]);
  });
});
