// The queue's re-score caution in English and Spanish: one container or many
// (the language's plural form), of the manifest chosen or of the whole unit,
// with the language's digit grouping.
import { describe, expect, test } from "vitest";
import { translator } from "../../../web/src/i18n.js";

describe("the re-score caution", () => {
  test("a unit's containers being re-scored: singular, plural and digit grouping in English and Spanish", () => {
    const en = translator("en");
    const es = translator("es");
    expect(en("queue.rescoringUnit", { n: 1 })).toBe(
      "1 container of this unit is being re-scored after a profile change: until it is, its score and band shown here are the previous ones.",
    );
    expect(en("queue.rescoringUnit", { n: 15000 })).toBe(
      "15,000 containers of this unit are being re-scored after a profile change: until they are, their scores and bands shown here are the previous ones.",
    );
    expect(es("queue.rescoringUnit", { n: 1 })).toBe(
      "1 contenedor de esta unidad se está volviendo a evaluar tras un cambio de perfil: hasta entonces, su puntuación y nivel mostrados aquí son los anteriores.",
    );
    expect(es("queue.rescoringUnit", { n: 15000 })).toBe(
      "15.000 contenedores de esta unidad se están volviendo a evaluar tras un cambio de perfil: hasta entonces, sus puntuaciones y niveles mostrados aquí son los anteriores.",
    );
  });

  test("a manifest's: the unit's caution is not the manifest's", () => {
    const en = translator("en");
    expect(en("queue.rescoring", { n: 2 })).toMatch(/^2 containers of this manifest /);
    expect(en("queue.rescoringUnit", { n: 2 })).toMatch(/^2 containers of this unit /);
  });
});
