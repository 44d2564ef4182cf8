// Vertical bars per category (a share inspected, a month…), one bar per
// series side by side, or stacked. Recharts draws it at the width of its box
// (`responsive`), so it never overflows its card; the SVG is an image named
// by its title and described by `desc`, with Recharts' keyboard layer for the
// tooltips.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "./ChartFigure.js";
import type { CountAxis } from "./count-axis.js";
import { OTHER_COLOUR, seriesColour } from "./palette.js";

export interface BarSeries {
  label: string;
  /** Lumped series ("other") are grey. */
  other?: boolean;
}

export interface CategoryBarChartProps {
  testId: string;
  title: string;
  /** The chart's figures in words (the SVG's description). */
  desc: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** values[category][series]; null: no figure. */
  values: readonly (readonly (number | null)[])[];
  stacked?: boolean;
  /** Highest value of the axis (e.g. 1 for ratios); the data's maximum when absent. */
  domainMax?: number;
  /** Whole counts: this axis (countAxis) instead of Recharts' ticks, which may repeat a number once rounded. */
  countAxis?: CountAxis;
  format: (value: number) => string;
  caption?: string;
  table: React.ReactNode;
  tableSummary?: string;
  /** Height in pixels (the width is the card's). */
  height?: number;
  wide?: boolean;
}

/** Recharts reads rows of named fields: one row per category, field s<i> per series. */
export function chartRows(categories: readonly string[], values: readonly (readonly (number | null)[])[]): Record<string, string | number | null>[] {
  return categories.map((label, c) => {
    const row: Record<string, string | number | null> = { label };
    (values[c] ?? []).forEach((value, s) => (row[`s${s}`] = value));
    return row;
  });
}

/** The legend as an HTML list (dark text, a colour swatch each): Recharts' own writes each label in its series' colour, too pale to read on white. */
function SeriesLegend({ series }: { series: readonly BarSeries[] }) {
  return (
    <ul className="legend-list">
      {series.map((s, i) => (
        <li key={s.label}>
          <span aria-hidden="true" className="legend-swatch" style={{ background: s.other ? OTHER_COLOUR : seriesColour(i) }} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

export function CategoryBarChart(props: CategoryBarChartProps) {
  const height = props.height ?? 220;
  const data = chartRows(props.categories, props.values);
  return (
    <ChartFigure testId={props.testId} caption={props.caption} table={props.table} tableSummary={props.tableSummary} wide={props.wide}>
      <BarChart responsive style={{ width: "100%", height }} data={data} title={props.title} desc={props.desc} role="img" margin={{ top: 8, right: 8, bottom: 0, left: 0 }} className="chart-svg">
        <CartesianGrid vertical={false} stroke="#e3e5ea" />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={8} tick={{ fontSize: 11 }} />
        {props.countAxis ? (
          <YAxis width={52} tick={{ fontSize: 11 }} tickFormatter={props.format} domain={props.countAxis.domain} ticks={props.countAxis.ticks} allowDecimals={false} />
        ) : (
          <YAxis width={52} tick={{ fontSize: 11 }} tickFormatter={props.format} domain={[0, props.domainMax ?? "auto"]} allowDecimals />
        )}
        <Tooltip formatter={(value) => (typeof value === "number" ? props.format(value) : String(value))} />
        <Legend content={() => <SeriesLegend series={props.series} />} />
        {props.series.map((s, i) => (
          <Bar key={s.label} dataKey={`s${i}`} name={s.label} fill={s.other ? OTHER_COLOUR : seriesColour(i)} stackId={props.stacked ? "stack" : undefined} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}
