// Why a container was flagged, in Spanish: the indicator labels we ship (the
// baseline profiles) and those the profile builder writes read in the
// reader's language; an analyst's own label shows as written.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { translator } from "../../../web/src/i18n.js";
import { indicatorLabel } from "../../../web/src/indicator-labels.js";

const es = translator("es");
const en = translator("en");
const baselineLabels = (file: string) =>
  (JSON.parse(readFileSync(new URL(`../../../fixtures/profiles/${file}`, import.meta.url), "utf8")) as { indicators: { label: string }[] }).indicators.map((i) => i.label);

describe("indicatorLabel", () => {
  test("every label of the shipped baseline profiles has a Spanish text, and English reads as the profile says", () => {
    for (const label of [...baselineLabels("baseline.json"), ...baselineLabels("baseline-air.json")]) {
      expect(indicatorLabel(es, label), label).not.toBe(label);
      expect(indicatorLabel(en, label)).toBe(label);
    }
    expect(indicatorLabel(es, "Seal numbers missing or duplicated on a full container")).toBe("Precintos ausentes o repetidos en un contenedor lleno");
  });

  test("the builder's phrases follow the reader's language, with their numbers", () => {
    expect(indicatorLabel(es, "Seal missing or repeated")).toBe("Precinto ausente o repetido");
    expect(indicatorLabel(es, "Consignee first seen within 30 days")).toBe("Consignatario visto por primera vez hace menos de 30 días");
    expect(indicatorLabel(en, "Shipper first seen within 180 days")).toBe("Shipper first seen within 180 days");
  });

  test("an analyst's own label is shown as written", () => {
    expect(indicatorLabel(es, "Banana importer in Gdynia, new this season")).toBe("Banana importer in Gdynia, new this season");
  });
});
