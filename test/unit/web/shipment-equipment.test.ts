// The container page's facts about the box and its freight (the newcomer's
// walk found them stored and in the manifest contract but not on the page):
// the ISO 6346 size-type code always shown, with a plain-words reading where
// the code is a known one, the seal numbers, and the freight terms; a missing
// value is said plainly. English and Spanish.
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator, type Translate } from "../../../web/src/i18n.js";

interface Equipment {
  containerType: string | null;
  sealNumbers: string[];
  freightTerms: string | null;
}
// Through a variable: the old code has no such module, and this test says so by failing, not by not compiling.
const screenModule = "../../../web/src/screens/shipment-equipment.js";
const { EquipmentFacts, containerTypeReading } = (await import(screenModule)) as {
  EquipmentFacts: FunctionComponent<{ s: Equipment; t: Translate; fmt: ReturnType<typeof formatters> }>;
  containerTypeReading: (t: Translate, fmt: ReturnType<typeof formatters>, code: string) => string | null;
};

/** The facts as "term: description" lines, tags stripped. */
function facts(s: Equipment, language: "en" | "es" = "en"): string[] {
  const html = renderToStaticMarkup(createElement("dl", null, createElement(EquipmentFacts, { s, t: translator(language), fmt: formatters(language) })));
  const pairs = [...html.matchAll(/<dt>(.*?)<\/dt><dd[^>]*>(.*?)<\/dd>/g)];
  return pairs.map(([, term, value]) => `${term}: ${value!.replace(/<[^>]+>/g, "")}`);
}

describe("the container page's type, seals and freight terms", () => {
  test("a known code reads in plain words beside the code; seals listed; freight terms explained", () => {
    expect(facts({ containerType: "45R1", sealNumbers: ["S8312021", "ML-7741"], freightTerms: "collect" })).toEqual([
      "Container type: 45R1 — 40 ft high cube, reefer",
      "Seal numbers: S8312021, ML-7741",
      "Freight terms: Collect (freight paid at destination, by the consignee)",
    ]);
    expect(facts({ containerType: "45R1", sealNumbers: ["S8312021"], freightTerms: "prepaid" }, "es")).toEqual([
      "Tipo de contenedor: 45R1 — 40 pies, high cube, refrigerado (reefer)",
      "Números de precinto: S8312021",
      "Condiciones del flete: Prepagado (flete pagado en origen, por el cargador)",
    ]);
  });

  test("other known codes: standard height, pallet-wide, a flat rack, a 24.5 ft box in each language's numbers", () => {
    const en = translator("en");
    const es = translator("es");
    expect(containerTypeReading(en, formatters("en"), "22G1")).toBe("20 ft, general purpose");
    expect(containerTypeReading(en, formatters("en"), "L5G1")).toBe("45 ft high cube, general purpose");
    expect(containerTypeReading(en, formatters("en"), "LEG1")).toBe("45 ft high cube pallet-wide, general purpose");
    expect(containerTypeReading(en, formatters("en"), "42P3")).toBe("40 ft, flat rack or platform");
    expect(containerTypeReading(en, formatters("en"), "C2G1")).toBe("24.5 ft, general purpose");
    expect(containerTypeReading(es, formatters("es"), "C2G1")).toBe("24,5 pies, uso general");
    expect(containerTypeReading(es, formatters("es"), "22T6")).toBe("20 pies, cisterna");
  });

  test("an unknown code is still shown, said to be unknown; missing values are said plainly", () => {
    expect(facts({ containerType: "4510", sealNumbers: [], freightTerms: null })).toEqual([
      "Container type: 4510 — not a known ISO 6346 size-type code",
      "Seal numbers: None given in the manifest",
      "Freight terms: Not given in the manifest",
    ]);
    expect(facts({ containerType: null, sealNumbers: [], freightTerms: null }, "es")).toEqual([
      "Tipo de contenedor: El manifiesto no lo indica",
      "Números de precinto: El manifiesto no indica ninguno",
      "Condiciones del flete: El manifiesto no lo indica",
    ]);
  });
});
