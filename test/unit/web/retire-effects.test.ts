// The retire dialog says what retiring does to the open queue, the way the
// activation dialog does: how many containers a re-score scores again, and
// that the retired version's random picks go with it (a re-score drops them
// from the open queue; without one, containers scored from now on are no
// longer picked by it), in English and Spanish, counts in ICU plurals.
import { describe, expect, test } from "vitest";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
import { retireEffects, type ActivationPreview } from "../../../web/src/screens/profile-editor/activation-effects.js";

// The preview read for the active version (version 2): its own random rate, no other live version.
const preview = (over: Partial<ActivationPreview> = {}): ActivationPreview => ({ version: 2, randomRate: 0.02, live: null, upcomingShipments: 120, ...over });
/** The sentences, their no-break spaces (Spanish "2 %") read as spaces. */
const say = (language: "en" | "es", p: ActivationPreview, rescore: boolean) => retireEffects(translator(language), formatters(language), p, rescore).map((text) => text.replace(/\s/g, " "));

describe("the retire dialog's effects on the open queue", () => {
  test("re-scoring: how many containers, and that the retired version's random picks are dropped", () => {
    expect(say("en", preview(), true)).toEqual([
      "The open queue will be scored again without it: the 120 containers not yet arrived.",
      "Its random selection is dropped: version 2 picks 2% of containers at random, so containers of the open queue picked at random by it lose that pick when the queue is scored again.",
    ]);
    expect(say("es", preview({ upcomingShipments: 1 }), true)).toEqual([
      "La cola abierta se evaluará de nuevo sin ella: el 1 contenedor aún no llegado.",
      "Su selección aleatoria se descarta: la versión 2 elige al azar el 2 % de los contenedores, así que los contenedores de la cola abierta elegidos al azar por ella dejan de estarlo cuando la cola se evalúa de nuevo.",
    ]);
    expect(say("en", preview({ upcomingShipments: 0 }), true)[0]).toBe("The open queue will be scored again without it: no container is yet to arrive now.");
    expect(say("es", preview({ upcomingShipments: 3 }), true)[0]).toBe("La cola abierta se evaluará de nuevo sin ella: los 3 contenedores aún no llegados.");
  });

  test("not re-scoring: the open queue keeps its scores and random picks; containers scored from now on are not picked by it", () => {
    expect(say("en", preview(), false)).toEqual([
      "The open queue keeps its current scores: only shipments scored from now on go without this version. Tick “Re-score shipments not yet arrived” to score the open queue again.",
      "Its random selection stops: version 2 picks 2% of containers at random, and none of the containers scored from now on is picked by it. The open queue keeps its random picks until it is scored again.",
    ]);
    expect(say("es", preview(), false)[1]).toBe(
      "Su selección aleatoria se detiene: la versión 2 elige al azar el 2 % de los contenedores, y ninguno de los evaluados a partir de ahora lo elige ella. La cola abierta conserva los contenedores ya elegidos al azar hasta que se evalúe de nuevo.",
    );
  });

  test("a version without random selection: nothing to say about random picks", () => {
    expect(say("en", preview({ randomRate: 0 }), true)).toHaveLength(1);
    expect(say("es", preview({ randomRate: 0 }), false)).toHaveLength(1);
  });
});
