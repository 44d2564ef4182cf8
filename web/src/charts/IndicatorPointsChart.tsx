// What each indicator of a back-test added to the records that were hits, in
// points (largest first; negative points to the left in red), and every
// indicator in a table: matches, hits, hit rate, points on hits and in all,
// and its share of all points on hits (the shares add up to 100 %). An
// indicator is named by its label in the reader's language, as the rest of
// the page names it; its code is in the label's tooltip and in the table.
import { useApp } from "../context.js";
import { indicatorLabel } from "../indicator-labels.js";
import { indicatorCaption } from "../screens/backtest-text.js";
import { contributions, type IndicatorPoints } from "./contribution.js";
import { HorizontalBarChart } from "./HorizontalBarChart.js";

/** Bars shown; every indicator is in the table. */
const CHART_ROWS = 15;
const ROW_HEIGHT = 22;
/** Wide enough for most labels on a laptop; a longer one is cut short, whole in its tooltip. */
const LABEL_WIDTH = 230;

/** `indicators` are those that matched a record; `inProfile` is how many the profile has (null: not known here). */
export function IndicatorPointsChart({ indicators, inProfile = null, testId = "indicator-chart" }: { indicators: readonly IndicatorPoints[]; inProfile?: number | null; testId?: string }) {
  const { t, fmt } = useApp();
  if (indicators.length === 0) return null;
  const all = contributions(indicators);
  const shown = all.slice(0, CHART_ROWS);
  const points = (v: number) => fmt.number(v, 1);
  // An indicator without a label (one written by hand may have none) is named by its code.
  const name = (r: { code: string; label: string | null }) => (r.label ? indicatorLabel(t, r.label) : r.code);
  /** The label with its code: "Shipper's country (SHIPPER_COUNTRY)". */
  const named = (r: { code: string; label: string | null }) => (r.label ? `${name(r)} (${r.code})` : r.code);
  const desc = shown.map((r) => t("backtest.pointsDesc", { indicator: named(r), points: points(r.pointsOnHits), share: fmt.percent(r.share) })).join(" ");
  const table = (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">{t("backtest.indicator")}</th>
          <th scope="col" className="num">{t("backtest.matched")}</th>
          <th scope="col" className="num">{t("backtest.matchedHits")}</th>
          <th scope="col" className="num">{t("profiles.hitRate")}</th>
          <th scope="col" className="num">{t("backtest.pointsOnHits")}</th>
          <th scope="col" className="num">{t("backtest.pointsTotal")}</th>
          <th scope="col" className="num">{t("backtest.shareOfPoints")}</th>
        </tr>
      </thead>
      <tbody>
        {all.map((r) => (
          <tr key={r.code}>
            <th scope="row">
              <code>{r.code}</code> {r.label ? indicatorLabel(t, r.label) : null}
            </th>
            <td className="num">{fmt.number(r.matched, 0)}</td>
            <td className="num">{fmt.number(r.matchedHits, 0)}</td>
            <td className="num">{fmt.percent(r.hitRate)}</td>
            <td className="num">{points(r.pointsOnHits)}</td>
            <td className="num">{points(r.pointsTotal)}</td>
            <td className="num">{fmt.percent(r.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <HorizontalBarChart
      testId={testId}
      title={t("backtest.indicatorChart")}
      desc={desc}
      rows={shown.map((r) => ({ key: r.code, label: name(r), hint: named(r), value: r.pointsOnHits }))}
      valueName={t("backtest.pointsOnHits")}
      format={points}
      caption={indicatorCaption(t, (n) => fmt.number(n, 0), { shown: shown.length, matched: all.length, inProfile })}
      table={table}
      tableSummary={t("backtest.allIndicators", { n: fmt.number(all.length, 0) })}
      height={Math.max(120, shown.length * ROW_HEIGHT + 40)}
      labelWidth={LABEL_WIDTH}
    />
  );
}
