// Referral follow-up: the funnel over everything in view (seizures, referred,
// acknowledged, investigations, controlled deliveries, prosecutions, in the
// order the follow-up happens) with the figures that are not stages beside it
// (referred in time, overdue, persons arrested), then the same figures broken down by unit, country or
// commodity. Each table exports its own CSV. The funnel is a bar chart at the
// card's width (it never overflows it), with its figures as a table; the
// breakdown sorts by any of its columns.
import { HorizontalBarChart } from "../charts/HorizontalBarChart.js";
import { useApp } from "../context.js";
import { funnelSideFigures, funnelStages, type DashboardData } from "../dashboard-data.js";
import { FUNNEL_GROUPS, type CsvExport, type FunnelGroup } from "../dashboard-filters.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import type { Translate } from "../i18n.js";
import type { Formatters } from "../format.js";
import { Empty } from "../ui.js";
import { BlockHead, Card, Choice, useKeyLabel } from "./DashboardParts.js";

type BreakdownRow = DashboardData["referralsBy"]["rows"][number];

const ratio = (percent: number | null) => (percent === null ? null : percent / 100);

/** The follow-up figures of one unit, country or commodity: counts largest first when sorted. */
function breakdownColumns(t: Translate, fmt: Formatters, group: FunnelGroup, keyLabel: (group: string, key: string) => string): DataColumn<BreakdownRow>[] {
  const count = (id: string, header: string, value: (row: BreakdownRow) => number): DataColumn<BreakdownRow> => ({
    id,
    header,
    numeric: true,
    descFirst: true,
    sortValue: value,
    cell: (row) => fmt.number(value(row), 0),
  });
  return [
    { id: "key", header: t(`group.${group}`), rowHeader: true, sortValue: (row) => keyLabel(group, row.key), cell: (row) => keyLabel(group, row.key) },
    count("seizures", t("funnel.seizures"), (row) => row.seizures),
    count("referred", t("funnel.referred"), (row) => row.referred),
    {
      id: "referredInTime",
      header: t("funnel.referredInTime"),
      numeric: true,
      descFirst: true,
      sortValue: (row) => row.referredInTime,
      cell: (row) => `${fmt.number(row.referredInTime, 0)} (${fmt.percent(ratio(row.referredInTimePercent))})`,
    },
    count("acknowledged", t("funnel.acknowledged"), (row) => row.acknowledged),
    count("investigations", t("funnel.investigations"), (row) => row.investigationsOpened),
    count("controlledDeliveries", t("funnel.controlledDeliveries"), (row) => row.controlledDeliveries),
    count("prosecutions", t("funnel.prosecutions"), (row) => row.prosecutions),
    count("arrested", t("funnel.arrested"), (row) => row.personsArrested),
    count("overdue", t("funnel.overdue"), (row) => row.overdueReferrals),
  ];
}

export function ReferralBlock(props: {
  overall: DashboardData["referrals"];
  by: DashboardData["referralsBy"];
  funnelBy: FunnelGroup;
  onFunnelBy: (group: FunnelGroup) => void;
  csv: CsvExport;
  csvBy: CsvExport;
}) {
  const { t, fmt } = useApp();
  const keyLabel = useKeyLabel();
  const funnel = props.overall.rows[0];
  const stages = funnel ? funnelStages(funnel) : [];
  const side = funnel ? funnelSideFigures(funnel) : [];
  const byColumns = breakdownColumns(t, fmt, props.funnelBy, keyLabel);
  const byTitle = t("funnel.byTitle", { group: t(`group.${props.funnelBy}`).toLowerCase() });
  return (
    <Card labelledBy="funnel-h">
      <BlockHead id="funnel-h" title={t("dashboard.referrals")} csv={props.csv} />
      {!funnel || funnel.seizures === 0 ? (
        <Empty>{t("dashboard.empty")}</Empty>
      ) : (
        <HorizontalBarChart
          testId="referral-funnel"
          title={t("dashboard.referrals")}
          desc={stages.map(([key, value]) => `${t(key)}: ${fmt.number(value, 0)}`).join("; ")}
          rows={stages.map(([key, value]) => ({ label: t(key), value }))}
          valueName={t("dashboard.count")}
          format={(v) => fmt.number(v, 0)}
          height={260}
          labelWidth={170}
          table={
            <table className="compact funnel">
              <tbody>
                {stages.map(([key, value]) => (
                  <tr key={key}>
                    <th scope="row">{t(key)}</th>
                    <td className="num">{fmt.number(value, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
      {funnel && funnel.seizures > 0 && (
        <dl className="funnel-side" data-testid="referral-side-figures" aria-label={t("funnel.sideFigures")}>
          {side.map(([key, value]) => (
            <div key={key}>
              <dt>{t(key)}</dt>
              <dd>{fmt.number(value, 0)}</dd>
            </div>
          ))}
        </dl>
      )}
      <BlockHead id="funnel-by-h" level={3} title={byTitle} csv={props.csvBy} />
      <Choice label={t("funnel.breakDown")} value={props.funnelBy} options={FUNNEL_GROUPS} text={(g) => t(`group.${g}`)} onChange={props.onFunnelBy} />
      {props.by.rows.length === 0 ? (
        <Empty>{t("dashboard.empty")}</Empty>
      ) : (
        <DataTable
          rows={props.by.rows}
          columns={byColumns}
          rowKey={(row) => row.key}
          labelledBy="funnel-by-h"
          testId="referral-funnel-by"
          scrollCue={t("table.scrollCue")}
          sortLabel={(column) => t("table.sortBy", { column })}
        />
      )}
    </Card>
  );
}
