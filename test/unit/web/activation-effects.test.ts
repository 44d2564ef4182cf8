// The activation dialog says what activating does to the open queue: how
// many of its containers are scored again, and that the random selection is
// drawn anew (a version's random picks come from a hash of the shipment and
// the version itself, profiling/dsl/LANGUAGE.md), in English and Spanish.
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
import { activationEffects, type ActivationPreview } from "../../../web/src/screens/profile-editor/activation-effects.js";

const preview = (over: Partial<ActivationPreview> = {}): ActivationPreview => ({ version: 3, randomRate: 0.01, live: { version: 2, randomRate: 0.02 }, upcomingShipments: 120, ...over });
/** The sentences, their no-break spaces (Spanish "1 %") read as spaces. */
const say = (language: "en" | "es", p: ActivationPreview, rescore: boolean) =>
  activationEffects(translator(language), formatters(language), p, rescore, "COC-FRUIT").map((text) => text.replace(/\s/g, " "));

describe("the activation dialog's effects on the open queue", () => {
  test("re-scoring: how many containers, and that the random picks among them change", () => {
    expect(say("en", preview(), true)).toEqual([
      "The open queue will be scored again with it: the 120 containers not yet arrived.",
      "The random selection is drawn anew: version 3 picks 1% of containers at random with a draw of its own, so containers of the open queue picked at random until now may no longer be, and others will be.",
    ]);
    expect(say("es", preview({ upcomingShipments: 1 }), true)).toEqual([
      "La cola abierta se evaluará de nuevo con ella: el 1 contenedor aún no llegado.",
      "La selección aleatoria se sortea de nuevo: la versión 3 elige al azar el 1 % de los contenedores con un sorteo propio, así que los contenedores de la cola abierta elegidos al azar hasta ahora pueden dejar de estarlo, y otros lo estarán.",
    ]);
    expect(say("en", preview({ upcomingShipments: 0 }), true)[0]).toBe("The open queue will be scored again with it: no container is yet to arrive now.");
  });

  test("not re-scoring: the open queue keeps its scores and random picks; containers scored from now on are drawn anew", () => {
    expect(say("en", preview(), false)).toEqual([
      "The open queue keeps its current scores: only shipments scored from now on use it. Tick “Re-score shipments not yet arrived” to score the open queue again.",
      "The random selection is drawn anew: version 3 picks 1% of the containers scored from now on at random, with a draw of its own. The open queue keeps its random picks.",
    ]);
  });

  test("a version without random selection replacing one with it says the random picks stop", () => {
    expect(say("en", preview({ randomRate: 0 }), true)[1]).toBe("Version 3 picks no container at random: containers of the open queue picked at random by version 2 lose that pick.");
    expect(say("es", preview({ randomRate: 0 }), false)[1]).toBe(
      "La versión 3 no elige ningún contenedor al azar: COC-FRUIT ya no elige al azar los contenedores evaluados a partir de ahora. La cola abierta conserva los contenedores ya elegidos al azar.",
    );
    // Neither version draws at random: nothing to say about it.
    expect(say("en", preview({ randomRate: 0, live: { version: 2, randomRate: 0 } }), true)).toHaveLength(1);
    expect(say("en", preview({ randomRate: 0, live: null }), true)).toHaveLength(1);
  });
});
