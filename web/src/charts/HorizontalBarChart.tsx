// One horizontal bar per row (a funnel stage, an indicator), lengths in the
// rows' own unit (counts, points); negative values go left of zero in red.
// Drawn at the width of its box, so it never overflows its card. A label cut
// short to fit, or a row with a hint (an indicator's code), shows it whole in
// the label's tooltip and in the bar's.
import { Bar, BarChart, CartesianGrid, Rectangle, ReferenceLine, Text, Tooltip, XAxis, YAxis, type BarShapeProps, type YAxisTickContentProps } from "recharts";
import { ChartFigure } from "./ChartFigure.js";
import { NEGATIVE_COLOUR, seriesColour } from "./palette.js";

export interface HorizontalBarChartProps {
  testId: string;
  title: string;
  desc: string;
  /** `key` tells rows apart when labels may repeat (default: the label); `hint` is the label's tooltip (e.g. "Label (CODE)"). */
  rows: readonly { key?: string; label: string; hint?: string; value: number }[];
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
  const maxChars = Math.floor(labelWidth / 7);
  const data = props.rows.map((r) => ({ key: r.key ?? r.label, label: r.label, hint: r.hint, value: r.value }));
  const byKey = new Map(data.map((d) => [d.key, d]));
  // Recharts hands a tick the text's props and the category, the row's key, as payload.value. Without the
  // axis's width the label stays on one line, cut short to fit (with it, Text broke it into lines that
  // overlapped the next row's).
  const tick = ({ payload, width: _width, index: _index, visibleTicksCount: _count, tickFormatter: _format, orientation: _side, padding: _padding, ...text }: YAxisTickContentProps) => {
    const key = String(payload.value ?? "");
    const row = byKey.get(key);
    const label = row?.label ?? key;
    const shown = shorten(label, maxChars);
    const hint = row?.hint ?? (shown === label ? undefined : label);
    return (
      <g>
        {hint !== undefined && <title>{hint}</title>}
        <Text {...text} fontSize={11}>
          {shown}
        </Text>
      </g>
    );
  };
  const hasNegative = props.rows.some((r) => r.value < 0);
  return (
    <ChartFigure testId={props.testId} caption={props.caption} table={props.table} tableSummary={props.tableSummary}>
      <BarChart responsive style={{ width: "100%", height }} layout="vertical" data={data} title={props.title} desc={props.desc} role="img" margin={{ top: 4, right: 16, bottom: 0, left: 0 }} className="chart-svg">
        <CartesianGrid horizontal={false} stroke="#e3e5ea" />
        <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={props.format} domain={hasNegative ? ["auto", "auto"] : [0, "auto"]} />
        <YAxis type="category" dataKey="key" width={labelWidth} interval={0} tick={tick} fontSize={11} />
        {hasNegative && <ReferenceLine x={0} stroke="#333" />}
        <Tooltip
          formatter={(value) => [typeof value === "number" ? props.format(value) : String(value), props.valueName]}
          labelFormatter={(key) => {
            const row = typeof key === "string" ? byKey.get(key) : undefined;
            return row ? (row.hint ?? row.label) : key;
          }}
        />
        <Bar dataKey="value" name={props.valueName} isAnimationActive={false} shape={barShape} />
      </BarChart>
    </ChartFigure>
  );
}
