// What a back-test's figures mean, beside them: an analyst new to profiling
// read "Precision 8.6 %" and "Recall 50 %" with nothing saying what was counted,
// nor what a hit is. One short sentence a figure, the same on the build's
// report, a version's back-test and a comparison.
import { useApp } from "../context.js";
import type { MessageKey } from "../i18n.js";

const TERMS: readonly { term: MessageKey; meaning: MessageKey }[] = [
  { term: "figures.hitTerm", meaning: "figures.hit" },
  { term: "backtest.selectionRate", meaning: "figures.selectionRate" },
  { term: "backtest.precision", meaning: "figures.precision" },
  { term: "backtest.recall", meaning: "figures.recall" },
  { term: "figures.topTerm", meaning: "figures.top" },
];
const LIFT = { term: "backtest.lift", meaning: "figures.lift" } as const;

/** `lift`: the figures shown include the lift over random (the build's report shows the base rate instead). */
export function FiguresHelp({ lift = true }: { lift?: boolean }) {
  const { t } = useApp();
  const terms = lift ? [...TERMS.slice(0, 4), LIFT, ...TERMS.slice(4)] : TERMS;
  return (
    <details className="figures-help" data-testid="figures-help">
      <summary>{t("figures.title")}</summary>
      <dl>
        {terms.map(({ term, meaning }) => (
          <div key={term}>
            <dt>
              <strong>{t(term)}</strong>
            </dt>
            <dd>{t(meaning)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
