// One horizontal bar per row (a funnel stage, an indicator), lengths in the
// rows' own unit (counts, points); negative values go left of zero in red.
// Drawn at the width of its box, so it never overflows its card.
import { Bar, BarChart, CartesianGrid, Rectangle, ReferenceLine, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { ChartFigure } from "./ChartFigure.js";
import { NEGATIVE_COLOUR, seriesColour } from "./palette.js";

export interface HorizontalBarChartProps {
  testId: string;
  title: string;
  desc: string;
  rows: readonly { label: string; value: number }[];
  /** What a value is (the tooltip's name): "Seizures", "Points on hits"… */
  valueName: string;
  format: (value: number) => string;
  caption?: string;
  table: React.ReactNode;
  tableSummary?: string;
  /** Height in pixels (the width is the card's). */
  height?: number;
  /** Width of the labels' column in pixels. */
  labelWidth?: number;
}

const shorten = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** A bar below zero is red, the others the first series' colour. */
const barShape = (bar: BarShapeProps) => {
  const value = Array.isArray(bar.value) ? bar.value[1] - bar.value[0] : bar.value;
  return <Rectangle {...bar} fill={value < 0 ? NEGATIVE_COLOUR : seriesColour(0)} />;
};

export function HorizontalBarChart(props: HorizontalBarChartProps) {
  const height = props.height ?? 260;
  const labelWidth = props.labelWidth ?? 140;
  const data = props.rows.map((r) => ({ label: r.label, value: r.value }));
  const hasNegative = props.rows.some((r) => r.value < 0);
  return (
    <ChartFigure testId={props.testId} caption={props.caption} table={props.table} tableSummary={props.tableSummary}>
      <BarChart responsive style={{ width: "100%", height }} layout="vertical" data={data} title={props.title} desc={props.desc} role="img" margin={{ top: 4, right: 16, bottom: 0, left: 0 }} className="chart-svg">
        <CartesianGrid horizontal={false} stroke="#e3e5ea" />
        <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={props.format} domain={hasNegative ? ["auto", "auto"] : [0, "auto"]} />
        <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={{ fontSize: 11 }} tickFormatter={(label: string) => shorten(label, Math.floor(labelWidth / 7))} />
        {hasNegative && <ReferenceLine x={0} stroke="#333" />}
        <Tooltip formatter={(value) => [typeof value === "number" ? props.format(value) : String(value), props.valueName]} />
        <Bar dataKey="value" name={props.valueName} isAnimationActive={false} shape={barShape} />
      </BarChart>
    </ChartFigure>
  );
}
