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

  test("the builder's tables, list values and numeric bands read in Spanish, their bounds in Spanish numbers", () => {
    expect(indicatorLabel(es, "Consignee's record in past inspections (by name, no id given)")).toBe("Consignatario: historial en inspecciones anteriores (por nombre, sin identificador)");
    expect(indicatorLabel(es, "Route touches a port of PA")).toBe("La ruta toca un puerto de PA");
    expect(indicatorLabel(es, "HS chapter, reefer or dry, from this origin")).toBe("Capítulo SA, en contenedor refrigerado o seco, desde este origen");
    expect(indicatorLabel(es, "Value per kg against the median of its HS code 0.9 to under 0.95 x median")).toBe("Valor por kg respecto a la mediana de su código SA: de 0,9 a menos de 0,95 × la mediana");
    expect(indicatorLabel(es, "Declared value per kg below 0.59 USD/kg")).toBe("Valor declarado por kg: menos de 0,59 USD/kg");
    expect(indicatorLabel(es, "HS subheading at a net mass of 30000 kg or more")).toBe("Subpartida SA por masa neta: 30.000 kg o más");
    expect(indicatorLabel(es, "Days from booking to departure 3 to under 7 days")).toBe("Días entre la reserva y la salida: de 3 a menos de 7 días");
    // English keeps the builder's words, numbers grouped as English writes them.
    expect(indicatorLabel(en, "Net mass 1500 to under 20000 kg")).toBe("Net mass 1,500 to under 20,000 kg");
    expect(indicatorLabel(en, "Transshipped in PAMIT")).toBe("Transshipped in PAMIT");
  });

  test("an analyst's own label is shown as written", () => {
    expect(indicatorLabel(es, "Banana importer in Gdynia, new this season")).toBe("Banana importer in Gdynia, new this season");
  });
});
