// "Selected" meant two things: in a profile's figures (its own threshold, e.g.
// "75 % of a vessel selected" for a learned version) and in the queue (the
// unit's selection targets, "6 of 120"). A user read them as the same. The
// profile's figures now say "above the profile's threshold" ("por encima del
// umbral"), the queue "flagged" ("señalado"), and neither uses the other's
// word nor a bare "selected".
import { describe, expect, test } from "vitest";
import { en } from "../../../web/src/messages/en.js";
import { es } from "../../../web/src/messages/es.js";
import type { MessageKey } from "../../../web/src/messages/en.js";

/** What a profile's own threshold decides: its figures, dry-runs, back-tests and the activation dialog's expectation. */
const PROFILE_FIGURES: MessageKey[] = [
  "profiles.selected",
  "editor.selectionRate",
  "backtest.selectionRate",
  "perf.inspected",
  "perf.byIndicatorHelp",
  "dry.selected",
  "dry.sampleHeadline",
  "pe.expectedHeldOut",
  "pe.expectedInSample",
  "pe.expectedNotBuilt",
  "pe.expectedNone",
  "pf.threshold.select",
  "pf.thresholdsHelp",
  "diff.setting.thresholds.select",
];
/** What the unit's selection targets decide: the queue and its counts. */
const QUEUE: MessageKey[] = ["queue.title", "queue.flaggedOnly", "board.flagged", "queue.randomTitle", "shipment.assessments"];

const messages = { en, es } as const;
const THRESHOLD = { en: /threshold/i, es: /umbral/i };
const FLAGGED = { en: /flagged/i, es: /señalad/i };
// "select" as a verb or participle; ICU's "{x, select, ...}" is syntax, not a word shown.
// ("Random control selection", "Selection targets": the unit's own, named as such.)
const SELECTED = { en: /\bselect(ed|s)?\b(?!,)/i, es: /seleccion(ad[oa]s?|ar[ií]a|a)\b/i };

describe.each(["en", "es"] as const)("selection terms (%s)", (language) => {
  const text = (key: MessageKey) => messages[language][key];

  test("a profile's figures speak of its threshold, never of selection or flagging", () => {
    for (const key of PROFILE_FIGURES) {
      expect(text(key), key).toMatch(THRESHOLD[language]);
      expect(text(key).replace(/\{selected, select,/g, ""), key).not.toMatch(SELECTED[language]);
      expect(text(key), key).not.toMatch(FLAGGED[language]);
    }
  });

  test("the queue says flagged, never selected", () => {
    for (const key of QUEUE) {
      expect(text(key), key).toMatch(FLAGGED[language]);
      expect(text(key), key).not.toMatch(SELECTED[language]);
    }
  });
});
