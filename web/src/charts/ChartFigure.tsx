// The frame of every chart: a figure whose chart takes the card's width (never
// more: it is measured, not fixed), a caption, and the same figures as a
// table, the text alternative for screen readers and for reading exact values.
import type { ReactNode } from "react";

export function ChartFigure(props: {
  testId: string;
  /** The chart itself (a Recharts chart with `responsive` and a height: the width follows the card). */
  children: ReactNode;
  caption?: ReactNode;
  /** The same figures as a table. */
  table: ReactNode;
  /** When set, the table is folded under this summary (for long tables). */
  tableSummary?: string;
  wide?: boolean;
}) {
  return (
    <figure className={props.wide ? "chart-figure wide" : "chart-figure"} data-testid={props.testId}>
      <div className="chart-box">{props.children}</div>
      {props.caption && <figcaption>{props.caption}</figcaption>}
      {props.tableSummary ? (
        <details>
          <summary>{props.tableSummary}</summary>
          <div className="scroll">{props.table}</div>
        </details>
      ) : (
        <div className="scroll">{props.table}</div>
      )}
    </figure>
  );
}
