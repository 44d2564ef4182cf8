// Inline SVG charts (no library, no inline styles: colours come from classes),
// each with a <title>/<desc> and a table of the same figures.
import { countTicks, groupedBars, horizontalBars, labelStep, niceCeiling, sharesOf, stackedBars, ticks } from "./charts.js";
import { useApp } from "./context.js";

const WIDTH = 480;
const HEIGHT = 200;
const MARGIN = { left: 44, bottom: 28, top: 10, right: 10 };

/** Precision and recall by share inspected, as grouped bars with a table of the same figures. */
export function PrecisionRecallChart({ precision, recall, id = "pr" }: { precision: Record<string, number | null>; recall: Record<string, number | null>; id?: string }) {
  const { t, fmt } = useApp();
  const shares = sharesOf(precision);
  if (shares.length === 0) return null;
  const groups = shares.map((s) => ({ label: `${s.percent}%`, values: [precision[s.key] ?? null, recall[s.key] ?? null] }));
  const max = niceCeiling(Math.min(1, Math.max(0, ...groups.flatMap((g) => g.values.map((v) => v ?? 0)))));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bars = groupedBars(groups, plotW, plotH, max);
  const slot = plotW / groups.length;
  const series = [t("editor.precision"), t("editor.recall")];
  return (
    <figure className="chart" data-testid="pr-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t("analysis.chartTitle")}</title>
        <desc id={`${id}-desc`}>
          {groups.map((g) => t("analysis.chartDesc", { share: g.label, precision: fmt.percent(g.values[0]), recall: fmt.percent(g.values[1]) })).join(" ")}
        </desc>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {ticks(max).map((v) => {
            const y = plotH - (v / max) * plotH;
            return (
              <g key={v} className="tick">
                <line x1={0} x2={plotW} y1={y} y2={y} />
                <text x={-6} y={y + 4} textAnchor="end">
                  {fmt.percent(v)}
                </text>
              </g>
            );
          })}
          {bars.map((b) => (
            <rect key={`${b.group}-${b.series}`} className={`series-${b.series}`} x={b.x} y={b.y} width={b.width} height={b.height} />
          ))}
          {groups.map((g, i) => (
            <text key={g.label} className="axis-label" x={i * slot + slot / 2} y={plotH + 18} textAnchor="middle">
              {g.label}
            </text>
          ))}
        </g>
      </svg>
      <figcaption>
        <span className="legend series-0">{series[0]}</span> <span className="legend series-1">{series[1]}</span> — {t("analysis.chartCaption")}
      </figcaption>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t("analysis.share")}</th>
            <th scope="col">{series[0]}</th>
            <th scope="col">{series[1]}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.label}>
              <th scope="row">{g.label}</th>
              <td className="num">{fmt.percent(g.values[0])}</td>
              <td className="num">{fmt.percent(g.values[1])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface IndicatorFigure {
  code: string;
  label: string | null;
  matched: number;
  matchedHits: number;
  hitRate: number | null;
  contribution: number | null;
}

const ROW = 22;
const LABEL_W = 150;
const BAR_W = 300;
const CHART_ROWS = 15;

/** Per-indicator contribution (share of its points that landed on hits), strongest first; every indicator in a table. */
export function IndicatorContributionChart({ indicators, id }: { indicators: readonly IndicatorFigure[]; id: string }) {
  const { t, fmt } = useApp();
  if (indicators.length === 0) return null;
  const all = [...indicators].sort((a, b) => (b.contribution ?? -1) - (a.contribution ?? -1));
  const rows = all.slice(0, CHART_ROWS);
  const bars = horizontalBars(
    rows.map((r) => r.contribution),
    BAR_W,
    ROW,
    1,
  );
  const height = rows.length * ROW + 4;
  return (
    <figure className="chart" data-testid="indicator-chart">
      <svg viewBox={`0 0 ${LABEL_W + BAR_W + 60} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t("backtest.indicatorChart")}</title>
        <desc id={`${id}-desc`}>{rows.map((r) => `${r.code}: ${fmt.percent(r.contribution)}`).join("; ")}</desc>
        {bars.map((b) => {
          const row = rows[b.index]!;
          return (
            <g key={row.code}>
              <text x={LABEL_W - 6} y={b.y + ROW * 0.55} textAnchor="end">
                {row.code.length > 22 ? `${row.code.slice(0, 21)}…` : row.code}
              </text>
              <rect className="series-0" x={LABEL_W} y={b.y} width={b.length} height={ROW * 0.7} />
              <text x={LABEL_W + b.length + 4} y={b.y + ROW * 0.55}>
                {fmt.percent(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t("backtest.strongestShown", { shown: fmt.number(rows.length, 0), total: fmt.number(all.length, 0) })}</figcaption>
      <details>
        <summary>{t("backtest.allIndicators", { n: fmt.number(all.length, 0) })}</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t("backtest.indicator")}</th>
              <th scope="col">{t("backtest.matched")}</th>
              <th scope="col">{t("backtest.matchedHits")}</th>
              <th scope="col">{t("profiles.hitRate")}</th>
              <th scope="col">{t("backtest.contribution")}</th>
            </tr>
          </thead>
          <tbody>
            {all.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <code>{r.code}</code> {r.label}
                </th>
                <td className="num">{fmt.number(r.matched, 0)}</td>
                <td className="num">{fmt.number(r.matchedHits, 0)}</td>
                <td className="num">{fmt.percent(r.hitRate)}</td>
                <td className="num">{fmt.percent(r.contribution)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface StackedSeries {
  label: string;
  /** "series-0"… or "series-other": the colour of the bars and the legend. */
  className: string;
}

const STACK_W = 640;
const STACK_H = 220;
const MAX_AXIS_LABELS = 12;

/**
 * Counts per group (e.g. per month) stacked by series (e.g. per unit), with a
 * legend, a text alternative (`desc`) and a table of the same figures with a
 * total per group.
 */
export function StackedBarChart(props: {
  id: string;
  testId: string;
  title: string;
  desc: string;
  caption: string;
  groupHeader: string;
  totalHeader: string;
  groups: readonly string[];
  series: readonly StackedSeries[];
  values: readonly (readonly number[])[];
  totals: readonly number[];
}) {
  const { fmt } = useApp();
  const { id, groups, series, values, totals } = props;
  const max = niceCeiling(Math.max(0, ...totals));
  const plotW = STACK_W - MARGIN.left - MARGIN.right;
  const plotH = STACK_H - MARGIN.top - MARGIN.bottom;
  const slot = plotW / Math.max(1, groups.length);
  const step = labelStep(groups.length, MAX_AXIS_LABELS);
  return (
    <figure className="chart wide" data-testid={props.testId}>
      <svg viewBox={`0 0 ${STACK_W} ${STACK_H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.desc}</desc>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {countTicks(max).map((v) => {
            const y = plotH - (v / max) * plotH;
            return (
              <g key={v} className="tick">
                <line x1={0} x2={plotW} y1={y} y2={y} />
                <text x={-6} y={y + 4} textAnchor="end">
                  {fmt.number(v, 1)}
                </text>
              </g>
            );
          })}
          {stackedBars(values, plotW, plotH, max).map((b) => (
            <rect key={`${b.group}-${b.series}`} className={series[b.series]?.className} x={b.x} y={b.y} width={b.width} height={b.height} />
          ))}
          {groups.map((label, i) =>
            i % step === 0 ? (
              <text key={label} className="axis-label" x={i * slot + slot / 2} y={plotH + 18} textAnchor="middle">
                {label}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption>
        <ul className="legend-list">
          {series.map((s) => (
            <li key={s.label}>
              <span className={`legend ${s.className}`}>{s.label}</span>
            </li>
          ))}
        </ul>
        {props.caption}
      </figcaption>
      <div className="scroll">
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{props.groupHeader}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
              <th scope="col">{props.totalHeader}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((label, g) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s, i) => (
                  <td key={s.label} className="num">
                    {fmt.number(values[g]?.[i] ?? 0, 0)}
                  </td>
                ))}
                <td className="num">{fmt.number(totals[g] ?? 0, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
