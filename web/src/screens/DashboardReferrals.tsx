// Referral follow-up: the funnel over everything in view (seizures, referred,
// in time, acknowledged, investigations, controlled deliveries, prosecutions,
// arrests, overdue), then the same figures broken down by unit, country or
// commodity. Each table exports its own CSV. The funnel is a bar chart at the
// card's width (it never overflows it), with its figures as a table.
import { HorizontalBarChart } from "../charts/HorizontalBarChart.js";
import { useApp } from "../context.js";
import { funnelStages, type DashboardData } from "../dashboard-data.js";
import { FUNNEL_GROUPS, type CsvExport, type FunnelGroup } from "../dashboard-filters.js";
import { Empty } from "../ui.js";
import { BlockHead, Card, Choice, useKeyLabel } from "./DashboardParts.js";

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
  const ratio = (percent: number | null) => (percent === null ? null : percent / 100);
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
      <BlockHead id="funnel-by-h" level={3} title={byTitle} csv={props.csvBy} />
      <Choice label={t("funnel.breakDown")} value={props.funnelBy} options={FUNNEL_GROUPS} text={(g) => t(`group.${g}`)} onChange={props.onFunnelBy} />
      {props.by.rows.length === 0 ? (
        <Empty>{t("dashboard.empty")}</Empty>
      ) : (
        <div className="scroll">
          <table data-testid="referral-funnel-by" aria-labelledby="funnel-by-h">
            <thead>
              <tr>
                <th scope="col">{t(`group.${props.funnelBy}`)}</th>
                <th scope="col">{t("funnel.seizures")}</th>
                <th scope="col">{t("funnel.referred")}</th>
                <th scope="col">{t("funnel.referredInTime")}</th>
                <th scope="col">{t("funnel.acknowledged")}</th>
                <th scope="col">{t("funnel.investigations")}</th>
                <th scope="col">{t("funnel.controlledDeliveries")}</th>
                <th scope="col">{t("funnel.prosecutions")}</th>
                <th scope="col">{t("funnel.arrested")}</th>
                <th scope="col">{t("funnel.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {props.by.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{keyLabel(props.funnelBy, row.key)}</th>
                  <td className="num">{fmt.number(row.seizures, 0)}</td>
                  <td className="num">{fmt.number(row.referred, 0)}</td>
                  <td className="num">
                    {fmt.number(row.referredInTime, 0)} ({fmt.percent(ratio(row.referredInTimePercent))})
                  </td>
                  <td className="num">{fmt.number(row.acknowledged, 0)}</td>
                  <td className="num">{fmt.number(row.investigationsOpened, 0)}</td>
                  <td className="num">{fmt.number(row.controlledDeliveries, 0)}</td>
                  <td className="num">{fmt.number(row.prosecutions, 0)}</td>
                  <td className="num">{fmt.number(row.personsArrested, 0)}</td>
                  <td className="num">{fmt.number(row.overdueReferrals, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
