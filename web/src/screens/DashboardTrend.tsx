// Seizures per month (or week) by unit, country or commodity: a stacked bar
// chart with its text alternative and a table of the same figures (sortable:
// the busiest month first).
import { CategoryBarChart } from "../charts/CategoryBarChart.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import type { DashboardData } from "../dashboard-data.js";
import { TREND_SERIES, type CsvExport, type TrendSeries } from "../dashboard-filters.js";
import { pivotSeries, timeAxis } from "../time-series.js";
import { Empty } from "../ui.js";
import { BlockHead, Card, Choice, useKeyLabel } from "./DashboardParts.js";

interface PeriodRow {
  label: string;
  index: number;
}

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
  // The chart's figures as a table: one row a period (in time order until sorted), one column a series.
  const rows: PeriodRow[] = groups.map((label, index) => ({ label, index }));
  const columns: DataColumn<PeriodRow>[] = [
    { id: "period", header: t(`trend.${interval}Header`), rowHeader: true, sortValue: (row) => row.index, cell: (row) => row.label },
    ...series.map(
      (s, i): DataColumn<PeriodRow> => ({
        id: `series-${i}`,
        header: s.label,
        numeric: true,
        descFirst: true,
        sortValue: (row) => table.values[row.index]?.[i] ?? 0,
        cell: (row) => fmt.number(table.values[row.index]?.[i] ?? 0, 0),
      }),
    ),
    { id: "total", header: t("trend.total"), numeric: true, descFirst: true, sortValue: (row) => table.totals[row.index] ?? 0, cell: (row) => fmt.number(table.totals[row.index] ?? 0, 0) },
  ];
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
            <DataTable
              rows={rows}
              columns={columns}
              rowKey={(row) => String(row.index)}
              className="compact"
              sortLabel={(column) => t("table.sortBy", { column })}
            />
          }
        />
      )}
    </Card>
  );
}
