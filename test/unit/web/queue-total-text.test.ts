// The queue's total line: an exact total reads as a number of containers, a
// broad search's capped total as a lower bound, in both languages.
import { describe, expect, test } from "vitest";
import { translator } from "../../../web/src/i18n.js";
import { queueTotalText } from "../../../web/src/queue-total-text.js";

const en = translator("en");
const es = translator("es");

describe("queueTotalText", () => {
  test("a capped total is a lower bound: 10,000+ in English, más de 10.000 in Spanish", () => {
    expect(queueTotalText(en, { total: 10_000, totalCapped: true }, 50)).toBe("10,000+ containers in this view, 50 shown");
    expect(queueTotalText(es, { total: 10_000, totalCapped: true }, 50)).toBe("50 mostrados de más de 10.000 contenedores");
    expect(queueTotalText(es, { total: 10_000, totalCapped: true }, 1)).toBe("1 mostrado de más de 10.000 contenedores");
  });

  test("the view's counts of a broad search read as a lower bound too", () => {
    expect(en("board.containersCapped", { n: 10_000 })).toBe("10,000+ containers");
    expect(es("board.containersCapped", { n: 10_000 })).toBe("más de 10.000 contenedores");
  });

  test("an exact total keeps its number and plural; without a total, the rows shown are the total", () => {
    expect(queueTotalText(en, { total: 10_000, totalCapped: false }, 50)).toBe("10,000 containers in this view, 50 shown");
    expect(queueTotalText(en, { total: 1 }, 1)).toBe("1 container in this view, 1 shown");
    expect(queueTotalText(es, { total: 1591 }, 50)).toBe("50 mostrados de 1591 contenedores");
    expect(queueTotalText(es, undefined, 3)).toBe("3 mostrados de 3 contenedores");
  });
});
