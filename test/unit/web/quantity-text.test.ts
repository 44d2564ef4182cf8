// A seized quantity reads in the reader's language: counted units are words
// with their plural (never the API's English code), measures stay symbols.
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
import { QUANTITY_UNIT, quantityText, term } from "../../../web/src/terms.js";

const es = { t: translator("es"), fmt: formatters("es") };
const en = { t: translator("en"), fmt: formatters("en") };

describe("quantityText", () => {
  test("Spanish: units, sticks, pieces and packs are words with their plural; kg and l stay symbols", () => {
    expect(quantityText(es.t, es.fmt, 101_564, "units")).toBe("101.564 unidades");
    expect(quantityText(es.t, es.fmt, 1, "units")).toBe("1 unidad");
    expect(quantityText(es.t, es.fmt, 2_000, "sticks")).toBe("2000 cigarrillos");
    expect(quantityText(es.t, es.fmt, 3, "pieces")).toBe("3 piezas");
    expect(quantityText(es.t, es.fmt, 1, "packs")).toBe("1 paquete");
    expect(quantityText(es.t, es.fmt, 12.5, "kg")).toBe("12,5 kg");
    expect(quantityText(es.t, es.fmt, 40, "l")).toBe("40 l");
  });

  test("English keeps its words and plural; digits are the caller's; an unknown unit shows as sent", () => {
    expect(quantityText(en.t, en.fmt, 1, "pieces")).toBe("1 piece");
    expect(quantityText(en.t, en.fmt, 101_564, "units")).toBe("101,564 units");
    expect(quantityText(en.t, en.fmt, 312.456, "kg", 1)).toBe("312.5 kg");
    expect(quantityText(en.t, en.fmt, 5, "barrels")).toBe("5 barrels");
  });

  test("the form's unit names are Spanish too", () => {
    expect(term(es.t, QUANTITY_UNIT, "units")).toBe("unidades");
    expect(term(es.t, QUANTITY_UNIT, "kg")).toBe("kg");
  });
});
