// Profile performance in operation: per profile version (selection and hit
// rates), then per indicator: the shipments it fired on, how many were
// selected and inspected, the hits among the selected, and the seizures.
// Both tables sort by any column (counts and rates largest first).
import { useMemo } from "react";
import { useApp } from "../context.js";
import type { DashboardData } from "../dashboard-data.js";
import type { CsvExport } from "../dashboard-filters.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { indicatorLabel } from "../indicator-labels.js";
import { Empty } from "../ui.js";
import { BlockHead, Card } from "./DashboardParts.js";

type ProfileRow = DashboardData["profiles"]["rows"][number];
type IndicatorRow = DashboardData["indicators"]["rows"][number];

const ratio = (percent: number | null) => (percent === null ? null : percent / 100);

export function ProfileBlock({ data, csv }: { data: DashboardData["profiles"]; csv: CsvExport }) {
  const { t, fmt } = useApp();
  const columns = useMemo<DataColumn<ProfileRow>[]>(
    () => [
      { id: "unit", header: t("pilot.unit"), sortValue: (r) => r.unit, cell: (r) => r.unit },
      { id: "profile", header: t("profiles.code"), rowHeader: true, sortValue: (r) => r.profile, cell: (r) => <code>{r.profile}</code> },
      { id: "version", header: t("profiles.version"), numeric: true, sortValue: (r) => r.version, cell: (r) => r.version },
      { id: "assessed", header: t("perf.assessed"), numeric: true, descFirst: true, sortValue: (r) => r.assessed, cell: (r) => fmt.number(r.assessed, 0) },
      { id: "selected", header: t("profiles.selected"), numeric: true, descFirst: true, sortValue: (r) => r.selected, cell: (r) => fmt.number(r.selected, 0) },
      { id: "selectionRate", header: t("editor.selectionRate"), numeric: true, descFirst: true, sortValue: (r) => r.selectionRatePercent, cell: (r) => fmt.percent(ratio(r.selectionRatePercent)) },
      { id: "inspected", header: t("perf.inspected"), numeric: true, descFirst: true, sortValue: (r) => r.inspectedSelected, cell: (r) => fmt.number(r.inspectedSelected, 0) },
      { id: "hits", header: t("perf.hits"), numeric: true, descFirst: true, sortValue: (r) => r.hits, cell: (r) => fmt.number(r.hits, 0) },
      { id: "hitRate", header: t("profiles.hitRate"), numeric: true, descFirst: true, sortValue: (r) => r.hitRatePercent, cell: (r) => fmt.percent(ratio(r.hitRatePercent)) },
    ],
    [t, fmt],
  );
  return (
    <Card labelledBy="perf-h">
      <BlockHead id="perf-h" title={t("dashboard.profiles")} csv={csv} />
      {data.rows.length === 0 ? (
        <Empty>{t("dashboard.noProfiles")}</Empty>
      ) : (
        <DataTable
          rows={data.rows}
          columns={columns}
          rowKey={(r) => `${r.unit}/${r.profile}/${r.version}`}
          labelledBy="perf-h"
          testId="profile-performance"
          scrollCue={t("table.scrollCue")}
          sortLabel={(column) => t("table.sortBy", { column })}
        />
      )}
    </Card>
  );
}

export function IndicatorBlock({ data, csv }: { data: DashboardData["indicators"]; csv: CsvExport }) {
  const { t, fmt } = useApp();
  const columns = useMemo<DataColumn<IndicatorRow>[]>(
    () => [
      { id: "unit", header: t("pilot.unit"), sortValue: (r) => r.unit, cell: (r) => r.unit },
      {
        id: "profile",
        header: t("profiles.code"),
        sortValue: (r) => `${r.profile} v${r.version}`,
        cell: (r) => (
          <>
            <code>{r.profile}</code> v{r.version}
          </>
        ),
      },
      {
        id: "indicator",
        header: t("backtest.indicator"),
        rowHeader: true,
        sortValue: (r) => (r.label ? indicatorLabel(t, r.label) : r.indicator),
        cell: (r) => (
          <>
            <code>{r.indicator}</code> {r.label ? indicatorLabel(t, r.label) : null}
          </>
        ),
      },
      { id: "firedOn", header: t("perf.firedOn"), numeric: true, descFirst: true, sortValue: (r) => r.assessed, cell: (r) => fmt.number(r.assessed, 0) },
      { id: "selected", header: t("profiles.selected"), numeric: true, descFirst: true, sortValue: (r) => r.selected, cell: (r) => fmt.number(r.selected, 0) },
      { id: "inspected", header: t("perf.inspectedAll"), numeric: true, descFirst: true, sortValue: (r) => r.inspected, cell: (r) => fmt.number(r.inspected, 0) },
      { id: "hits", header: t("perf.hits"), numeric: true, descFirst: true, sortValue: (r) => r.hits, cell: (r) => fmt.number(r.hits, 0) },
      { id: "hitRate", header: t("profiles.hitRate"), numeric: true, descFirst: true, sortValue: (r) => r.hitRatePercent, cell: (r) => fmt.percent(ratio(r.hitRatePercent)) },
      { id: "seizures", header: t("perf.seizures"), numeric: true, descFirst: true, sortValue: (r) => r.seizures, cell: (r) => fmt.number(r.seizures, 0) },
    ],
    [t, fmt],
  );
  return (
    <Card labelledBy="ind-h">
      <BlockHead id="ind-h" title={t("perf.byIndicator")} csv={csv} />
      <p className="help">{t("perf.byIndicatorHelp")}</p>
      {data.rows.length === 0 ? (
        <Empty>{t("dashboard.noProfiles")}</Empty>
      ) : (
        <DataTable
          rows={data.rows}
          columns={columns}
          rowKey={(r) => `${r.unit}/${r.profile}/${r.version}/${r.indicator}`}
          labelledBy="ind-h"
          testId="indicator-performance"
          scrollCue={t("table.scrollCue")}
          sortLabel={(column) => t("table.sortBy", { column })}
        />
      )}
    </Card>
  );
}
