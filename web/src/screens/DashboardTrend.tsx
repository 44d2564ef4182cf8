// Seizures per month (or week) by unit, country or commodity: a stacked bar
// chart with its text alternative and a table of the same figures.
import { CategoryBarChart } from "../charts/CategoryBarChart.js";
import { useApp } from "../context.js";
import type { DashboardData } from "../dashboard-data.js";
import { TREND_SERIES, type CsvExport, type TrendSeries } from "../dashboard-filters.js";
import { pivotSeries, timeAxis } from "../time-series.js";
import { Empty } from "../ui.js";
import { BlockHead, Card, Choice, useKeyLabel } from "./DashboardParts.js";

export function TrendBlock(props: {
  data: DashboardData["overTime"];
  period: { from: string; to: string };
  today: string;
  series: TrendSeries;
  onSeries: (series: TrendSeries) => void;
  csv: CsvExport;
}) {
  const { t, fmt } = useApp();
  const keyLabel = useKeyLabel();
  const { data } = props;
  const interval = data.interval;
  const axis = timeAxis(props.period, data.rows.map((r) => r.period), interval, props.today);
  const table = pivotSeries(data.rows, axis);
  const periodLabel = (key: string) => (interval === "month" ? fmt.month(key) : t("trend.weekOf", { date: fmt.date(key) }));
  const seriesLabel = (key: string, other: boolean) => (other ? t("trend.other") : keyLabel(data.series, key));
  const series = table.series.map((s) => ({ label: seriesLabel(s.key, s.other) }));
  const groups = table.periods.map(periodLabel);
  const title = t("trend.title", { interval: t(`trend.${interval}`), series: t(`group.${props.series}`).toLowerCase() });
  const desc = table.total === 0
    ? t("dashboard.empty")
    : table.periods
        .map((_, p) => {
          if (table.totals[p] === 0) return null;
          const detail = table.series
            .map((s, i) => [series[i]!.label, table.values[p]![i]!] as const)
            .filter(([, n]) => n > 0)
            .map(([label, n]) => `${label} ${fmt.number(n, 0)}`)
            .join(", ");
          return t("trend.descPeriod", { period: groups[p]!, n: fmt.number(table.totals[p], 0), detail });
        })
        .filter((text) => text !== null)
        .join("; ");

  return (
    <Card labelledBy="trend-h">
      <BlockHead id="trend-h" title={title} csv={props.csv} />
      <Choice label={t("trend.seriesBy")} value={props.series} options={TREND_SERIES} text={(s) => t(`group.${s}`)} onChange={props.onSeries} />
      {table.total === 0 ? (
        <Empty>{t("dashboard.empty")}</Empty>
      ) : (
        <CategoryBarChart
          testId="seizure-trend"
          title={title}
          desc={desc}
          caption={t(interval === "week" ? "trend.captionWeek" : "trend.captionMonth", { n: table.total })}
          categories={groups}
          series={table.series.map((s, i) => ({ label: series[i]!.label, other: s.other }))}
          values={table.values}
          stacked
          format={(v) => fmt.number(v, 1)}
          height={260}
          wide
          table={
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t(`trend.${interval}Header`)}</th>
                  {series.map((s) => (
                    <th key={s.label} scope="col">
                      {s.label}
                    </th>
                  ))}
                  <th scope="col">{t("trend.total")}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((label, g) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    {series.map((s, i) => (
                      <td key={s.label} className="num">
                        {fmt.number(table.values[g]?.[i] ?? 0, 0)}
                      </td>
                    ))}
                    <td className="num">{fmt.number(table.totals[g] ?? 0, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </Card>
  );
}
