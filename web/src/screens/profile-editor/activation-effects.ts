// What the activation dialog says activating does to the open queue: how many
// of its containers a re-score scores again (the server counts the same
// shipments the activation will, GET .../activation-preview), and that the
// random selection is drawn anew. A version picks containers at random from
// a hash of the shipment and the version itself (profiling/dsl/LANGUAGE.md,
// `randomRate`): the new version's draw is not the live one's, so the
// containers picked at random change, in the open queue when it is re-scored.
// Retiring says the same of the version retired: a re-score drops its random
// picks from the open queue (retireEffects).
import type { Formatters } from "../../format.js";
import type { Translate } from "../../i18n.js";

/** GET .../versions/{n}/activation-preview (core/profiles/activation-preview.ts). */
export interface ActivationPreview {
  version: number;
  randomRate: number;
  live: { version: number; randomRate: number } | null;
  upcomingShipments: number;
}

/** The dialog's sentences on re-scoring and on the random draw, in order. */
export function activationEffects(t: Translate, fmt: Pick<Formatters, "percent">, preview: ActivationPreview, rescore: boolean, code: string): string[] {
  const { version, randomRate, live } = preview;
  const texts = [rescore ? t("pe.activateRescoreCount", { n: preview.upcomingShipments }) : t("pe.activateNoRescore")];
  if (randomRate > 0) {
    texts.push(t(rescore ? "pe.randomRedrawRescore" : "pe.randomRedrawLater", { version, rate: fmt.percent(randomRate) }));
  } else if (live !== null && live.randomRate > 0) {
    texts.push(t(rescore ? "pe.randomNoneRescore" : "pe.randomNoneLater", { version, live: live.version, code }));
  }
  return texts;
}

/**
 * The retire dialog's sentences on re-scoring and on the retired version's
 * random picks, in order (the same preview, read for the active version: its
 * own random rate and the open queue a re-score would score again).
 */
export function retireEffects(t: Translate, fmt: Pick<Formatters, "percent">, preview: ActivationPreview, rescore: boolean): string[] {
  const { version, randomRate } = preview;
  const texts = [rescore ? t("pe.retireRescoreCount", { n: preview.upcomingShipments }) : t("pe.retireNoRescore")];
  if (randomRate > 0) texts.push(t(rescore ? "pe.retireRandomRescore" : "pe.retireRandomLater", { version, rate: fmt.percent(randomRate) }));
  return texts;
}
